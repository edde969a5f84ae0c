import { describe, expect, it } from 'vitest';
import {
  elapsedAfterRemoval,
  SLIDES_AHEAD,
  slideWindow,
  slotAt,
} from '../../src/capture/slide-window';
import { slideAt } from '../../src/shared/slideshow-schedule';

// 4 s hold and 0.5 s gap, as the user's images play.
const timing = { count: 100, holdMs: 4000, gapMs: 500, loop: true };
const period = 4500;

describe('slotAt', () => {
  it('is the slide on show, or the one whose gap it is', () => {
    expect(slotAt(0, timing)).toBe(0);
    expect(slotAt(4200, timing)).toBe(0); // gap after slide 0
    expect(slotAt(4500, timing)).toBe(1);
    expect(slotAt(99 * period + 4499, timing)).toBe(99);
  });
  it('agrees with slideAt during every hold, and loops as it does', () => {
    for (let t = 0; t < 3 * 100 * period; t += 997) {
      const at = slideAt(t, timing);
      if (at.index >= 0) expect(slotAt(t, timing)).toBe(at.index);
    }
    expect(slotAt(100 * period + 10, timing)).toBe(0);
  });
  it('is -1 once a show that does not loop has ended, or has no slides', () => {
    expect(slotAt(100 * period, { ...timing, loop: false })).toBe(-1);
    expect(slotAt(0, { ...timing, count: 0 })).toBe(-1);
  });
});

describe('slideWindow', () => {
  it('holds the slide on show and the next two, no more', () => {
    expect(SLIDES_AHEAD).toBe(2);
    expect(slideWindow(0, 100, true)).toEqual([0, 1, 2]);
    expect(slideWindow(50, 100, true)).toEqual([50, 51, 52]);
  });
  it('wraps round to the first slides when the show loops, not otherwise', () => {
    expect(slideWindow(98, 100, true)).toEqual([98, 99, 0]);
    expect(slideWindow(99, 100, true)).toEqual([99, 0, 1]);
    expect(slideWindow(99, 100, false)).toEqual([99]);
  });
  it('names each slide once when there are fewer than the window', () => {
    expect(slideWindow(1, 2, true)).toEqual([1, 0]);
    expect(slideWindow(0, 1, true)).toEqual([0]);
    expect(slideWindow(0, 3, true, 5)).toEqual([0, 1, 2]);
  });
  it('holds nothing after the end or with no slides', () => {
    expect(slideWindow(-1, 100, false)).toEqual([]);
    expect(slideWindow(0, 0, true)).toEqual([]);
  });
  it('keeps at most three of 100 slides decoded over a whole loop', () => {
    let most = 0;
    for (let t = 0; t < 100 * period; t += 250)
      most = Math.max(most, slideWindow(slotAt(t, timing), 100, true).length);
    expect(most).toBe(3);
  });
});

describe('elapsedAfterRemoval', () => {
  const small = { count: 4, holdMs: 1000, gapMs: 200, loop: true };
  const after = { ...small, count: 3 };

  it('keeps the slide on show where it was when a later one is removed', () => {
    const t = 1200 + 300; // slide 1, 300 ms in
    const e = elapsedAfterRemoval(t, 3, small);
    expect(e).toBe(t);
    expect(slideAt(e, after)).toEqual(slideAt(t, small));
  });
  it('moves back one period when an earlier one is removed (the look-ahead wrapped)', () => {
    const t = 3 * 1200 + 500; // slide 3, 500 ms in; slide 0 was being decoded ahead
    const e = elapsedAfterRemoval(t, 0, small);
    expect(slideAt(e, after)).toEqual({
      index: 2,
      progress: 0.5,
      ended: false,
    });
  });
  it('starts the next slide at once when the one whose turn came is removed', () => {
    const e = elapsedAfterRemoval(2 * 1200 + 10, 2, small);
    // The old slide 3 is now slide 2, from its start.
    expect(slideAt(e, after)).toEqual({ index: 2, progress: 0, ended: false });
    // The last slide of a looping show: the first comes next.
    expect(elapsedAfterRemoval(3 * 1200 + 10, 3, small)).toBe(0);
    // Not looping: the show ends.
    const once = { ...small, loop: false };
    const end = elapsedAfterRemoval(3 * 1200 + 10, 3, once);
    expect(slideAt(end, { ...once, count: 3 }).ended).toBe(true);
  });
  it('drops whole loops already played', () => {
    const t = 7 * 4 * 1200 + 1300; // the 8th loop, slide 1
    expect(elapsedAfterRemoval(t, 3, small)).toBe(1300);
  });
  it('is 0 when no slide or a single one is left to show', () => {
    expect(elapsedAfterRemoval(5000, 0, { ...small, count: 1 })).toBe(0);
  });
});
