// Plane geometry of zones and lines (src/alerts/geometry.ts): normalised coordinates, y down.

import { describe, expect, it } from 'vitest';
import {
  centroid,
  crossingAlong,
  pointInPolygon,
  polygonArea,
  signedDistance,
  type NPoint,
} from '../../src/alerts/geometry';

const P = (x: number, y: number): NPoint => ({ x, y });

const SQUARE = [P(0.2, 0.2), P(0.8, 0.2), P(0.8, 0.8), P(0.2, 0.8)];
// An L: the square with its upper-right quarter cut out (concave corner at 0.5, 0.5).
const L_SHAPE = [
  P(0.2, 0.2),
  P(0.5, 0.2),
  P(0.5, 0.5),
  P(0.8, 0.5),
  P(0.8, 0.8),
  P(0.2, 0.8),
];
const TRIANGLE = [P(0.5, 0.1), P(0.9, 0.9), P(0.1, 0.9)];

describe('pointInPolygon', () => {
  it('finds points inside and outside a convex polygon', () => {
    expect(pointInPolygon(P(0.5, 0.5), SQUARE)).toBe(true);
    expect(pointInPolygon(P(0.21, 0.79), SQUARE)).toBe(true);
    expect(pointInPolygon(P(0.1, 0.5), SQUARE)).toBe(false);
    expect(pointInPolygon(P(0.5, 0.9), SQUARE)).toBe(false);
    expect(pointInPolygon(P(0.9, 0.1), SQUARE)).toBe(false);
  });
  it('does not count the notch of a concave polygon as inside', () => {
    expect(pointInPolygon(P(0.3, 0.3), L_SHAPE)).toBe(true);
    expect(pointInPolygon(P(0.7, 0.7), L_SHAPE)).toBe(true);
    expect(pointInPolygon(P(0.3, 0.7), L_SHAPE)).toBe(true);
    // The cut-out quarter is within the bounding box but outside the zone.
    expect(pointInPolygon(P(0.7, 0.3), L_SHAPE)).toBe(false);
    expect(pointInPolygon(P(0.51, 0.49), L_SHAPE)).toBe(false);
  });
  it('handles a triangle, including points beside its slanted edges', () => {
    expect(pointInPolygon(P(0.5, 0.5), TRIANGLE)).toBe(true);
    expect(pointInPolygon(P(0.5, 0.85), TRIANGLE)).toBe(true);
    // Level with the middle of the triangle but left of its left edge.
    expect(pointInPolygon(P(0.2, 0.4), TRIANGLE)).toBe(false);
    expect(pointInPolygon(P(0.8, 0.4), TRIANGLE)).toBe(false);
    expect(pointInPolygon(P(0.5, 0.95), TRIANGLE)).toBe(false);
  });
  it('does not depend on the winding order', () => {
    const reversed = [...L_SHAPE].reverse();
    for (const p of [P(0.3, 0.3), P(0.7, 0.3), P(0.7, 0.7), P(0.9, 0.9)]) {
      expect(pointInPolygon(p, reversed)).toBe(pointInPolygon(p, L_SHAPE));
    }
  });
  it('finds nothing inside fewer than three points', () => {
    expect(pointInPolygon(P(0.5, 0.5), [])).toBe(false);
    expect(pointInPolygon(P(0.5, 0.5), [P(0, 0), P(1, 1)])).toBe(false);
  });
});

describe('signedDistance', () => {
  const a = P(0.2, 0.5);
  const b = P(0.8, 0.5);
  it('is positive below a line drawn left to right (normal (−dy, dx), y down)', () => {
    expect(signedDistance(P(0.5, 0.6), a, b)).toBeCloseTo(0.1, 12);
    expect(signedDistance(P(0.5, 0.4), a, b)).toBeCloseTo(-0.1, 12);
    expect(signedDistance(P(0.3, 0.5), a, b)).toBe(0);
  });
  it('flips sign when the line is reversed', () => {
    expect(signedDistance(P(0.5, 0.6), b, a)).toBeCloseTo(-0.1, 12);
  });
  it('is positive on the left of a line drawn top to bottom', () => {
    // a→b points down; its normal (−dy, dx) = (−1, 0) points left.
    const top = P(0.5, 0.1);
    const bottom = P(0.5, 0.9);
    expect(signedDistance(P(0.3, 0.5), top, bottom)).toBeCloseTo(0.2, 12);
    expect(signedDistance(P(0.7, 0.5), top, bottom)).toBeCloseTo(-0.2, 12);
  });
  it('measures the distance to the infinite line, not the segment', () => {
    expect(signedDistance(P(5, 0.75), a, b)).toBeCloseTo(0.25, 12);
  });
  it('is in the units of the points, whatever the line length', () => {
    const diag = signedDistance(P(1, 0), P(0, 0), P(1, 1));
    expect(diag).toBeCloseTo(-Math.SQRT1_2, 12);
  });
  it('is 0 for a line of no length', () => {
    expect(signedDistance(P(0.9, 0.9), a, a)).toBe(0);
  });
});

describe('crossingAlong', () => {
  const a = P(0.2, 0.5);
  const b = P(0.8, 0.5);
  it('gives the fraction along a→b where the path meets it', () => {
    expect(crossingAlong(P(0.5, 0.4), P(0.5, 0.6), a, b)).toBeCloseTo(0.5, 12);
    expect(crossingAlong(P(0.2, 0.3), P(0.2, 0.7), a, b)).toBeCloseTo(0, 12);
    // Diagonal path: meets the line half way, at x = 0.65.
    expect(crossingAlong(P(0.6, 0.4), P(0.7, 0.6), a, b)).toBeCloseTo(0.75, 12);
  });
  it('is the same whichever way the path runs', () => {
    expect(crossingAlong(P(0.35, 0.6), P(0.35, 0.4), a, b)).toBeCloseTo(
      0.25,
      12,
    );
  });
  it('reports crossings beyond the ends as fractions outside 0..1', () => {
    expect(crossingAlong(P(0.9, 0.4), P(0.9, 0.6), a, b)).toBeCloseTo(
      7 / 6,
      12,
    );
    expect(crossingAlong(P(0.05, 0.4), P(0.05, 0.6), a, b)).toBeCloseTo(
      -0.25,
      12,
    );
  });
  it('is null when the path stays on one side', () => {
    expect(crossingAlong(P(0.5, 0.4), P(0.6, 0.45), a, b)).toBeNull();
    expect(crossingAlong(P(0.5, 0.6), P(0.6, 0.9), a, b)).toBeNull();
  });
  it('is null for a path along the line or a line of no length', () => {
    expect(crossingAlong(P(0.3, 0.5), P(0.6, 0.5), a, b)).toBeNull();
    expect(crossingAlong(P(0.5, 0.4), P(0.5, 0.6), a, a)).toBeNull();
  });
  it('counts a path that starts on the line', () => {
    expect(crossingAlong(P(0.5, 0.5), P(0.5, 0.6), a, b)).toBeCloseTo(0.5, 12);
  });
});

describe('polygonArea and centroid', () => {
  it('measures area whatever the winding', () => {
    expect(polygonArea(SQUARE)).toBeCloseTo(0.36, 12);
    expect(polygonArea([...SQUARE].reverse())).toBeCloseTo(0.36, 12);
    expect(polygonArea(L_SHAPE)).toBeCloseTo(0.36 - 0.09, 12);
    expect(polygonArea(TRIANGLE)).toBeCloseTo(0.32, 12);
  });
  it('gives no area to degenerate shapes', () => {
    expect(polygonArea([])).toBe(0);
    expect(polygonArea([P(0.1, 0.1), P(0.5, 0.5), P(0.9, 0.9)])).toBeCloseTo(
      0,
      12,
    );
  });
  it('puts the centroid at the mean of the corners', () => {
    const c = centroid(SQUARE);
    expect(c.x).toBeCloseTo(0.5, 12);
    expect(c.y).toBeCloseTo(0.5, 12);
    const t = centroid(TRIANGLE);
    expect(t.x).toBeCloseTo(0.5, 12);
    expect(t.y).toBeCloseTo(1.9 / 3, 12);
  });
  it('puts the centroid of no points at the origin, not NaN', () => {
    expect(centroid([])).toEqual({ x: 0, y: 0 });
  });
});
