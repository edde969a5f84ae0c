// Picks the faster detection engine for this device: times each candidate on the same frames,
// keeps the fastest and disposes the rest. Generic over Detector so the choice is unit-tested
// with fakes; create-engine.ts supplies the real engines and frames.

import type { EngineName, MediapipeDelegate } from '../shared/types';
import type { Detector, PreparedFrame } from './detector';

export interface Candidate {
  engine: EngineName;
  /** MediaPipe's delegate for this candidate; null for TensorFlow.js. */
  delegate: MediapipeDelegate | null;
  load(): Promise<Detector>;
}

export interface Timing {
  engine: EngineName;
  delegate: MediapipeDelegate | null;
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

/**
 * Runs one round of the timing. The app passes a wrapper that lets no live frame run beside
 * it, and lets waiting live frames go between rounds (issue 19: the whole timing held the
 * first start's frames for up to a second); by default, the round just runs. Rounds, not
 * single runs: on a slow device a live frame costs as much as a run, and letting one through
 * after every run made the measurement several times longer (over 3 minutes on SwiftShader).
 */
export type Turn = <T>(work: () => Promise<T>) => Promise<T>;

const direct: Turn = (work) => work();

/**
 * Median ms per frame of each detector, timed in turns on the same frames: one untimed
 * warm-up run per frame each, then `runs` rounds in which every detector handles every frame,
 * the order alternating from round to round. Interleaving spreads whatever else the device
 * is doing (a first start is busy: page load, the offline download) over all of them alike.
 * The warm-up pass and each round are one `turn` each. A detector that throws gets null.
 */
export async function timeInTurns(
  detectors: readonly Detector[],
  frames: FrameSupply,
  runs: number,
  now: () => number = () => performance.now(),
  turn: Turn = direct,
): Promise<(number | null)[]> {
  const times = detectors.map((): number[] | null => []);
  const once = async (d: number, i: number, timed: boolean) => {
    if (!times[d]) return;
    const frame = frames.take(i);
    try {
      const t0 = now();
      await detectors[d]!.detect(frame);
      if (timed) times[d]!.push(now() - t0);
    } catch {
      times[d] = null;
    } finally {
      frames.release(frame);
    }
  };
  await turn(async () => {
    for (let i = 0; i < frames.count; i++)
      for (let d = 0; d < detectors.length; d++) await once(d, i, false);
  });
  for (let run = 0; run < runs; run++) {
    const order = detectors.map((_, d) => d);
    if (run % 2) order.reverse();
    await turn(async () => {
      for (let i = 0; i < frames.count; i++)
        for (const d of order) await once(d, i, true);
    });
  }
  return times.map((t) => (t && t.length ? median(t) : null));
}

/** Every candidate's timing, and the detectors that loaded (none kept or disposed yet). */
export interface Timed {
  timings: Timing[];
  loaded: { candidate: Candidate; detector: Detector; at: number }[];
}

/**
 * Loads every candidate and times the ones that loaded in turns (each round one `turn`),
 * keeping and disposing nothing: keepFastest does that.
 */
export async function timeCandidates(
  candidates: readonly Candidate[],
  frames: FrameSupply,
  runs: number,
  now?: () => number,
  turn?: Turn,
): Promise<Timed> {
  const timings: Timing[] = [];
  const loaded: Timed['loaded'] = [];
  for (const [index, candidate] of candidates.entries()) {
    const { engine, delegate } = candidate;
    timings.push({ engine, delegate, ms: null, error: null });
    try {
      loaded.push({ candidate, detector: await candidate.load(), at: index });
    } catch (err) {
      timings[index]!.error = err instanceof Error ? err.message : String(err);
    }
  }
  const ms = await timeInTurns(
    loaded.map((l) => l.detector),
    frames,
    runs,
    now,
    turn,
  );
  loaded.forEach((l, k) => {
    const t = ms[k] ?? null;
    timings[l.at]!.ms = t;
    if (t === null) timings[l.at]!.error = 'failed while being timed';
  });
  return { timings, loaded };
}

/**
 * Keeps the fastest detector that was timed and disposes the rest; resolves with it and
 * every timing. Throws (naming each failure) only if none ran.
 */
export function keepFastest({ timings, loaded }: Timed): Picked {
  let best: Timed['loaded'][number] | null = null;
  let bestMs = Infinity;
  for (const l of loaded) {
    const t = timings[l.at]!.ms;
    if (t !== null && t < bestMs) {
      best = l;
      bestMs = t;
    }
  }
  for (const l of loaded) if (l !== best) l.detector.dispose();
  if (!best) {
    const why = timings.map((t) => `${t.engine}: ${t.error}`).join('; ');
    throw new Error(`No detection engine could run here (${why}).`);
  }
  return { detector: best.detector, winner: best.candidate, timings };
}

export interface Picked {
  detector: Detector;
  winner: Candidate;
  timings: Timing[];
}
