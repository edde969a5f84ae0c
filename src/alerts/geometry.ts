// Plane geometry for zones and lines in normalised frame coordinates (0..1 across and down,
// y pointing down as on screen). Pure; imports nothing.

export interface NPoint {
  x: number;
  y: number;
}

/** True when `p` is inside `polygon` (even-odd rule; a point on an edge may go either way). */
export function pointInPolygon(p: NPoint, polygon: readonly NPoint[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (
      a.y > p.y !== b.y > p.y &&
      p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x
    ) {
      inside = !inside;
    }
  }
  return inside;
}

/**
 * Signed distance of `p` from the infinite line through a→b: positive on the side the line's
 * arrow points to (its normal (−dy, dx), i.e. to the right of a→b on screen), in the same
 * units as the points. 0 for a line of no length.
 */
export function signedDistance(p: NPoint, a: NPoint, b: NPoint): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  return len === 0 ? 0 : (dx * (p.y - a.y) - dy * (p.x - a.x)) / len;
}

/**
 * Where the path p→q meets the line a→b, as a fraction along a→b (0 at a, 1 at b); null when
 * p→q does not reach across the line (both ends on one side) or runs parallel to it.
 */
export function crossingAlong(
  p: NPoint,
  q: NPoint,
  a: NPoint,
  b: NPoint,
): number | null {
  const dp = signedDistance(p, a, b);
  const dq = signedDistance(q, a, b);
  if (dp === dq || Math.sign(dp) === Math.sign(dq)) return null;
  const s = dp / (dp - dq); // fraction along p→q where it meets the line
  const x = p.x + s * (q.x - p.x);
  const y = p.y + s * (q.y - p.y);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  return len2 === 0 ? null : ((x - a.x) * dx + (y - a.y) * dy) / len2;
}

/** Area of a polygon (shoelace formula), always ≥ 0. */
export function polygonArea(polygon: readonly NPoint[]): number {
  let twice = 0;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    twice += (polygon[j]!.x + polygon[i]!.x) * (polygon[j]!.y - polygon[i]!.y);
  }
  return Math.abs(twice) / 2;
}

/** The mean of the points: where a zone's label goes. */
export function centroid(points: readonly NPoint[]): NPoint {
  const n = Math.max(1, points.length);
  return {
    x: points.reduce((s, p) => s + p.x, 0) / n,
    y: points.reduce((s, p) => s + p.y, 0) / n,
  };
}
