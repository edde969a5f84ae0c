// Is a face turned towards the camera? A coarse head pose from BlazeFace's six keypoints,
// measured in the eye-aligned frame so head roll does not count. Pure.

import type { Point } from '../shared/types';

export interface HeadPose {
  /** Nose offset from the eye midpoint, in eye distances: 0 frontal, ±0.5 about 45°. */
  yaw: number;
  /** Nose drop between eye line and mouth, 0..1: ~0.5 frontal, lower looking up, higher looking down. */
  pitch: number;
  facing: boolean;
}

export const FACING_LIMITS = {
  yaw: 0.3,
  pitchMin: 0.3,
  pitchMax: 0.75,
} as const;

/** keypoints: rightEye, leftEye, noseTip, mouthCenter (then the two ear tragions). */
export function headPose(keypoints: readonly Point[]): HeadPose | null {
  if (keypoints.length < 4) return null;
  const [rightEye, leftEye, nose, mouth] = keypoints;
  const dx = leftEye.x - rightEye.x;
  const dy = leftEye.y - rightEye.y;
  const eyeDist = Math.hypot(dx, dy);
  if (eyeDist < 1e-6) return null;
  // Rotate into the frame where the eye line is horizontal.
  const cos = dx / eyeDist;
  const sin = dy / eyeDist;
  const mid = {
    x: (rightEye.x + leftEye.x) / 2,
    y: (rightEye.y + leftEye.y) / 2,
  };
  const local = (p: Point): Point => {
    const x = p.x - mid.x;
    const y = p.y - mid.y;
    return { x: x * cos + y * sin, y: -x * sin + y * cos };
  };
  const n = local(nose);
  const m = local(mouth);
  const yaw = n.x / eyeDist;
  const pitch = m.y > 1e-6 ? n.y / m.y : 0;
  const facing =
    Math.abs(yaw) <= FACING_LIMITS.yaw &&
    pitch >= FACING_LIMITS.pitchMin &&
    pitch <= FACING_LIMITS.pitchMax;
  return { yaw, pitch, facing };
}
