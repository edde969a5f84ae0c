// Presentation mode's pure parts: when the on-screen controls hide after the screen was last
// touched, and the notice that says which browser feature (full screen, wake lock) is missing.
// No timers, no DOM: time is passed in. Imports nothing.

/** Default time the controls stay up after the last touch, click or mouse move. */
export const PRESENT_IDLE_MS = 3000;

/** How presentation covers the screen: real full screen, or a full-viewport layout. */
export type PresentMode = 'fullscreen' | 'css';
/** The screen wake lock: held; unavailable (unsupported or refused); released (not held). */
export type WakeLockState = 'held' | 'unavailable' | 'released';

/**
 * The controls' visibility. `hideAt` is when they hide unless touched again (null: never);
 * `held` keeps them up while focus is inside them, so keyboard users can reach Exit.
 */
export interface IdleState {
  visible: boolean;
  hideAt: number | null;
  held: boolean;
}

export const IDLE_OFF: IdleState = { visible: true, hideAt: null, held: false };

/** The screen was touched, clicked or the mouse moved: show the controls for `idleMs`. */
export function idleActivity(
  s: IdleState,
  now: number,
  idleMs: number,
): IdleState {
  return { ...s, visible: true, hideAt: now + idleMs };
}

/** Focus entered (held) or left the controls. Leaving starts a fresh idle period. */
export function idleHold(
  s: IdleState,
  held: boolean,
  now: number,
  idleMs: number,
): IdleState {
  if (held === s.held) return s;
  return held
    ? { visible: true, hideAt: null, held: true }
    : { visible: true, hideAt: now + idleMs, held: false };
}

/** Time has passed: hides the controls once their time is up. */
export function idleTick(s: IdleState, now: number): IdleState {
  if (!s.visible || s.held || s.hideAt === null || now < s.hideAt) return s;
  return { ...s, visible: false, hideAt: null };
}

/** Milliseconds until idleTick() has something to do, or null when nothing is pending. */
export function idleDelay(s: IdleState, now: number): number | null {
  if (!s.visible || s.held || s.hideAt === null) return null;
  return Math.max(0, s.hideAt - now);
}

/** What presenting lacks on this device, in a sentence; null when nothing is missing. */
export function presentationNotice(
  mode: PresentMode,
  wakeLock: WakeLockState,
): string | null {
  const noFull = mode === 'css';
  const noWake = wakeLock === 'unavailable';
  if (noFull && noWake)
    return 'Full screen and keeping the screen awake are not available here: the browser’s bars stay visible and the screen may dim or lock.';
  if (noFull)
    return 'Full screen is not available here: the browser’s bars stay visible.';
  if (noWake)
    return 'Keeping the screen awake is not available here: the screen may dim or lock.';
  return null;
}
