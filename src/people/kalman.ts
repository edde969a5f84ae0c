// Constant-velocity Kalman filter for one person box, stepped by real elapsed time (ms).
// Pure functions on plain data; imports nothing. Geometry only: no pixels, no appearance.

/** A box as the filter sees it: centre, size, frame pixels. */
export interface BoxMeasurement {
  cx: number;
  cy: number;
  width: number;
  height: number;
}

/** A box by its top-left corner and size, as detectors give it. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function fromRect(r: Rect): BoxMeasurement {
  return {
    cx: r.x + r.width / 2,
    cy: r.y + r.height / 2,
    width: r.width,
    height: r.height,
  };
}

export function toRect(m: BoxMeasurement): Rect {
  return {
    x: m.cx - m.width / 2,
    y: m.cy - m.height / 2,
    width: m.width,
    height: m.height,
  };
}

/**
 * The filter's state. ByteTrack's 8-D state (centre x, y, size, their velocities) with diagonal
 * noise is four independent position/velocity pairs, so each dimension keeps its own 2×2
 * covariance [pp, pv, vv]. Order: cx, cy, width, height. Velocities are px per second.
 */
export interface KalmanState {
  readonly pos: readonly number[];
  readonly vel: readonly number[];
  readonly cov: readonly (readonly [number, number, number])[];
}

// Noise in box heights, as ByteTrack (std_weight_position 1/20) but in seconds, not frames,
// because detections arrive every 150–500 ms rather than every 33 ms.
/** Measurement std: 5 % of the box height. */
const MEASUREMENT_STD = 0.05;
/** Position std of a new track: 10 % of the height (ByteTrack: 2 × 1/20). */
const INITIAL_POSITION_STD = 0.1;
/** Velocity std of a new track, heights per second: a walker covers ~0.3–1 height per second. */
const INITIAL_VELOCITY_STD = 1;
/** Random-walk std of position, heights per √s (detector jitter the velocity cannot explain). */
const POSITION_NOISE = 0.05;
/** Random-walk std of velocity, heights per second per √s: people speed up, stop and turn. */
const VELOCITY_NOISE = 0.5;
/** Sizes change slowly (walking towards the camera): their velocity noise is scaled down. */
const SIZE_VELOCITY_SCALE = 0.2;
const DIMS = 4;

function velocityScale(dim: number): number {
  return dim < 2 ? 1 : SIZE_VELOCITY_SCALE;
}

/** A new track's state from its first detection (velocity 0, uncertain). */
export function initState(m: BoxMeasurement): KalmanState {
  const h = Math.max(m.height, 1);
  const cov: [number, number, number][] = [];
  for (let d = 0; d < DIMS; d++) {
    const vStd = INITIAL_VELOCITY_STD * velocityScale(d) * h;
    cov.push([(INITIAL_POSITION_STD * h) ** 2, 0, vStd ** 2]);
  }
  return { pos: [m.cx, m.cy, m.width, m.height], vel: [0, 0, 0, 0], cov };
}

/**
 * The state `dtMs` later. With `dampingTauMs` finite (a lost track) the centre velocity decays
 * as exp(−dt/τ), so the predicted travel is capped at v·τ, and the size stops changing: a person
 * out of sight for seconds has not kept walking in a straight line for sure.
 */
export function predictState(
  s: KalmanState,
  dtMs: number,
  dampingTauMs = Infinity,
): KalmanState {
  const dt = Math.max(0, dtMs) / 1000;
  const tau = dampingTauMs / 1000;
  const h = Math.max(s.pos[3], 1);
  const pos: number[] = [];
  const vel: number[] = [];
  const cov: [number, number, number][] = [];
  for (let d = 0; d < DIMS; d++) {
    // x' = x + a·v, v' = b·v: a = dt, b = 1 for constant velocity.
    let a = dt;
    let b = 1;
    if (Number.isFinite(tau)) {
      const decay = d < 2 && tau > 0 ? Math.exp(-dt / tau) : 0;
      a = d < 2 ? tau * (1 - decay) : 0;
      b = decay;
    }
    const [pp, pv, vv] = s.cov[d];
    const qPos = (POSITION_NOISE * h) ** 2 * dt;
    const qVel = (VELOCITY_NOISE * velocityScale(d) * h) ** 2 * dt;
    pos.push(s.pos[d] + a * s.vel[d]);
    vel.push(b * s.vel[d]);
    cov.push([
      pp + 2 * a * pv + a * a * vv + qPos,
      b * pv + a * b * vv,
      b * b * vv + qVel,
    ]);
  }
  return { pos, vel, cov };
}

/** The posterior after measuring `m` (the state must already be predicted to its time). */
export function updateState(s: KalmanState, m: BoxMeasurement): KalmanState {
  const z = [m.cx, m.cy, m.width, m.height];
  const r = (MEASUREMENT_STD * Math.max(s.pos[3], 1)) ** 2;
  const pos: number[] = [];
  const vel: number[] = [];
  const cov: [number, number, number][] = [];
  for (let d = 0; d < DIMS; d++) {
    const [pp, pv, vv] = s.cov[d];
    const innovation = z[d] - s.pos[d];
    const k0 = pp / (pp + r);
    const k1 = pv / (pp + r);
    pos.push(s.pos[d] + k0 * innovation);
    vel.push(s.vel[d] + k1 * innovation);
    cov.push([(1 - k0) * pp, (1 - k0) * pv, vv - k1 * pv]);
  }
  return { pos, vel, cov };
}

/** The state's box (centre and size), sizes kept at least 1 px. */
export function stateBox(s: KalmanState): BoxMeasurement {
  return {
    cx: s.pos[0],
    cy: s.pos[1],
    width: Math.max(1, s.pos[2]),
    height: Math.max(1, s.pos[3]),
  };
}
