// The worker's API object: init, detect, reset, dispose. Exposed through comlink by
// detector.worker.ts and called directly by node tests. No DOM, lit or idb here.

import { createFaceDetector } from '../model/create-detector';
import type { FetchLike } from '../model/asset-fetcher';
import type { Detector, DetectorInput } from '../model/detector';
import type {
  DetectorOptions,
  DetectResult,
  EngineInfo,
  LoadProgress,
} from '../shared/types';

export interface DetectorApiDeps {
  fetch: FetchLike;
}

function closeFrame(frame: DetectorInput): void {
  if ('close' in frame) frame.close();
}

export function createDetectorApi(
  deps: DetectorApiDeps = { fetch: (url) => fetch(url) },
) {
  let detector: Detector | null = null;
  let busy = false;

  return {
    /** Loads (or reloads with new options) the detector. Throws on failure. */
    async init(
      options: Partial<DetectorOptions>,
      onProgress?: (p: LoadProgress) => unknown,
    ): Promise<EngineInfo> {
      const previous = detector;
      detector = null;
      previous?.dispose();
      const report = (p: LoadProgress): void => {
        // A comlink proxy returns a promise; progress is best effort, never awaited.
        void Promise.resolve(onProgress?.(p)).catch(() => undefined);
      };
      detector = await createFaceDetector(options, deps.fetch, report);
      return detector.info;
    },

    /**
     * Analyses one frame. While a frame is in flight, further frames are dropped, not queued.
     * The worker owns the frame from here on and always closes it.
     */
    async detect(frame: DetectorInput): Promise<DetectResult> {
      const base = {
        frameWidth: frame.width,
        frameHeight: frame.height,
        faces: [],
        inferenceMs: 0,
      };
      if (busy || !detector) {
        closeFrame(frame);
        return { ...base, dropped: true };
      }
      busy = true;
      const started = performance.now();
      try {
        const faces = await detector.detect(frame);
        return {
          ...base,
          dropped: false,
          faces,
          inferenceMs: performance.now() - started,
        };
      } finally {
        busy = false;
        closeFrame(frame);
      }
    },

    /** Forgets per-session state (tracks, in later versions). */
    reset(): void {},

    /** Live tensors, for leak checks in tests and the bench. */
    liveTensors(): number {
      return detector?.liveTensors() ?? 0;
    },

    dispose(): void {
      detector?.dispose();
      detector = null;
    },
  };
}

export type DetectorApi = ReturnType<typeof createDetectorApi>;
