import { describe, expect, it } from 'vitest';
import { containRect, fitWithin } from '../../src/shared/geometry';

describe('fitWithin', () => {
  it('leaves small frames alone', () => {
    expect(fitWithin({ width: 640, height: 480 }, 960)).toEqual({
      width: 640,
      height: 480,
    });
  });
  it('scales the long side down, keeping the aspect ratio', () => {
    expect(fitWithin({ width: 1920, height: 1080 }, 960)).toEqual({
      width: 960,
      height: 540,
    });
    expect(fitWithin({ width: 1080, height: 1920 }, 960)).toEqual({
      width: 540,
      height: 960,
    });
  });
  it('never returns a zero side', () => {
    expect(fitWithin({ width: 10000, height: 1 }, 100)).toEqual({
      width: 100,
      height: 1,
    });
  });
});

describe('containRect', () => {
  it('letterboxes a 4:3 frame in a 16:9 box', () => {
    expect(
      containRect({ width: 640, height: 480 }, { width: 1600, height: 900 }),
    ).toEqual({
      x: 200,
      y: 0,
      scale: 1.875,
    });
  });
  it('pillarboxes a tall frame', () => {
    const r = containRect(
      { width: 480, height: 640 },
      { width: 480, height: 480 },
    );
    expect(r.scale).toBe(0.75);
    expect(r.x).toBe(60);
    expect(r.y).toBe(0);
  });
  it('copes with an empty frame', () => {
    expect(
      containRect({ width: 0, height: 0 }, { width: 100, height: 100 }).scale,
    ).toBe(0);
  });
});
