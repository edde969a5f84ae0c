// Directed line crossings (src/alerts/line-counter.ts): once per crossing and direction, never
// for someone standing or jittering on the line, nothing kept once a person is gone.

import { describe, expect, it } from 'vitest';
import type { NPoint } from '../../src/alerts/geometry';
import { LineCounter } from '../../src/alerts/line-counter';
import type { Direction } from '../../src/shared/alert-keys';

// A line across the middle, drawn left to right: "in" is walking down the screen.
const A = { x: 0.2, y: 0.5 };
const B = { x: 0.8, y: 0.5 };
const BAND = 0.015;

const counter = () =>
  new LineCounter(A, B, { band: BAND, endSlack: 0.05, forgetMs: 2000 });

const frame = (people: Record<string, NPoint>) =>
  new Map(Object.entries(people));

/** Feeds one person's path, a frame every 100 ms from `t0`; returns every crossing. */
function walk(c: LineCounter, id: string, path: NPoint[], t0 = 0): Direction[] {
  return path.flatMap((p, i) => c.update(frame({ [id]: p }), t0 + i * 100));
}

/** Points at x, one per y. */
const ys = (x: number, ...values: number[]): NPoint[] =>
  values.map((y) => ({ x, y }));

describe('LineCounter', () => {
  it('counts a walk down across the line once, as "in"', () => {
    const c = counter();
    expect(walk(c, 'p', ys(0.5, 0.3, 0.4, 0.45, 0.55, 0.6, 0.7))).toEqual([
      'in',
    ]);
  });
  it('counts a walk up across the line once, as "out"', () => {
    const c = counter();
    expect(walk(c, 'p', ys(0.5, 0.7, 0.6, 0.55, 0.45, 0.4, 0.3))).toEqual([
      'out',
    ]);
  });
  it('reports the crossing on the frame where the person is clear of the band', () => {
    const c = counter();
    expect(c.update(frame({ p: { x: 0.5, y: 0.4 } }), 0)).toEqual([]);
    expect(c.update(frame({ p: { x: 0.5, y: 0.505 } }), 100)).toEqual([]);
    expect(c.update(frame({ p: { x: 0.5, y: 0.6 } }), 200)).toEqual(['in']);
  });
  it('counts a walk there and back as one "in" and one "out"', () => {
    const c = counter();
    const there = ys(0.4, 0.3, 0.45, 0.55, 0.7);
    const back = ys(0.6, 0.7, 0.55, 0.45, 0.3);
    expect(walk(c, 'p', [...there, ...back])).toEqual(['in', 'out']);
  });
  it('counts nothing for a person standing on the line with jitter inside the band', () => {
    const c = counter();
    // ±0.01 around the line, crossing it again and again, never clear of the 0.015 band.
    const jitter = Array.from({ length: 60 }, (_, i) => ({
      x: 0.5 + (i % 3) * 0.002,
      y: 0.5 + (i % 2 === 0 ? 0.01 : -0.01),
    }));
    expect(walk(c, 'p', jitter)).toEqual([]);
  });
  it('does not count twice a person who crossed and then jitters on the line', () => {
    const c = counter();
    const crossing = ys(0.5, 0.3, 0.4, 0.6);
    const jitter = ys(0.5, 0.51, 0.49, 0.505, 0.495, 0.51, 0.49, 0.5, 0.509);
    const onwards = ys(0.5, 0.6, 0.7);
    expect(walk(c, 'p', [...crossing, ...jitter, ...onwards])).toEqual(['in']);
  });
  it('counts a path that enters the band from one side and leaves on the other, once', () => {
    const c = counter();
    const path = ys(0.5, 0.4, 0.49, 0.5, 0.51, 0.5, 0.505, 0.6);
    expect(walk(c, 'p', path)).toEqual(['in']);
  });
  it('counts nothing for a path that enters the band, stays, and leaves on the same side', () => {
    const c = counter();
    const path = ys(0.5, 0.4, 0.49, 0.5, 0.51, 0.505, 0.49, 0.4, 0.3);
    expect(walk(c, 'p', path)).toEqual([]);
    const below = ys(0.3, 0.6, 0.51, 0.49, 0.495, 0.51, 0.6);
    expect(walk(c, 'q', below)).toEqual([]);
  });
  it('counts nothing for a person first seen on the line who leaves either way', () => {
    const c = counter();
    expect(walk(c, 'p', ys(0.5, 0.5, 0.505, 0.6, 0.7))).toEqual([]);
    expect(walk(c, 'q', ys(0.5, 0.495, 0.4, 0.3))).toEqual([]);
  });
  it('does not count a crossing beyond the ends of the line', () => {
    const c = counter();
    // The line runs x 0.2..0.8, length 0.6; endSlack 0.05 allows 0.17..0.83.
    expect(walk(c, 'right', ys(0.9, 0.4, 0.6))).toEqual([]);
    expect(walk(c, 'left', ys(0.1, 0.6, 0.4))).toEqual([]);
    expect(walk(c, 'far', ys(0.85, 0.4, 0.6))).toEqual([]);
  });
  it('counts a crossing just past an end, within the slack', () => {
    const c = counter();
    expect(walk(c, 'right', ys(0.82, 0.4, 0.6))).toEqual(['in']);
    expect(walk(c, 'left', ys(0.18, 0.6, 0.4))).toEqual(['out']);
  });
  it('does not count a later crossing of a person who went round the end', () => {
    const c = counter();
    // Down beside the line (not counted), then along under it: still on the + side.
    const path = [
      { x: 0.9, y: 0.4 },
      { x: 0.9, y: 0.6 },
      { x: 0.5, y: 0.6 },
      { x: 0.5, y: 0.7 },
    ];
    expect(walk(c, 'p', path)).toEqual([]);
  });
  it('judges a diagonal path by where it meets the line', () => {
    const c = counter();
    // From (0.9, 0.3) to (0.7, 0.7): meets y 0.5 at x 0.8, the end of the line.
    expect(
      walk(c, 'p', [
        { x: 0.9, y: 0.3 },
        { x: 0.7, y: 0.7 },
      ]),
    ).toEqual(['in']);
    // From (1.0, 0.3) to (0.8, 0.7): meets it at x 0.9, past the slack.
    expect(
      walk(c, 'q', [
        { x: 1.0, y: 0.3 },
        { x: 0.8, y: 0.7 },
      ]),
    ).toEqual([]);
  });
  it('forgets a person unseen for longer than forgetMs', () => {
    const c = counter();
    c.update(frame({ p: { x: 0.5, y: 0.4 } }), 0);
    expect(c.following).toBe(1);
    c.update(frame({}), 1000);
    expect(c.following).toBe(1);
    c.update(frame({}), 2000);
    expect(c.following).toBe(1);
    c.update(frame({}), 2001);
    expect(c.following).toBe(0);
  });
  it('keeps a person standing on the line as seen, and forgets them once they are gone', () => {
    const c = counter();
    c.update(frame({ p: { x: 0.5, y: 0.4 } }), 0);
    for (let t = 500; t <= 5000; t += 500)
      c.update(frame({ p: { x: 0.5, y: 0.505 } }), t);
    expect(c.following).toBe(1);
    // Still remembered as coming from above: stepping down counts.
    expect(c.update(frame({ p: { x: 0.5, y: 0.6 } }), 5500)).toEqual(['in']);
    c.update(frame({}), 7600);
    expect(c.following).toBe(0);
  });
  it('does not count a new id appearing on the other side after the old one was forgotten', () => {
    const c = counter();
    c.update(frame({ p1: { x: 0.5, y: 0.4 } }), 0);
    c.update(frame({}), 2500);
    expect(c.following).toBe(0);
    // The tracker gave the same person a new id on the far side.
    expect(c.update(frame({ p2: { x: 0.5, y: 0.6 } }), 2600)).toEqual([]);
    // And the old id coming back after being forgotten starts afresh too.
    expect(c.update(frame({ p1: { x: 0.5, y: 0.6 } }), 2700)).toEqual([]);
    expect(c.following).toBe(2);
  });
  it('still counts a person missed for less than forgetMs', () => {
    const c = counter();
    c.update(frame({ p: { x: 0.5, y: 0.4 } }), 0);
    c.update(frame({}), 1000);
    expect(c.update(frame({ p: { x: 0.5, y: 0.6 } }), 1900)).toEqual(['in']);
  });
  it('counts two people crossing at once, each in their own direction', () => {
    const c = counter();
    expect(
      c.update(frame({ down: { x: 0.3, y: 0.4 }, up: { x: 0.7, y: 0.6 } }), 0),
    ).toEqual([]);
    const crossed = c.update(
      frame({ down: { x: 0.3, y: 0.6 }, up: { x: 0.7, y: 0.4 } }),
      100,
    );
    expect([...crossed].sort()).toEqual(['in', 'out']);
    expect(c.following).toBe(2);
  });
  it('counts two people walking the same way as two', () => {
    const c = counter();
    c.update(frame({ a: { x: 0.3, y: 0.4 }, b: { x: 0.35, y: 0.42 } }), 0);
    // b is still in the band on this frame; a has crossed.
    expect(
      c.update(frame({ a: { x: 0.3, y: 0.6 }, b: { x: 0.35, y: 0.51 } }), 100),
    ).toEqual(['in']);
    expect(
      c.update(frame({ a: { x: 0.3, y: 0.7 }, b: { x: 0.35, y: 0.58 } }), 200),
    ).toEqual(['in']);
  });
  it('counts along the arrow as "in" for any orientation of the line', () => {
    // A vertical line drawn upwards: its normal (−dy, dx) points right.
    const c = new LineCounter({ x: 0.5, y: 0.9 }, { x: 0.5, y: 0.1 });
    expect(
      walk(c, 'p', [
        { x: 0.3, y: 0.5 },
        { x: 0.7, y: 0.5 },
      ]),
    ).toEqual(['in']);
  });
  it('forgets everyone on reset', () => {
    const c = counter();
    c.update(frame({ p: { x: 0.5, y: 0.4 } }), 0);
    c.reset();
    expect(c.following).toBe(0);
    expect(c.update(frame({ p: { x: 0.5, y: 0.6 } }), 100)).toEqual([]);
  });
});
