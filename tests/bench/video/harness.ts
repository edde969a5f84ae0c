// Runs one system on the playing footage: load, start (the system's own loop), warm up, then
// measure a window: fresh answers and their latency and faces, the footage's frames, main-thread
// long tasks, JS heap and live tensors at both ends.

import type { Backend } from '../peers/system';
import { Footage, type FootageFrame } from './footage';

/** One fresh answer: how long the frame took, its faces, and which footage frame it was. */
export interface FrameAnswer {
  latencyMs: number;
  faces: number;
  /** Footage.shown when the frame was taken. */
  shown: FootageFrame;
}

export interface VideoSystem {
  /** Loads runtime and models for `backend` from the page's origin. */
  load(backend: Backend): Promise<void>;
  /**
   * Has `play` start the footage in the system's <video>, then analyses it the way the system
   * is meant to run on video, calling `onAnswer` per fresh answer and `onError` if the loop dies.
   */
  start(
    play: (video: HTMLVideoElement) => Promise<Footage>,
    onAnswer: (answer: FrameAnswer) => void,
    onError: (err: unknown) => void,
  ): Promise<Footage>;
  /** Live tensors, read between two frames (nothing in flight). */
  tensorsBetweenFrames(): Promise<number>;
  /** Counters the system keeps (e.g. dropped or cached frames), read at both window ends. */
  counters(): Record<string, number>;
  /** What actually ran, for the report. */
  describe(): string;
  stop(): void;
}

/** What the page reports to scripts/bench-video.mjs (window.benchResult). */
export interface VideoBenchResult {
  system: string;
  backend: Backend;
  description: string;
  loadMs: number;
  warmupS: number;
  /** The footage's playback rate. */
  rate: number;
  /** The measured window, by the page's clock. */
  windowS: number;
  /** Fresh answers in the window. */
  analysed: number;
  /** Distinct footage frames among them. */
  distinctFrames: number;
  /** Footage frames presented in the window (the source's own rate). */
  presentedFrames: number;
  latencyMs: number[];
  /** Per fresh answer: the footage's media time (s) and the faces found. */
  faces: [number, number][];
  longTasks: number;
  longTaskMs: number;
  heapStart: number | null;
  heapEnd: number | null;
  tensorsStart: number;
  tensorsEnd: number;
  /** counters() at the window's end minus at its start. */
  counters: Record<string, number>;
  /** securitypolicyviolation events on the page: `directive blocked-uri`. */
  cspViolations: string[];
  error: string | null;
}

export function emptyResult(
  system: string,
  backend: Backend,
): VideoBenchResult {
  return {
    system,
    backend,
    description: '',
    loadMs: 0,
    warmupS: 0,
    rate: 1,
    windowS: 0,
    analysed: 0,
    distinctFrames: 0,
    presentedFrames: 0,
    latencyMs: [],
    faces: [],
    longTasks: 0,
    longTaskMs: 0,
    heapStart: null,
    heapEnd: null,
    tensorsStart: 0,
    tensorsEnd: 0,
    counters: {},
    cspViolations: [],
    error: null,
  };
}

const heap = (): number | null =>
  (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
    ?.usedJSHeapSize ?? null;

export async function runVideoBench(
  name: string,
  system: VideoSystem,
  backend: Backend,
  warmupS: number,
  seconds: number,
  rate: number,
): Promise<VideoBenchResult> {
  const result = emptyResult(name, backend);
  result.warmupS = warmupS;
  result.rate = rate;
  document.addEventListener('securitypolicyviolation', (e) =>
    result.cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`),
  );
  let recording = false;
  const frames = new Set<number>();
  let failure: ((err: unknown) => void) | null = null;
  const failed = new Promise<never>((_, reject) => (failure = reject));
  failed.catch(() => undefined); // raced below; not every rejection finds a race pending
  const sleep = (s: number) =>
    Promise.race([
      new Promise((resolve) => setTimeout(resolve, s * 1000)),
      failed,
    ]);
  try {
    const t0 = performance.now();
    await system.load(backend);
    result.loadMs = performance.now() - t0;
    result.description = system.describe();
    const play = async (video: HTMLVideoElement): Promise<Footage> => {
      const footage = new Footage(video, rate);
      await footage.play();
      return footage;
    };
    const footage = await system.start(
      play,
      (answer) => {
        if (!recording) return;
        result.analysed += 1;
        result.latencyMs.push(answer.latencyMs);
        result.faces.push([answer.shown.mediaTime, answer.faces]);
        frames.add(answer.shown.frame);
      },
      (err) => failure?.(err),
    );
    await sleep(warmupS);

    result.tensorsStart = await Promise.race([
      system.tensorsBetweenFrames(),
      failed,
    ]);
    const counters = system.counters();
    const presentedStart = footage.shown.frame;
    result.heapStart = heap();
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        result.longTasks += 1;
        result.longTaskMs += entry.duration;
      }
    });
    observer.observe({ type: 'longtask', buffered: false });
    const start = performance.now();
    recording = true;
    await sleep(seconds);

    result.tensorsEnd = await Promise.race([
      system.tensorsBetweenFrames(),
      failed,
    ]);
    recording = false;
    result.windowS = (performance.now() - start) / 1000;
    result.heapEnd = heap();
    result.presentedFrames = footage.shown.frame - presentedStart;
    result.distinctFrames = frames.size;
    for (const [key, value] of Object.entries(system.counters()))
      result.counters[key] = value - (counters[key] ?? 0);
    // Long tasks are reported asynchronously; let the last ones arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    system.stop();
  } catch (err) {
    result.error =
      err instanceof Error ? `${err.message}\n${err.stack}` : String(err);
  }
  return result;
}
