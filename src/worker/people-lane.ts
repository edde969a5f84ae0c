// The people lane as the detector worker sees it (issue 15): a nested worker running the
// person detector on its own core. The face pipeline never waits for it: a frame is handed
// over (a cheap VideoFrame clone, or a copy) only while the lane is idle, and its people are
// picked up by a later frame. A crash or a failed run turns the lane off with a reason.
// The same run can flag knives, scissors and baseball bats (issue 17's object-class demo).

import { transfer, wrap, type Remote } from 'comlink';
import { frameSize, type DetectorInput } from '../model/detector';
import type { PeopleFrame } from '../people/people-session';
import type { ResourceEntry } from '../shared/inspector-types';
import type { BackendPreference, ObjectBox } from '../shared/types';
import type { PeopleApi, PeopleLaneInfo } from './people-api';

/** Frame time between the starts of two person detections, at the most often. */
const MIN_INTERVAL_MS = 100;
/** A load that takes longer has failed (a worker that never answers must not hang the app). */
const INIT_TIMEOUT_MS = 60_000;
/** A detection that takes longer means the worker died silently (e.g. killed out of memory). */
const DETECT_TIMEOUT_MS = 10_000;

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

/** Rejects after `ms`, saying `why`. */
function timeout(ms: number, why: string): Promise<never> {
  return new Promise((_, reject) =>
    setTimeout(() => reject(new Error(why)), ms),
  );
}

function close(frame: DetectorInput): void {
  if ('close' in frame) frame.close();
}

function transferList(frame: DetectorInput): Transferable[] {
  if ('close' in frame) return [frame];
  return [frame.data.buffer as ArrayBuffer];
}

export class PeopleLane {
  private _busy = false;
  private _lastStart = -Infinity;
  private _ready: PeopleFrame | null = null;
  private _objectClasses = false;
  /** The flagged objects of the latest finished detection (empty while the demo is off). */
  private _objects: ObjectBox[] = [];
  private _error: string | null = null;
  /** Bumped by reset(): a detection started before it belongs to the session that ended. */
  private _generation = 0;
  /** Rejects the detection in flight when the worker fails (settled, never unhandled). */
  private _crashed: ((err: Error) => void) | null = null;

  private constructor(
    private readonly _worker: Worker,
    private readonly _api: Remote<PeopleApi>,
    readonly info: PeopleLaneInfo,
  ) {
    _worker.addEventListener('error', (e) => {
      e.preventDefault(); // ours to handle: it must not crash the analysis worker
      this._fail(`the people worker stopped (${e.message || 'crashed'})`);
    });
  }

  /**
   * Starts the nested worker and loads the person detector; throws (and leaves nothing
   * running) if it cannot, or does not answer within a minute.
   */
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
        worker.addEventListener('error', (e) => {
          e.preventDefault();
          reject(new Error(e.message || 'the people worker failed to start'));
        }),
      );
      const info = await Promise.race([
        api.init(assetBase, backend),
        failed,
        timeout(INIT_TIMEOUT_MS, 'the person detector did not load in time'),
      ]);
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
   * waits for the detection. The copy is made before this returns, so the caller may close
   * its frame whenever it likes.
   */
  offer(frame: DetectorInput, t: number): void {
    if (this._busy || this._error) return;
    if (t - this._lastStart < MIN_INTERVAL_MS && t >= this._lastStart) return;
    this._busy = true;
    this._lastStart = t;
    const size = frameSize(frame);
    const generation = this._generation;
    const crashed = new Promise<never>((_, reject) => (this._crashed = reject));
    crashed.catch(() => undefined); // raced below; nobody else waits on it
    const copying = copyOf(frame); // started now, while the frame is open
    void (async () => {
      let copy: DetectorInput | null = null;
      try {
        copy = await copying;
        const sent = copy;
        copy = null; // transferred from here on: the people worker closes it
        const { people, objects } = await Promise.race([
          this._api.detect(transfer(sent, transferList(sent))),
          crashed,
          timeout(DETECT_TIMEOUT_MS, 'the people worker stopped responding'),
        ]);
        if (generation === this._generation) {
          this._ready = { t, ...size, people };
          // A run started before the demo was switched off must not show its objects.
          this._objects = this._objectClasses ? objects : [];
        }
      } catch (err) {
        if (copy) close(copy); // never sent
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

  /**
   * The object-class demo's boxes (issue 17) from the latest finished detection, held until the
   * next one (people are tracked between detections; objects are not). Empty while it is off.
   */
  get objects(): ObjectBox[] {
    return this._objects;
  }

  /** Switches the object-class demo on or off for the detections started from now on. */
  async setObjectClasses(on: boolean): Promise<void> {
    this._objectClasses = on;
    if (!on) this._objects = [];
    if (this._error) return;
    // A lane that fails meanwhile says so through error; this call only must not hang.
    await Promise.race([
      this._api.setObjectClasses(on),
      timeout(2000, 'no answer'),
    ]).catch(() => undefined);
  }

  /** A new session: drops detections still to come or to be taken, restarts the pacing. */
  reset(): void {
    this._generation++;
    this._ready = null;
    this._objects = [];
    this._lastStart = -Infinity;
  }

  /** The people worker's own requests (its Resource Timing), for the network record. */
  async resourceLog(): Promise<ResourceEntry[]> {
    if (this._error) return [];
    return Promise.race([
      this._api.resourceLog(),
      timeout(2000, 'no answer'),
    ]).catch(() => []);
  }

  dispose(): void {
    this._fail('the people lane was closed');
  }

  private _fail(why: string): void {
    if (this._error) return;
    this._error = why;
    this._crashed?.(new Error(why));
    this._worker.terminate();
  }
}
