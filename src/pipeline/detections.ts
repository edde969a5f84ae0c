// Turns either engine's detections into FaceBoxes in frame pixels.
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

type Box = Pick<FaceBox, 'x' | 'y' | 'width' | 'height'>;

/** A pixel box cut to the frame; null when less than a pixel of it is inside. */
function clampBox(
  x: number,
  y: number,
  w: number,
  h: number,
  width: number,
  height: number,
): Box | null {
  const x0 = clamp(x, 0, width);
  const y0 = clamp(y, 0, height);
  const x1 = clamp(x + w, 0, width);
  const y1 = clamp(y + h, 0, height);
  if (x1 - x0 < 1 || y1 - y0 < 1) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

const scaleKeypoints = (ks: readonly Point[], width: number, height: number) =>
  ks.map((k) => ({ x: k.x * width, y: k.y * height }));

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
    const box = clampBox(
      r.xMin * width,
      r.yMin * height,
      r.width * width,
      r.height * height,
      width,
      height,
    );
    if (!box) continue;
    faces.push({
      ...box,
      score,
      keypoints: scaleKeypoints(
        d.locationData.relativeKeypoints ?? [],
        width,
        height,
      ),
    });
  }
  return faces.sort((a, b) => a.x - b.x);
}

/** The shape of MediaPipe Tasks' FaceDetector `detections` that we read. */
export interface PixelDetection {
  categories: { score: number }[];
  /** In frame pixels. */
  boundingBox?: {
    originX: number;
    originY: number;
    width: number;
    height: number;
  };
  /** Normalised to 0..1. */
  keypoints: Point[];
}

/**
 * MediaPipe's detections as FaceBoxes: boxes clamped to the frame, the `maxFaces` best
 * scores kept (MediaPipe has no such option), sorted left to right like toFaceBoxes.
 */
export function fromPixelDetections(
  detections: readonly PixelDetection[],
  width: number,
  height: number,
  minScore: number,
  maxFaces: number,
): FaceBox[] {
  const faces: FaceBox[] = [];
  for (const d of detections) {
    const score = d.categories[0]?.score ?? 0;
    const b = d.boundingBox;
    if (score < minScore || !b) continue;
    const box = clampBox(
      b.originX,
      b.originY,
      b.width,
      b.height,
      width,
      height,
    );
    if (!box) continue;
    faces.push({
      ...box,
      score,
      keypoints: scaleKeypoints(d.keypoints, width, height),
    });
  }
  return faces
    .sort((a, b) => b.score - a.score)
    .slice(0, maxFaces)
    .sort((a, b) => a.x - b.x);
}
