// The contract every system in the peer benchmark implements (issue 7): LocalSight, Human and
// face-api each load for a backend, then do the full job on one frame at a time.

export type Backend = 'wasm' | 'webgl';

export interface FaceSystem {
  /** Loads runtime and models for `backend` from the page's origin; resolves when ready. */
  load(backend: Backend): Promise<void>;
  /**
   * Optional, boxes first: loads what finding faces needs and finds them on one frame (which it
   * consumes), resolving with how many; load() then loads the rest. A system without it shows
   * its first boxes with its first full result.
   */
  firstBoxes?(backend: Backend, frame: ImageBitmap): Promise<number>;
  /**
   * The full job on one frame: find the faces, then age, gender and expression on every one
   * (per-frame mode: no caching between frames). Resolves with the number of faces found.
   */
  analyse(frame: ImageBitmap): Promise<number>;
  /**
   * Optional: resolves once what the system loads after its first result has loaded (for
   * LocalSight the people lane, which starts after the first boxes), so the timed passes
   * measure the steady state and not that loading.
   */
  settled?(): Promise<void>;
  /** What actually ran (backend, versions), for the report. */
  describe(): string;
  /** Optional: where the last frame's time went (e.g. detectMs, attributeMs). */
  lastSplit?(): Record<string, number>;
  /**
   * Optional: the model floor on one frame, ms per model with inputs made beforehand (e.g.
   * detectorMs, ageGenderMs, expressionMs). Consumes the frame.
   */
  floor?(frame: ImageBitmap): Promise<Record<string, number>>;
  dispose(): void;
}

/** What the page reports to scripts/bench-peers.mjs (window.benchResult). */
export interface BenchResult {
  system: string;
  backend: Backend;
  description: string;
  /** Per timed run, ms for one frame. */
  msPerFrame: number[];
  /** Faces found on each photo (last timed run). */
  faces: number[];
  /** From navigation start to the first boxes (firstBoxes, or else the first full result). */
  firstBoxMs: number;
  /** From navigation start to the first analysed frame's full answer. */
  firstResultMs: number;
  /** From the photos being ready to the system being loaded (first boxes included). */
  loadMs: number;
  /** Median of each lastSplit() figure over the timed runs, when the system reports one. */
  split: Record<string, number>;
  /** Per pass over the six photos, the summed floor of each model, when the system has one. */
  floorPasses: Record<string, number>[];
  /** Main-thread tasks over 50 ms during the timed runs. */
  longTasks: number;
  longTaskMs: number;
  /** performance.memory.usedJSHeapSize after the timed runs, when Chromium exposes it. */
  heapBytes: number | null;
  error: string | null;
}

/** Ground truth for the six @vladmandic/face-api demo photos (sample5 shows five people). */
export const GROUND_TRUTH = [3, 3, 3, 4, 5, 4];
/** The photos as the app serves them (copied from @vladmandic/face-api by copy-models). */
export const PHOTOS = [1, 2, 3, 4, 5, 6].map((n) => `/sample/sample${n}.jpg`);
export const FRAME = { width: 640, height: 480 } as const;
