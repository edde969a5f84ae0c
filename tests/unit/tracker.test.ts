// The anonymous tracker on synthetic box sequences: crossing, missed frames, occlusion,
// a person leaving and another arriving at the same place.

import { describe, expect, it } from 'vitest';
import { iou, Tracker } from '../../src/pipeline/tracker';
import type { FaceBox } from '../../src/shared/types';

const box = (x: number, y: number, size = 60, score = 0.9): FaceBox => ({
  x,
  y,
  width: size,
  height: size,
  score,
  keypoints: [],
});

function ids(): () => string {
  let n = 0;
  return () => `t${++n}`;
}

/** Runs frames every `dt` ms; `at(i)` gives frame i's detections. Returns ids seen per frame and ended ids. */
function run(
  tracker: Tracker,
  frames: number,
  dt: number,
  at: (i: number) => FaceBox[],
) {
  const seen: string[][] = [];
  const ended: string[] = [];
  for (let i = 0; i < frames; i++) {
    const u = tracker.update(at(i), i * dt);
    seen.push(u.seen.map((t) => t.id));
    ended.push(...u.ended.map((t) => t.id));
  }
  return { seen, ended };
}

describe('iou', () => {
  it('is 1 for the same box, 0 for disjoint, 1/3 for half-overlapping squares', () => {
    expect(iou(box(0, 0), box(0, 0))).toBe(1);
    expect(iou(box(0, 0), box(100, 0))).toBe(0);
    expect(iou(box(0, 0), box(30, 0))).toBeCloseTo(1 / 3, 6);
  });
});

describe('Tracker', () => {
  it('keeps one id for a face moving steadily, and ends it after the miss window', () => {
    const tracker = new Tracker({ newId: ids(), maxMissMs: 1000 });
    const { seen, ended } = run(tracker, 32, 100, (i) =>
      i < 20 ? [box(100 + i * 8, 100)] : [],
    );
    expect(new Set(seen.slice(0, 20).flat())).toEqual(new Set(['t1']));
    expect(ended).toEqual(['t1']);
  });

  it('keeps two people apart when they cross', () => {
    const tracker = new Tracker({ newId: ids() });
    // A walks right, B walks left, same height; they pass through each other at frame 10.
    const { seen } = run(tracker, 21, 100, (i) => [
      box(100 + i * 20, 200),
      box(500 - i * 20, 200),
    ]);
    const first = seen[0];
    expect(first).toEqual(['t1', 't2']);
    // After crossing, detection order (left first) is swapped: A is now on the right.
    for (const frame of seen)
      expect(new Set(frame)).toEqual(new Set(['t1', 't2']));
    const last = tracker.tracks.map((t) => ({ id: t.id, x: t.box.x }));
    expect(last.find((t) => t.id === 't1')?.x).toBe(500);
    expect(last.find((t) => t.id === 't2')?.x).toBe(100);
  });

  it('survives a missed detection', () => {
    const tracker = new Tracker({ newId: ids() });
    const { seen, ended } = run(tracker, 10, 100, (i) =>
      i === 4 ? [] : [box(200 + i * 5, 100)],
    );
    expect(new Set(seen.flat())).toEqual(new Set(['t1']));
    expect(ended).toEqual([]);
  });

  it('survives a brief occlusion while moving, using the predicted position', () => {
    const tracker = new Tracker({ newId: ids(), maxMissMs: 1000 });
    // Moving 10 px per 100 ms, hidden for 700 ms (frames 5-11): reappears 70 px further on.
    const { seen, ended } = run(tracker, 18, 100, (i) =>
      i >= 5 && i < 12 ? [] : [box(100 + i * 10, 100)],
    );
    expect(new Set(seen.flat())).toEqual(new Set(['t1']));
    expect(ended).toEqual([]);
  });

  it('counts a new person who takes the same place after the previous one left', () => {
    const tracker = new Tracker({ newId: ids(), maxMissMs: 1000 });
    // Person 1 for 1 s, nobody for 1.5 s, person 2 at the same spot for 1 s.
    const { ended } = run(tracker, 60, 100, (i) =>
      i < 10 || (i >= 25 && i < 35) ? [box(300, 200)] : [],
    );
    expect(ended).toEqual(['t1', 't2']);
  });

  it('ignores one-frame false positives (never confirmed, never a visit)', () => {
    const tracker = new Tracker({ newId: ids(), minHits: 3 });
    const { ended } = run(tracker, 30, 100, (i) =>
      i === 3 ? [box(10, 10)] : [],
    );
    expect(ended).toEqual([]);
  });

  it('flush ends every confirmed track at once', () => {
    const tracker = new Tracker({ newId: ids() });
    run(tracker, 5, 100, () => [box(0, 0), box(300, 0)]);
    expect(tracker.flush().map((t) => t.id)).toEqual(['t1', 't2']);
    expect(tracker.tracks).toHaveLength(0);
  });

  it('gives random, unlinkable ids by default', () => {
    const a = new Tracker();
    const b = new Tracker();
    a.update([box(0, 0)], 0);
    b.update([box(0, 0)], 0);
    expect(a.tracks[0].id).toMatch(/^[0-9a-f]{8}$/);
    expect(a.tracks[0].id).not.toBe(b.tracks[0].id);
  });
});
