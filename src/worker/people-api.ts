// The people lane's API (issue 15): the person detector on its own worker, so it runs on
// another core at its own pace while faces are analysed every frame. Exposed through comlink
// by people.worker.ts; no DOM, lit or idb. Frames are closed here; nothing is kept.

import { AssetFetcher, type FetchLike } from '../model/asset-fetcher';
import { TFJS_WASM_DIR } from '../model/constants';
import type { DetectorInput } from '../model/detector';
import { selectBackend } from '../model/tfjs/backend';
import { FrameTensorizer } from '../model/tfjs/frame-tensor';
import { PersonDetector } from '../model/tfjs/person-detector';
import type { ResourceEntry } from '../shared/inspector-types';
import { toResourceEntries } from '../shared/network-classify';
import type {
  BackendPreference,
  EngineInfo,
  ObjectBox,
  PersonBox,
} from '../shared/types';

export interface PeopleApiDeps {
  fetch: FetchLike;
}

export type PeopleLaneInfo = NonNullable<EngineInfo['people']>;

/** One run of the person detector: people, and the object-class demo's boxes (issue 17). */
export interface PeopleDetection {
  people: PersonBox[];
  /** Empty unless setObjectClasses(true). */
  objects: ObjectBox[];
}

export function createPeopleApi(
  deps: PeopleApiDeps = { fetch: (url) => fetch(url) },
) {
  let detector: PersonDetector | null = null;
  let tensorizer: FrameTensorizer | null = null;
  // The object-class demo (issue 17) is off until the page switches it on.
  let objectClasses = false;

  async function run(frame: DetectorInput): Promise<PeopleDetection> {
    if (!detector || !tensorizer)
      throw new Error('The person detector is not loaded.');
    const prepared = tensorizer.prepare(await tensorizer.readable(frame));
    try {
      return await detector.detectAll(await prepared.tensor(), objectClasses);
    } finally {
      tensorizer.release(prepared);
    }
  }

  return {
    /** Loads the person detector from the app's origin (checksummed) and runs it once. */
    async init(
      assetBase: string,
      backend: BackendPreference,
    ): Promise<PeopleLaneInfo> {
      const started = performance.now();
      const fetcher = new AssetFetcher(assetBase, deps.fetch);
      const chosen = await selectBackend(
        backend,
        fetcher.resolve(TFJS_WASM_DIR),
      );
      detector?.dispose();
      tensorizer?.dispose();
      tensorizer = new FrameTensorizer(chosen.backend);
      detector = await PersonDetector.create(fetcher);
      await run({ data: new Uint8Array(64 * 64 * 4), width: 64, height: 64 });
      return { backend: chosen.backend, loadMs: performance.now() - started };
    },

    /** Whether detect() also returns knives, scissors and baseball bats (issue 17; off by default). */
    setObjectClasses(on: boolean): void {
      objectClasses = on;
    },

    /** People (and flagged objects, when on) in `frame`, in its pixels. Always closes the frame. */
    async detect(frame: DetectorInput): Promise<PeopleDetection> {
      try {
        return await run(frame);
      } finally {
        if ('close' in frame) frame.close();
      }
    },

    /** Every request this worker made (its own Resource Timing), for the network record. */
    resourceLog(): ResourceEntry[] {
      if (typeof performance.getEntriesByType !== 'function') return [];
      return toResourceEntries(
        performance.getEntriesByType('resource') as PerformanceResourceTiming[],
      );
    },

    dispose(): void {
      detector?.dispose();
      tensorizer?.dispose();
      detector = null;
      tensorizer = null;
    },
  };
}

export type PeopleApi = ReturnType<typeof createPeopleApi>;
