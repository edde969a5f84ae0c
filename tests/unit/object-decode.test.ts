// The object-class demo's pure post-processing (issue 17) on hand-built CenterNet outputs: only
// the flagged COCO classes, above their own score, in frame pixels, suppressed per label.

import { describe, expect, it } from 'vitest';
import { OBJECT_CLASSES } from '../../src/model/constants';
import { decodeObjects } from '../../src/model/tfjs/object-decode';
import { letterbox } from '../../src/model/tfjs/person-decode';

const OPTIONS = {
  classes: OBJECT_CLASSES,
  minScore: 0.3,
  iouThreshold: 0.5,
  frameWidth: 768,
  frameHeight: 576,
};
const FIT = letterbox(768, 576, 512);
const [BAT, KNIFE, SCISSORS] = [34, 43, 76];

/** Flattens rows of [x1, y1, x2, y2, score, class] as the model's [1,100,6] output reads. */
const rows = (...r: number[][]) => Float32Array.from(r.flat());

describe('OBJECT_CLASSES', () => {
  it('names COCO-80 contiguous indices 34, 43 and 76', () => {
    expect(OBJECT_CLASSES).toEqual({
      34: 'baseball bat',
      43: 'knife',
      76: 'scissors',
    });
  });
});

describe('decodeObjects', () => {
  it('keeps the flagged classes above the floor, labelled, in frame pixels, best first', () => {
    const boxes = decodeObjects(
      rows(
        [100, 50, 120, 110, 0.9, 0], // a person: not an object
        [200, 60, 230, 140, 0.5, KNIFE],
        [10, 10, 50, 50, 0.8, SCISSORS],
        [300, 100, 320, 200, 0.4, BAT],
        [300, 300, 310, 330, 0.2, KNIFE], // below the floor
        [40, 40, 80, 80, 0.95, 44], // a spoon
      ),
      FIT,
      OPTIONS,
    );
    expect(boxes.map((b) => b.label)).toEqual([
      'scissors',
      'knife',
      'baseball bat',
    ]);
    expect(boxes[1]).toEqual({
      x: 300,
      y: 90,
      width: 45,
      height: 120,
      score: expect.closeTo(0.5, 6) as number,
      label: 'knife',
    });
  });

  it('suppresses duplicates within a label but not across labels', () => {
    const boxes = decodeObjects(
      rows(
        [100, 100, 140, 200, 0.9, KNIFE],
        [102, 104, 142, 204, 0.4, KNIFE], // the same knife
        [101, 102, 141, 202, 0.6, SCISSORS], // same place, other label
      ),
      FIT,
      OPTIONS,
    );
    expect(boxes.map((b) => [b.label, b.score])).toEqual([
      ['knife', expect.closeTo(0.9, 6)],
      ['scissors', expect.closeTo(0.6, 6)],
    ]);
  });

  it('clips to the frame, and drops boxes left in the padding and NaN classes', () => {
    const boxes = decodeObjects(
      rows(
        [-6, 380, 30, 400, 0.8, BAT], // past the left edge and into the padding
        [500, 390, 510, 400, 0.8, BAT], // wholly in the padding below the frame
        [60, 60, 80, 90, 0.8, Number.NaN],
      ),
      FIT,
      OPTIONS,
    );
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.x).toBe(0);
    expect(boxes[0]!.y + boxes[0]!.height).toBe(576);
  });

  it('reads an empty output, or no classes asked for, as no objects', () => {
    expect(decodeObjects(new Float32Array(0), FIT, OPTIONS)).toEqual([]);
    expect(
      decodeObjects(rows([0, 0, 10, 10, 0.9, KNIFE]), FIT, {
        ...OPTIONS,
        classes: {},
      }),
    ).toEqual([]);
  });
});
