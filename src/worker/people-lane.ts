// The people lane as the detector worker sees it (issue 15): a nested worker running the
// person detector on its own core. The face pipeline never waits for it: a frame is handed
// over (a cheap VideoFrame clone, or a copy) only while the lane is idle, and its people are
// picked up by a later frame. A crash or a failed run turns the lane off with a reason.

import { transfer, wrap, type Remote } from 'comlink';
import { frameSize, type DetectorInput } from '../model/detector';
import type { PeopleFrame } from '../people/people-session';
import type { BackendPreference } from '../shared/types';
import type { PeopleApi, PeopleLaneInfo } from './people-api';

/** Frame time between the starts of two person detections, at the most often. */
const MIN_INTERVAL_MS = 100;

interface TrustedTypesLike {
  createPolicy(
    name: string,
    rules: { createScriptURL: (url: string) => string },
  ): unknown;
}

// This realm enforces the app's CSP too (require-trusted-types-for 'script'): starting a
// worker needs a policy, and this one allows the app's own origin only (as the page's).
const factory = (globalThis as { trustedTypes?: TrustedTypesLike })
  .trustedTypes;
try {
  factory?.createPolicy('default', {
    createScriptURL: (url) => {
      const resolved = new URL(url, self.location.href);
      if (resolved.origin !== self.location.origin)
        throw new TypeError(`Refused a script from another origin: ${url}`);
      return resolved.href;
    },
  });
} catch {
  // A default policy exists already (a second import): it is the same rule.
}

/** A copy of the frame that can be transferred, leaving the caller's frame open. */
async function copyOf(frame: DetectorInput): Promise<DetectorInput> {
  if ('displayWidth' in frame) return frame.clone();
  if ('close' in frame) return createImageBitmap(frame);
  return { data: frame.data.slice(), width: frame.width, height: frame.height };
}

function transferList(frame: DetectorInput): Transferable[] {
  if ('close' in frame) return [frame];
  return [frame.data.buffer as ArrayBuffer];
}

export class PeopleLane {
  private _busy = false;
  private _lastStart = -Infinity;
  private _ready: PeopleFrame | null = null;
  private _error: string | null = null;
  private _crashed: ((err: Error) => void) | null = null;

  private constructor(
    private readonly _worker: Worker,
    private readonly _api: Remote<PeopleApi>,
    readonly info: PeopleLaneInfo,
  ) {
    _worker.addEventListener('error', (e) => {
      e.preventDefault();
      this._fail(`the people worker stopped (${e.message || 'crashed'})`);
    });
  }

  /** Starts the nested worker and loads the person detector; throws if it cannot. */
  static async start(
    assetBase: string,
    backend: BackendPreference,
  ): Promise<PeopleLane> {
    const worker = new Worker(new URL('./people.worker.ts', import.meta.url), {
      type: 'module',
      name: 'localsight-people',
    });
    const api = wrap<PeopleApi>(worker);
    try {
      const failed = new Promise<never>((_, reject) =>
        worker.addEventListener('error', (e) =>
          reject(new Error(e.message || 'The people worker failed to start.')),
        ),
      );
      const info = await Promise.race([api.init(assetBase, backend), failed]);
      return new PeopleLane(worker, api, info);
    } catch (err) {
      worker.terminate();
      throw err;
    }
  }

  /** Why the lane stopped, once; null while it runs. */
  get error(): string | null {
    return this._error;
  }

  /**
   * Hands `frame` (taken at `t`) to the person detector if the lane is idle and due; never
   * waits for the detection. The caller's frame stays open.
   */
  offer(frame: DetectorInput, t: number): void {
    if (this._busy || this._error) return;
    if (t - this._lastStart < MIN_INTERVAL_MS && t >= this._lastStart) return;
    this._busy = true;
    this._lastStart = t;
    const size = frameSize(frame); // read now: the caller closes the frame later
    const crashed = new Promise<never>((_, reject) => (this._crashed = reject));
    void (async () => {
      try {
        const copy = await copyOf(frame);
        const people = await Promise.race([
          this._api.detect(transfer(copy, transferList(copy))),
          crashed,
        ]);
        this._ready = { t, ...size, people };
      } catch (err) {
        this._fail(err instanceof Error ? err.message : String(err));
      } finally {
        this._busy = false;
        this._crashed = null;
      }
    })();
  }

  /** The latest finished detection, once; null when none finished since the last call. */
  take(): PeopleFrame | null {
    const ready = this._ready;
    this._ready = null;
    return ready;
  }

  /** Drops a detection still to be taken and restarts the pacing (a new session). */
  reset(): void {
    this._ready = null;
    this._lastStart = -Infinity;
  }

  dispose(): void {
    this._worker.terminate();
    this._crashed?.(new Error('The people lane was closed.'));
  }

  private _fail(why: string): void {
    if (this._error) return;
    this._error = why;
    this._crashed?.(new Error(why));
    this._worker.terminate();
  }
}
