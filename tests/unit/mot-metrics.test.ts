// Tracking metrics of scripts/lib/mot-metrics.mjs on hand-made sequences whose MOTA, IDF1 and
// ID switches are worked out by hand in the comments.

import { describe, expect, it } from 'vitest';
import {
  assign,
  evaluate,
  formatMot,
  iou,
  parseMot,
} from '../../scripts/lib/mot-metrics.mjs';

type Seq = Map<
  number,
  { id: string; x: number; y: number; width: number; height: number }[]
>;

/** A 10×20 box at (x, 0) for `id`. */
const at = (id: string, x: number) => ({ id, x, y: 0, width: 10, height: 20 });

/** Frames from 1: each entry lists that frame's boxes. */
const seq = (...frames: ReturnType<typeof at>[][]): Seq =>
  new Map(frames.map((boxes, i) => [i + 1, boxes]));

describe('iou', () => {
  it('is 1 for equal boxes, 0 for disjoint, 1/3 for a half shift', () => {
    expect(iou(at('a', 0), at('b', 0))).toBe(1);
    expect(iou(at('a', 0), at('b', 30))).toBe(0);
    expect(iou(at('a', 0), at('b', 5))).toBeCloseTo(1 / 3);
  });
});

describe('assign (Hungarian method)', () => {
  it('finds the minimum-cost assignment where greedy would not', () => {
    // Greedy takes 1 (row 0, col 0) and is then forced to 100; the optimum is 2 + 3.
    expect(
      assign([
        [1, 2],
        [3, 100],
      ]),
    ).toEqual([1, 0]);
  });

  it('solves a 3×3 case checked by enumeration', () => {
    // Of the 6 permutations the cheapest is (0→1, 1→0, 2→2) = 1 + 2 + 2 = 5.
    expect(
      assign([
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ]),
    ).toEqual([1, 0, 2]);
  });

  it('leaves the costliest rows unassigned when rows outnumber columns', () => {
    expect(assign([[5], [1], [3]])).toEqual([-1, 0, -1]);
    expect(assign([[9, 1, 5]])).toEqual([1]);
    expect(assign([])).toEqual([]);
    expect(assign([[], []])).toEqual([-1, -1]);
  });
});

describe('evaluate', () => {
  it('scores a perfect tracker 100 %', () => {
    const truth = seq([at('A', 0), at('B', 50)], [at('A', 2), at('B', 52)]);
    const r = evaluate(truth, truth, { frames: 2 });
    expect(r).toMatchObject({ tp: 4, fp: 0, fn: 0, idSwitches: 0, mota: 1 });
    expect(r).toMatchObject({ idf1: 1, motp: 1, truthIds: 2, truthPeak: 2 });
  });

  it('matches the hand-computed case: one switch, one miss, one false alarm', () => {
    // Truth: A and B on frames 1-4 (GT = 8). Tracks: t1 on A (frames 1-2), t2 on A (3-4),
    // t3 on B (1-3), t4 a false alarm far away on frame 3.
    // CLEAR MOT: TP 7, FN 1 (B on frame 4), FP 1 (t4), IDSW 1 (A: t1 -> t2):
    //   MOTA = 1 - (1 + 1 + 1) / 8 = 0.625.
    // Identity: overlaps A-t1 2, A-t2 2, B-t3 3; best one-to-one pairing IDTP = 2 + 3 = 5;
    //   IDF1 = 2 * 5 / (8 truth + 8 track boxes) = 0.625, IDP = IDR = 5 / 8.
    const truth = seq(
      [at('A', 0), at('B', 100)],
      [at('A', 0), at('B', 100)],
      [at('A', 0), at('B', 100)],
      [at('A', 0), at('B', 100)],
    );
    const tracks = seq(
      [at('t1', 1), at('t3', 101)],
      [at('t1', 1), at('t3', 101)],
      [at('t2', 1), at('t3', 101), at('t4', 300)],
      [at('t2', 1)],
    );
    const r = evaluate(truth, tracks, { frames: 4 });
    expect(r).toMatchObject({
      truthBoxes: 8,
      trackBoxes: 8,
      tp: 7,
      fp: 1,
      fn: 1,
    });
    expect(r.idSwitches).toBe(1);
    expect(r.mota).toBeCloseTo(0.625);
    expect(r.idtp).toBe(5);
    expect(r.idf1).toBeCloseTo(0.625);
    expect(r.idp).toBeCloseTo(0.625);
    expect(r.idr).toBeCloseTo(0.625);
    expect(r.precision).toBeCloseTo(7 / 8);
    expect(r.recall).toBeCloseTo(7 / 8);
    // IoU of a 1 px shift on a 10 px wide box: 9 * 20 / (2 * 200 - 180).
    expect(r.motp).toBeCloseTo(180 / 220);
    expect(r).toMatchObject({ truthIds: 2, trackIds: 4, trackPeak: 3 });
  });

  it('keeps last frame’s pairs while they overlap, so close people do not swap ids', () => {
    // On frame 2 A and B overlap (IoU 2/3) and each track sits exactly on the other person.
    // A per-frame Hungarian alone would swap both (2 switches); continuity keeps the pairs.
    const truth = seq([at('A', 0), at('B', 100)], [at('A', 0), at('B', 2)]);
    const tracks = seq(
      [at('t1', 0), at('t2', 100)],
      [at('t1', 2), at('t2', 0)],
    );
    const r = evaluate(truth, tracks, { frames: 2 });
    expect(r).toMatchObject({ tp: 4, idSwitches: 0, mota: 1 });
  });

  it('counts a switch after a gap, and none when the same track comes back', () => {
    const truth = seq([at('A', 0)], [at('A', 0)], [at('A', 0)], [at('A', 0)]);
    const back = seq([at('t1', 0)], [], [at('t1', 0)], [at('t1', 0)]);
    const other = seq([at('t1', 0)], [], [at('t2', 0)], [at('t2', 0)]);
    expect(evaluate(truth, back, { frames: 4 })).toMatchObject({
      fn: 1,
      idSwitches: 0,
      mota: 0.75,
    });
    expect(evaluate(truth, other, { frames: 4 })).toMatchObject({
      fn: 1,
      idSwitches: 1,
      mota: 0.5,
    });
  });

  it('matches most pairs on a frame, not the greediest one', () => {
    // h1 overlaps A (IoU 0.82) and B (0.67); h2 only A (0.54). Greedy A-h1 leaves B and h2
    // unmatched; the Hungarian method matches A-h2 and B-h1.
    const truth = seq([at('A', 0), at('B', 3)]);
    const tracks = seq([at('h1', 1), at('h2', -3)]);
    expect(iou(at('A', 0), at('h2', -3))).toBeGreaterThan(0.5);
    const r = evaluate(truth, tracks, { frames: 1 });
    expect(r).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });

  it('does not count a box below the IoU threshold as a match', () => {
    const r = evaluate(seq([at('A', 0)]), seq([at('t', 4)]), { frames: 1 });
    // IoU 6/14 < 0.5: a miss and a false alarm.
    expect(r).toMatchObject({ tp: 0, fp: 1, fn: 1, mota: -1, idf1: 0 });
    const lenient = evaluate(seq([at('A', 0)]), seq([at('t', 4)]), {
      frames: 1,
      threshold: 0.4,
    });
    expect(lenient.tp).toBe(1);
  });

  it('evaluates only frames 1…frames', () => {
    const truth = seq([at('A', 0)], [at('A', 0)], [at('B', 50)]);
    const r = evaluate(truth, seq([at('t', 0)]), { frames: 1 });
    expect(r).toMatchObject({ truthBoxes: 1, tp: 1, truthIds: 1, mota: 1 });
  });
});

describe('MOTChallenge text', () => {
  it('parses truth, dropping rows below the confidence floor', () => {
    const text =
      '1,9,499,158,31.03,75.17,1,-4.1,-7.3,0\n1,12,648,115,19.9,59,0,3.7,-8,0\n2,9,500,158,31,75,1,0,0,0\n';
    const all = parseMot(text);
    expect(all.get(1)).toHaveLength(2);
    const kept = parseMot(text, { minConfidence: 1 });
    expect(kept.get(1)).toEqual([
      { id: '9', x: 499, y: 158, width: 31.03, height: 75.17 },
    ]);
    expect(kept.get(2)).toHaveLength(1);
    expect(() => parseMot('1,2,three,4,5,6')).toThrow(/MOTChallenge/);
  });

  it('writes tracks with integer ids in order of first appearance, and reads them back', () => {
    const tracks = seq([at('p7', 0.123)], [at('p3', 5), at('p7', 1)]);
    const text = formatMot(tracks, () => 0.5);
    expect(text).toBe(
      '1,1,0.12,0,10,20,0.5,-1,-1,-1\n2,2,5,0,10,20,0.5,-1,-1,-1\n2,1,1,0,10,20,0.5,-1,-1,-1\n',
    );
    expect(
      parseMot(text)
        .get(2)!
        .map((b) => b.id),
    ).toEqual(['2', '1']);
    expect(formatMot(new Map())).toBe('');
  });
});
