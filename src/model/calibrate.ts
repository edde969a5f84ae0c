// Picks the faster detection engine for this device: times each candidate on the same frames,
// keeps the fastest and disposes the rest. Generic over Detector so the choice is unit-tested
// with fakes; create-engine.ts supplies the real engines and frames.

import type { EngineName } from '../shared/types';
import type { Detector, PreparedFrame } from './detector';

export interface Candidate {
  engine: EngineName;
  load(): Promise<Detector>;
}

export interface Timing {
  engine: EngineName;
  /** Median ms per frame, or null when the engine failed to load or run. */
  ms: number | null;
  error: string | null;
}

export interface FrameSupply {
  /** A fresh frame for one run (each run pays the frame preparation, as the app does). */
  take(index: number): PreparedFrame;
  release(frame: PreparedFrame): void;
  count: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? sorted[mid]!
    : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median ms per frame of `detector`: one untimed warm-up run per frame, then `runs` timed. */
export async function timeDetector(
  detector: Detector,
  frames: FrameSupply,
  runs: number,
  now: () => number = () => performance.now(),
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < frames.count; i++) {
    for (let run = 0; run <= runs; run++) {
      const frame = frames.take(i);
      try {
        const t0 = now();
        await detector.detect(frame);
        if (run > 0) times.push(now() - t0);
      } finally {
        frames.release(frame);
      }
    }
  }
  return median(times);
}

/**
 * Loads and times each candidate in turn; resolves with the fastest, loaded, and every timing.
 * Throws (naming each failure) only if none could run.
 */
export async function pickFastest(
  candidates: readonly Candidate[],
  frames: FrameSupply,
  runs: number,
  onStep: (index: number) => void = () => {},
  now?: () => number,
): Promise<{ detector: Detector; engine: EngineName; timings: Timing[] }> {
  let best: { detector: Detector; engine: EngineName; ms: number } | null =
    null;
  const timings: Timing[] = [];
  for (const [index, candidate] of candidates.entries()) {
    onStep(index);
    let detector: Detector | null = null;
    try {
      detector = await candidate.load();
      const ms = await timeDetector(detector, frames, runs, now);
      timings.push({ engine: candidate.engine, ms, error: null });
      if (!best || ms < best.ms) {
        best?.detector.dispose();
        best = { detector, engine: candidate.engine, ms };
      } else detector.dispose();
    } catch (err) {
      detector?.dispose();
      const error = err instanceof Error ? err.message : String(err);
      timings.push({ engine: candidate.engine, ms: null, error });
    }
  }
  if (!best) {
    const why = timings.map((t) => `${t.engine}: ${t.error}`).join('; ');
    throw new Error(`No detection engine could run here (${why}).`);
  }
  return { detector: best.detector, engine: best.engine, timings };
}
