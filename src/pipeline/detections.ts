// Turns the detector's normalised detections into FaceBoxes in frame pixels.
// Pure: no tfjs import, no I/O.

import type { FaceBox, Point } from '../shared/types';

/** The shape of @tensorflow-models/face-detection's `detectFaces` output that we read. */
export interface RelativeDetection {
  score: number[];
  locationData: {
    relativeBoundingBox: {
      xMin: number;
      yMin: number;
      width: number;
      height: number;
    };
    relativeKeypoints?: Point[];
  };
}

const clamp = (v: number, lo: number, hi: number): number =>
  Math.min(hi, Math.max(lo, v));

export function toFaceBoxes(
  detections: readonly RelativeDetection[],
  width: number,
  height: number,
  minScore: number,
): FaceBox[] {
  const faces: FaceBox[] = [];
  for (const d of detections) {
    const score = d.score[0] ?? 0;
    if (score < minScore) continue;
    const r = d.locationData.relativeBoundingBox;
    const x0 = clamp(r.xMin * width, 0, width);
    const y0 = clamp(r.yMin * height, 0, height);
    const x1 = clamp((r.xMin + r.width) * width, 0, width);
    const y1 = clamp((r.yMin + r.height) * height, 0, height);
    if (x1 - x0 < 1 || y1 - y0 < 1) continue;
    faces.push({
      x: x0,
      y: y0,
      width: x1 - x0,
      height: y1 - y0,
      score,
      keypoints: (d.locationData.relativeKeypoints ?? []).map((k) => ({
        x: k.x * width,
        y: k.y * height,
      })),
    });
  }
  return faces.sort((a, b) => a.x - b.x);
}
