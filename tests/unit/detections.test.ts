import { describe, expect, it } from 'vitest';
import {
  fromPixelDetections,
  toFaceBoxes,
  type PixelDetection,
  type RelativeDetection,
} from '../../src/pipeline/detections';

function det(
  xMin: number,
  yMin: number,
  width: number,
  height: number,
  score: number,
): RelativeDetection {
  return {
    score: [score],
    locationData: {
      relativeBoundingBox: { xMin, yMin, width, height },
      relativeKeypoints: [
        { x: xMin + width * 0.3, y: yMin + height * 0.4 },
        { x: xMin + width * 0.7, y: yMin + height * 0.4 },
      ],
    },
  };
}

describe('toFaceBoxes', () => {
  it('scales normalised boxes and keypoints to frame pixels', () => {
    const [face] = toFaceBoxes(
      [det(0.25, 0.5, 0.25, 0.25, 0.9)],
      640,
      480,
      0.5,
    );
    expect(face).toMatchObject({
      x: 160,
      y: 240,
      width: 160,
      height: 120,
      score: 0.9,
    });
    expect(face.keypoints[0]).toEqual({ x: 160 + 48, y: 240 + 48 });
  });
  it('drops detections below the minimum score', () => {
    expect(toFaceBoxes([det(0.1, 0.1, 0.2, 0.2, 0.4)], 100, 100, 0.5)).toEqual(
      [],
    );
  });
  it('clips boxes to the frame and drops boxes entirely outside it', () => {
    const faces = toFaceBoxes(
      [det(-0.1, -0.1, 0.3, 0.3, 0.9), det(1.2, 0.2, 0.1, 0.1, 0.9)],
      100,
      100,
      0.5,
    );
    expect(faces).toHaveLength(1);
    expect(faces[0]).toMatchObject({ x: 0, y: 0, width: 20, height: 20 });
  });
  it('orders faces left to right for stable labels', () => {
    const faces = toFaceBoxes(
      [det(0.6, 0.1, 0.1, 0.1, 0.8), det(0.1, 0.1, 0.1, 0.1, 0.7)],
      100,
      100,
      0.5,
    );
    expect(faces.map((f) => f.x)).toEqual([10, 60]);
  });
});

/** A MediaPipe Tasks detection: box in pixels, keypoints normalised. */
function px(x: number, y: number, size: number, score: number): PixelDetection {
  return {
    categories: [{ score }],
    boundingBox: { originX: x, originY: y, width: size, height: size },
    keypoints: [{ x: (x + size / 2) / 640, y: (y + size / 2) / 480 }],
  };
}

describe('fromPixelDetections (MediaPipe Tasks)', () => {
  it('keeps pixel boxes, scales keypoints to pixels, sorts left to right', () => {
    const faces = fromPixelDetections(
      [px(300, 100, 80, 0.9), px(20, 40, 60, 0.8)],
      640,
      480,
      0.5,
      20,
    );
    expect(faces.map((f) => f.x)).toEqual([20, 300]);
    expect(faces[1]).toMatchObject({
      y: 100,
      width: 80,
      height: 80,
      score: 0.9,
    });
    expect(faces[1].keypoints[0]).toEqual({ x: 340, y: 140 });
  });

  it('clamps boxes to the frame and drops empty, unboxed or low-score ones', () => {
    const noBox: PixelDetection = {
      categories: [{ score: 0.9 }],
      keypoints: [],
    };
    const faces = fromPixelDetections(
      [
        px(-30, -20, 100, 0.9),
        px(700, 10, 50, 0.9),
        px(10, 10, 50, 0.4),
        noBox,
      ],
      640,
      480,
      0.5,
      20,
    );
    expect(faces).toHaveLength(1);
    expect(faces[0]).toMatchObject({ x: 0, y: 0, width: 70, height: 80 });
  });

  it('keeps the maxFaces best scores, which MediaPipe cannot limit itself', () => {
    const many = [0.7, 0.95, 0.8, 0.9].map((s, i) => px(i * 100, 0, 50, s));
    const faces = fromPixelDetections(many, 640, 480, 0.5, 2);
    expect(faces.map((f) => f.score)).toEqual([0.95, 0.9]);
  });
});
