// Descriptor distances and threshold error rates (src/matching/descriptor-math.ts), on hand-built vectors.

import { describe, expect, it } from 'vitest';
import {
  allPairs,
  cosineDistance,
  equalErrorRate,
  euclideanDistance,
  l2Normalise,
  norm,
  ratesAt,
  sweep,
  thresholdAtFmr,
} from '../../src/matching/descriptor-math';

describe('distances', () => {
  it('measures euclidean and cosine distance', () => {
    expect(euclideanDistance([0, 0], [3, 4])).toBe(5);
    expect(cosineDistance([1, 0], [2, 0])).toBeCloseTo(0, 12);
    expect(cosineDistance([1, 0], [0, 5])).toBeCloseTo(1, 12);
    expect(cosineDistance([1, 1], [-1, -1])).toBeCloseTo(2, 12);
  });

  it('treats a zero vector as unrelated to everything', () => {
    expect(cosineDistance([0, 0], [1, 0])).toBe(1);
  });

  it('refuses descriptors of different lengths', () => {
    expect(() => euclideanDistance([1, 2], [1, 2, 3])).toThrow(/differ/);
    expect(() => cosineDistance([], [])).toThrow(/empty/);
  });

  it('L2-normalises to unit length without touching the input', () => {
    const v = [3, 4];
    const n = l2Normalise(v);
    expect(norm(n)).toBeCloseTo(1, 6);
    expect(Array.from(n)).toEqual([
      expect.closeTo(0.6, 6),
      expect.closeTo(0.8, 6),
    ]);
    expect(v).toEqual([3, 4]);
    expect(Array.from(l2Normalise([0, 0]))).toEqual([0, 0]);
  });

  it('makes euclidean distance on unit vectors a function of cosine distance', () => {
    const a = l2Normalise([0.3, -1.2, 2.5, 0.1]);
    const b = l2Normalise([1.1, 0.4, -0.7, 2.2]);
    expect(euclideanDistance(a, b) ** 2).toBeCloseTo(
      2 * cosineDistance(a, b),
      5,
    );
  });
});

describe('threshold error rates', () => {
  const genuine = [0.1, 0.2, 0.3, 0.6];
  const impostor = [0.5, 0.7, 0.8, 0.9, 1.0];

  it('counts false matches (≤ threshold) and false non-matches (> threshold)', () => {
    expect(ratesAt(genuine, impostor, 0.55)).toEqual({
      threshold: 0.55,
      fmr: 1 / 5,
      fnmr: 1 / 4,
      falseMatches: 1,
      falseNonMatches: 1,
    });
    expect(ratesAt(genuine, impostor, 0.5).falseMatches).toBe(1);
    expect(ratesAt(genuine, impostor, 0).fnmr).toBe(1);
    expect(ratesAt(genuine, impostor, 2).fmr).toBe(1);
  });

  it('sweeps from nothing matching to everything matching', () => {
    const s = sweep(genuine, impostor);
    expect(s[0]).toMatchObject({ fmr: 0, fnmr: 1 });
    expect(s.at(-1)).toMatchObject({ fmr: 1, fnmr: 0 });
    expect(s).toHaveLength(10);
    for (let i = 1; i < s.length; i++) {
      expect(s[i]!.fmr).toBeGreaterThanOrEqual(s[i - 1]!.fmr);
      expect(s[i]!.fnmr).toBeLessThanOrEqual(s[i - 1]!.fnmr);
    }
  });

  it('finds the equal-error point', () => {
    const e = equalErrorRate(genuine, impostor);
    // At 0.5: one impostor of five matches (0.2), one genuine of four does not (0.25).
    expect(e.threshold).toBe(0.5);
    expect(e.eer).toBeCloseTo(0.225, 12);
  });

  it('is zero when the two sets separate', () => {
    const e = equalErrorRate([0.1, 0.2], [0.5, 0.6]);
    expect(e).toMatchObject({ fmr: 0, fnmr: 0, eer: 0, threshold: 0.2 });
  });

  it('picks the most permissive threshold that keeps FMR under a limit', () => {
    expect(thresholdAtFmr(genuine, impostor, 0)).toMatchObject({
      threshold: 0.3,
      fmr: 0,
      fnmr: 0.25,
    });
    expect(thresholdAtFmr(genuine, impostor, 0.2)).toMatchObject({
      threshold: 0.6,
      fmr: 0.2,
      fnmr: 0,
    });
  });

  it('refuses empty sets', () => {
    expect(() => ratesAt([], [1], 0.5)).toThrow(/at least one/);
  });
});

describe('allPairs', () => {
  it('lists each unordered pair once', () => {
    expect(allPairs(3)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(allPairs(1)).toEqual([]);
  });
});
