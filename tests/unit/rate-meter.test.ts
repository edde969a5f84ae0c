import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../src/shared/rate-meter';

describe('RateMeter', () => {
  it('reports 0 fps until two frames are in the window', () => {
    const m = new RateMeter(1000);
    expect(m.fps(0)).toBe(0);
    m.add(0, 10);
    expect(m.fps(0)).toBe(0);
  });

  it('measures frames per second over the window', () => {
    const m = new RateMeter(2000);
    for (let t = 0; t <= 1000; t += 100) m.add(t, 40);
    expect(m.fps(1000)).toBeCloseTo(10, 5);
  });

  it('drops frames older than the window', () => {
    const m = new RateMeter(1000);
    m.add(0, 500);
    m.add(100, 500);
    for (let t = 2000; t <= 2500; t += 50) m.add(t, 20);
    expect(m.fps(2500)).toBeCloseTo(20, 5);
    expect(m.medianLatency()).toBe(20);
  });

  it('takes the median latency, even and odd counts', () => {
    const m = new RateMeter(10_000);
    m.add(0, 30);
    m.add(1, 10);
    m.add(2, 20);
    expect(m.medianLatency()).toBe(20);
    m.add(3, 40);
    expect(m.medianLatency()).toBe(25);
    m.reset();
    expect(m.medianLatency()).toBe(0);
  });
});
