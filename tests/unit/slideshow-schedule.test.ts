import { describe, expect, it } from 'vitest';
import { slideAt } from '../../src/shared/slideshow-schedule';

const timing = { count: 3, holdMs: 1000, gapMs: 200, loop: true };

describe('slideAt', () => {
  it('shows each slide for its hold time, then a gap', () => {
    expect(slideAt(0, timing)).toEqual({ index: 0, progress: 0, ended: false });
    expect(slideAt(500, timing)).toEqual({
      index: 0,
      progress: 0.5,
      ended: false,
    });
    expect(slideAt(1100, timing).index).toBe(-1);
    expect(slideAt(1200, timing).index).toBe(1);
    expect(slideAt(2500, timing).index).toBe(2);
  });
  it('loops', () => {
    expect(slideAt(3600, timing).index).toBe(0);
    expect(slideAt(3600 * 5 + 1300, timing).index).toBe(1);
  });
  it('ends when not looping', () => {
    expect(slideAt(3599, { ...timing, loop: false }).ended).toBe(false);
    expect(slideAt(3600, { ...timing, loop: false })).toEqual({
      index: -1,
      progress: 1,
      ended: true,
    });
  });
  it('treats no slides as ended', () => {
    expect(slideAt(0, { ...timing, count: 0 }).ended).toBe(true);
  });
});
