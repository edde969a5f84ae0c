// The person detector's pure post-processing on hand-built CenterNet outputs: letterbox
// geometry, class and score filtering, mapping to frame pixels, clipping and NMS.

import { describe, expect, it } from 'vitest';
import {
  decodePersons,
  letterbox,
  suppress,
} from '../../src/model/tfjs/person-decode';
import { iou as boxIou } from '../../src/shared/geometry';

const OPTIONS = {
  classIndex: 0,
  minScore: 0.1,
  iouThreshold: 0.5,
  frameWidth: 768,
  frameHeight: 576,
};
const FIT = letterbox(768, 576, 512);

/** Flattens rows of [x1, y1, x2, y2, score, class] as the model's [1,100,6] output reads. */
const rows = (...r: number[][]) => Float32Array.from(r.flat());

describe('letterbox', () => {
  it('fits a landscape frame to the input width and pads below', () => {
    expect(FIT).toEqual({ scale: 512 / 768, width: 512, height: 384 });
  });

  it('fits a portrait frame to the input height', () => {
    expect(letterbox(480, 640, 512)).toEqual({
      scale: 0.8,
      width: 384,
      height: 512,
    });
  });
});

describe('iou (shared/geometry) on person boxes', () => {
  const a = { x: 0, y: 0, width: 10, height: 10, score: 1 };
  it('is 1 for the same box, 0 for disjoint or touching boxes', () => {
    expect(boxIou(a, a)).toBe(1);
    expect(boxIou(a, { ...a, x: 10 })).toBe(0);
    expect(boxIou(a, { ...a, x: 20 })).toBe(0);
  });
  it('is intersection over union for a half overlap', () => {
    // 50 shared of 150 in all.
    expect(boxIou(a, { ...a, x: 5 })).toBeCloseTo(1 / 3);
  });
});

describe('decodePersons', () => {
  it('keeps people above the floor, in frame pixels, best first', () => {
    const boxes = decodePersons(
      rows(
        [100, 50, 120, 110, 0.3, 0], // person
        [200, 60, 230, 140, 0.9, 0], // person, better
        [10, 10, 50, 50, 0.95, 2], // a car
        [300, 300, 310, 330, 0.05, 0], // below the floor
      ),
      FIT,
      OPTIONS,
    );
    expect(boxes).toHaveLength(2);
    expect(boxes[0]).toEqual({
      x: 300,
      y: 90,
      width: 45,
      height: 120,
      score: expect.closeTo(0.9, 6) as number,
    });
    expect(boxes[1]!.x).toBeCloseTo(150);
    expect(boxes[1]!.height).toBeCloseTo(90);
  });

  it('clips boxes to the frame and drops empty ones and NaN classes', () => {
    const boxes = decodePersons(
      rows(
        [-6, 380, 30, 400, 0.8, 0], // past the left edge and into the padding
        [500, 390, 510, 400, 0.8, 0], // wholly in the padding below the frame
        [40, 40, 40, 60, 0.8, 0], // zero width
        [60, 60, 80, 90, 0.8, Number.NaN],
      ),
      FIT,
      OPTIONS,
    );
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.x).toBe(0);
    expect(boxes[0]!.width).toBeCloseTo(45);
    expect(boxes[0]!.y).toBeCloseTo(570);
    expect(boxes[0]!.y + boxes[0]!.height).toBe(576);
  });

  it('suppresses a weaker duplicate of the same person but keeps a neighbour', () => {
    const boxes = decodePersons(
      rows(
        [100, 100, 140, 200, 0.9, 0],
        [102, 104, 142, 204, 0.4, 0], // same person, IoU ≈ 0.85
        [130, 100, 170, 200, 0.6, 0], // side by side, IoU ≈ 0.14
      ),
      FIT,
      OPTIONS,
    );
    expect(boxes.map((b) => b.score)).toEqual([
      expect.closeTo(0.9, 6),
      expect.closeTo(0.6, 6),
    ]);
  });

  it('reads an empty output as no people', () => {
    expect(decodePersons(new Float32Array(0), FIT, OPTIONS)).toEqual([]);
  });
});

describe('suppress', () => {
  it('keeps boxes whose overlap is exactly the threshold', () => {
    const a = { x: 0, y: 0, width: 10, height: 10, score: 0.9 };
    const b = { x: 5, y: 0, width: 10, height: 10, score: 0.5 }; // IoU 1/3
    expect(suppress([b, a], 1 / 3)).toEqual([a, b]);
    expect(suppress([b, a], 0.3)).toEqual([a]);
  });
});
