import { describe, expect, it } from 'vitest';
import {
  toFaceBoxes,
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
