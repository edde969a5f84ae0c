// The person tracker's Kalman filter: velocity from irregular intervals, purity, damping of
// lost tracks, uncertainty over time, and scale invariance (all noise is in box heights).

import { describe, expect, it } from 'vitest';
import {
  initState,
  predictState,
  stateBox,
  updateState,
  type BoxMeasurement,
  type KalmanState,
} from '../../src/people/kalman';

const box = (cx: number, cy = 200, height = 100): BoxMeasurement => ({
  cx,
  cy,
  width: height * 0.4,
  height,
});

/** Tracks a box moving `vx` px/s, measured at the given intervals (ms); returns the posterior. */
function follow(
  vx: number,
  intervals: number[],
  scale = 1,
): { state: KalmanState; t: number } {
  let t = 0;
  let state = initState(box(100 * scale, 200 * scale, 100 * scale));
  for (const dt of intervals) {
    t += dt;
    const m = box((100 + (vx * t) / 1000) * scale, 200 * scale, 100 * scale);
    state = updateState(predictState(state, dt), m);
  }
  return { state, t };
}

const IRREGULAR = [143, 400, 250, 500, 150, 286, 429, 143, 350, 500, 200, 143];

describe('person Kalman filter', () => {
  it('starts at the detection with zero velocity', () => {
    const s = initState(box(100));
    expect(stateBox(s)).toEqual(box(100));
    expect(s.vel).toEqual([0, 0, 0, 0]);
  });

  it('learns a walking speed from irregular intervals (real dt, not steps)', () => {
    const { state, t } = follow(50, IRREGULAR);
    expect(state.vel[0]).toBeGreaterThan(45);
    expect(state.vel[0]).toBeLessThan(55);
    expect(state.pos[0]).toBeCloseTo(100 + (50 * t) / 1000, 0);
    // And predicts 400 ms ahead to within a pixel or two.
    const ahead = stateBox(predictState(state, 400));
    expect(Math.abs(ahead.cx - (100 + (50 * (t + 400)) / 1000))).toBeLessThan(
      2,
    );
  });

  it('does not change the state it predicts or updates from', () => {
    const { state } = follow(50, IRREGULAR.slice(0, 4));
    const copy = structuredClone(state);
    predictState(state, 300);
    predictState(state, 300, 1000);
    updateState(state, box(500));
    expect(state).toEqual(copy);
  });

  it('grows uncertainty with elapsed time and shrinks it with a measurement', () => {
    const { state } = follow(50, IRREGULAR.slice(0, 6));
    const short = predictState(state, 143);
    const long = predictState(state, 500);
    expect(long.cov[0][0]).toBeGreaterThan(short.cov[0][0]);
    expect(updateState(long, box(200)).cov[0][0]).toBeLessThan(long.cov[0][0]);
  });

  it('damps a lost track: travel capped at v·τ, size frozen', () => {
    const { state } = follow(50, IRREGULAR);
    const moving: KalmanState = { ...state, vel: [50, 0, 5, 10] };
    const far = predictState(moving, 10_000, 1000);
    expect(far.pos[0] - moving.pos[0]).toBeCloseTo(50, 0);
    expect(far.pos[3]).toBe(moving.pos[3]);
    expect(far.vel[0]).toBeLessThan(0.01);
    // Without damping, constant velocity: 500 px in 10 s.
    expect(predictState(moving, 10_000).pos[0] - moving.pos[0]).toBeCloseTo(
      500,
      6,
    );
  });

  it('behaves the same at any scale: a twice-as-large person gives twice the numbers', () => {
    const small = follow(40, IRREGULAR).state;
    const large = follow(40, IRREGULAR, 2).state;
    small.pos.forEach((p, d) => expect(large.pos[d]).toBeCloseTo(2 * p, 6));
    small.vel.forEach((v, d) => expect(large.vel[d]).toBeCloseTo(2 * v, 6));
  });
});
