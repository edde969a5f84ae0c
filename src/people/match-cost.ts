// How well a detection fits a track, as a cost for the assignment: overlap with the predicted box,
// else nearness to the path a person out of sight may have taken. Geometry only, no appearance.
// Imports src/shared types only.

import { iou } from '../shared/geometry';
import type { PersonBox } from '../shared/types';

/**
 * Pair costs are below 1: 1 − IoU for overlaps, 1 − iouGate·(1 − distance/radius) for distance
 * matches (no better than an overlap at the gate, so overlaps win); 1 or more is no match.
 */
export const MAX_COST = 1;
/**
 * The IoU of a track unseen for maxLostMs is discounted by this much, so of two equal overlaps the
 * track seen more recently (less uncertain) wins.
 */
const MAX_UNSEEN_DISCOUNT = 0.15;
/** Walkers rarely exceed ~1.5 body heights per second: caps the path a lost track may have taken. */
const MAX_SPEED_HEIGHTS_PER_S = 1.5;

/** Where a track was last seen and how it was moving (its Kalman posterior). */
export interface TrackMotion {
  /** Centre at lastSeen, px. */
  cx: number;
  cy: number;
  /** Centre velocity, px per second. */
  vx: number;
  vy: number;
  /** Time since lastSeen, ms. */
  unseenMs: number;
}

export interface CostGates {
  /** Least IoU for an overlap match. */
  iouGate: number;
  /** Whether the distance gate may match what IoU does not (first stage only). */
  byDistance: boolean;
  /** Radius of the distance gate in box heights… */
  distanceGate: number;
  /** …plus this many heights per second unseen. */
  distanceGatePerSecond: number;
  /** Largest height ratio between a track and a detection for a distance match. */
  maxHeightRatio: number;
  /** Scales the unseen discount (a track unseen this long gets all of it). */
  maxLostMs: number;
}

/** Cost of matching detection `d` to a track predicted at `predicted`; Infinity outside the gates. */
export function matchCost(
  predicted: PersonBox,
  d: PersonBox,
  motion: TrackMotion,
  g: CostGates,
): number {
  const overlap = iou(predicted, d);
  if (overlap >= g.iouGate) {
    const unseen = Math.min(1, motion.unseenMs / Math.max(1, g.maxLostMs));
    return 1 - overlap * (1 - MAX_UNSEEN_DISCOUNT * unseen);
  }
  if (!g.byDistance) return Infinity;
  // After a second or two out of sight IoU with the prediction is often 0: accept a detection of
  // similar height near the straight path from the last position (wherever the person stopped
  // along it), within a radius that grows with the time unseen.
  const h = predicted.height;
  const ratio = d.height / h;
  if (ratio > g.maxHeightRatio || ratio * g.maxHeightRatio < 1) return Infinity;
  const unseenS = motion.unseenMs / 1000;
  const radius = h * (g.distanceGate + g.distanceGatePerSecond * unseenS);
  const speed = Math.hypot(motion.vx, motion.vy);
  const cap = Math.min(1, (MAX_SPEED_HEIGHTS_PER_S * h) / (speed || 1));
  const dist = segmentDistance(
    d.x + d.width / 2,
    d.y + d.height / 2,
    motion.cx,
    motion.cy,
    motion.cx + motion.vx * cap * unseenS,
    motion.cy + motion.vy * cap * unseenS,
  );
  return dist < radius ? 1 - g.iouGate * (1 - dist / radius) : Infinity;
}

/** Distance from point (px, py) to the segment (ax, ay)–(bx, by). */
function segmentDistance(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const u =
    len2 > 0
      ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2))
      : 0;
  return Math.hypot(px - (ax + u * dx), py - (ay + u * dy));
}
