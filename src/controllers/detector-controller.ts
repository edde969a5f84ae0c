// Owns the detector worker for its host: starts it early (warm-up while the user picks a
// source), reports load progress and the active engine, restarts it with back-off when it
// crashes (frames meanwhile are dropped, so the source and the page's counts carry on), and
// terminates it on disconnect.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DetectorClient } from '../worker-client/detector-client';
import { GPU_LOST_ERROR } from '../shared/constants';
import type { ResourceEntry } from '../shared/inspector-types';
import type {
  AttributeSwitches,
  DetectorOptions,
  DetectResult,
  EngineInfo,
  FrameImage,
  FrameTime,
  LoadProgress,
  MatchingConfig,
  VisitSummary,
} from '../shared/types';

export type DetectorStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Waits before each restart after a crash; a worker that ran this long is healthy again. */
export const RESTART_DELAYS_MS = [1000, 2000, 4000, 8000, 16000] as const;
export const HEALTHY_AFTER_MS = 60_000;

/** What a frame gets while the worker restarts: dropped, as when it is busy. */
function droppedResult(): DetectResult {
  return {
    dropped: true,
    tracks: [],
    people: [],
    inView: 0,
    peopleError: null,
    attributesError: null,
    objects: [],
    profilesSeen: [],
    matchMs: 0,
    visits: [],
    frameWidth: 0,
    frameHeight: 0,
    inferenceMs: 0,
    attributeMs: 0,
    attributeFaces: 0,
    tensors: 0,
  };
}

export class DetectorController implements ReactiveController {
  status: DetectorStatus = 'idle';
  progress: LoadProgress = { fraction: 0, label: '' };
  info: EngineInfo | null = null;
  error: string | null = null;
  private _client: DetectorClient | null = null;
  private _ready: Promise<EngineInfo> | null = null;
  private _options: Partial<DetectorOptions> | null = null;
  private _crashes = 0;
  private _lastCrash = 0;
  private _restartTimer: ReturnType<typeof setTimeout> | null = null;
  /** Settles a restart's ready() promise when load() takes over before the timer fires. */
  private _pendingRestart: {
    resolve: (info: EngineInfo) => void;
    reject: (err: unknown) => void;
  } | null = null;
  private _gpuFallback = false;
  private _peopleError: string | null = null;
  private _attributesError: string | null = null;
  /** The people lane's info while it is down, to show again once it is back. */
  private _peopleInfo: EngineInfo['people'] = null;
  /** Tells the user about crashes and restarts (the shell's notices). */
  notify: (kind: 'error' | 'warning' | 'info', message: string) => void =
    () => {};
  private _switches: AttributeSwitches = {
    age: true,
    gender: true,
    expression: true,
  };
  /** Issue 17's object-class demo: off unless the page switches it on. */
  private _objectClasses = false;
  /**
   * Called once a worker restarted after a crash is ready: what lived only in the old worker
   * (issue 18's matching gallery) must be sent again by its owner.
   */
  onRestarted: () => void = () => {};

  constructor(private readonly _host: ReactiveControllerHost) {
    _host.addController(this);
  }

  hostDisconnected(): void {
    if (this._restartTimer) clearTimeout(this._restartTimer);
    this._restartTimer = null;
    this._pendingRestart = null;
    this._client?.terminate();
    this._client = null;
    this._ready = null;
  }

  /** Loads the detector with `options`; a second call with other options reloads it. */
  load(options: Partial<DetectorOptions>): Promise<EngineInfo> {
    this._options = options;
    if (this._restartTimer) clearTimeout(this._restartTimer);
    this._restartTimer = null;
    const pending = this._pendingRestart;
    this._pendingRestart = null;
    this._client ??= this._createClient();
    const client = this._client;
    this.status = 'loading';
    this.error = null;
    this._peopleError = null;
    this.progress = { fraction: 0, label: 'Starting the analysis worker' };
    this._host.requestUpdate();
    void client.setAttributes(this._switches).catch(() => undefined);
    void client.setObjectClasses(this._objectClasses).catch(() => undefined);
    const ready = client.init(options, (p) => {
      if (this._ready !== ready) return;
      this.progress = p;
      this._host.requestUpdate();
    });
    this._ready = ready;
    if (pending) ready.then(pending.resolve, pending.reject);
    // A later load (a quick engine switch) supersedes this one's result.
    ready.then(
      (info) => {
        if (this._ready !== ready) return;
        this.info = info;
        this.status = 'ready';
        this._notePeopleError(info.peopleError ?? null);
        this._host.requestUpdate();
        if (info.peopleLoading) void this._awaitPeople(client, ready);
        // A warm start handing over (also after a restart): the info once MediaPipe runs.
        if (info.handingOver) void this.engineMeasured();
      },
      (err: unknown) => {
        if (this._ready === ready) this._fail(err);
      },
    );
    return ready;
  }

  /**
   * The person detector loads after ready (issue 19): once it is up, the status line says
   * so; if it failed, the notice says why (as for a lane that fails later).
   */
  private async _awaitPeople(
    client: DetectorClient,
    ready: Promise<EngineInfo>,
  ): Promise<void> {
    const lane = await client.peopleReady().catch(() => null);
    if (!lane || this._client !== client || this._ready !== ready) return;
    if (this.info)
      this.info = { ...this.info, people: lane.people, peopleLoading: false };
    this._notePeopleError(lane.peopleError ?? null);
    this._host.requestUpdate();
  }

  /**
   * First start under Auto (issue 19): resolves with the engine's info once the other engine
   * was measured against the one running (the faster now runs, swapped in the worker without
   * a pause), after updating `info`; null when nothing was measured or a later load, a
   * restart or a crash came first.
   */
  async engineMeasured(): Promise<EngineInfo | null> {
    const client = this._client;
    const ready = this._ready;
    if (!client || !ready) return null;
    const info = await client.engineMeasured().catch(() => null);
    if (!info || this._client !== client || this._ready !== ready) return null;
    // The people lane's state is the page's latest word (it may have failed since).
    this.info = {
      ...info,
      people: this.info?.people ?? info.people,
      peopleLoading: this.info?.peopleLoading ?? false,
    };
    this._host.requestUpdate();
    return this.info;
  }

  /**
   * Resolves once the detector is ready (throws if loading failed); during a restart after a
   * crash, once the restarted worker is.
   */
  ready(): Promise<EngineInfo> {
    return (
      this._ready ?? Promise.reject(new Error('The detector was not started.'))
    );
  }

  detect(frame: FrameImage, time: FrameTime): Promise<DetectResult> {
    const client = this._client;
    if (!client) {
      frame.close();
      // Restarting after a crash: the frame is dropped and the source keeps going.
      if (this._restartTimer) return Promise.resolve(droppedResult());
      return Promise.reject(new Error('The detector is not running.'));
    }
    return client.detect(frame, time).then(
      (result) => {
        this._notePeopleError(result.peopleError);
        this._noteAttributesError(result.attributesError);
        return result;
      },
      (err: unknown) => {
        // The worker died with this frame in flight: the restart takes over.
        if (this._client !== client) return droppedResult();
        if (err instanceof Error && err.name === GPU_LOST_ERROR) {
          this._fallBackToWasm();
          return droppedResult();
        }
        throw err;
      },
    );
  }

  /**
   * The people lane could not start or stopped (issue 15): said once per reason; faces go on,
   * and the status line says people are not detected.
   */
  private _notePeopleError(why: string | null): void {
    if (why === this._peopleError) return;
    const was = this._peopleError;
    this._peopleError = why;
    if (why === null) {
      // The lane restarted with the new session.
      if (was === null) return;
      if (this.info) this.info = { ...this.info, people: this._peopleInfo };
      this.notify('info', 'People are detected again.');
      return;
    }
    if (this.info?.people) this._peopleInfo = this.info.people;
    if (this.info) this.info = { ...this.info, people: null };
    this.notify(
      'warning',
      `People are not detected (${why}): faces are still analysed, and each face counts as a person. It is tried again in a moment, and each time a source is picked.`,
    );
  }

  /**
   * The attribute models (loaded after the first frame, issue 19) could not load: said once per
   * reason; faces and people go on without age, gender and mood.
   */
  private _noteAttributesError(why: string | null): void {
    if (why === null || why === this._attributesError) return;
    this._attributesError = why;
    this.notify(
      'warning',
      `Age, gender and mood are not estimated: the attribute models could not load (${why}). Faces and people are still counted.`,
    );
  }

  /**
   * A WebGL context the models used was lost (GPU reset, driver crash): reloads the same
   * engine on WASM in the same worker, so open tracks and the counts carry on.
   */
  private _fallBackToWasm(): void {
    const options = this._options;
    if (this._gpuFallback || !options) return;
    this._gpuFallback = true;
    this.notify(
      'warning',
      'The graphics (WebGL) context was lost: the GPU reset or ran out of memory. ' +
        'Analysis switches to WASM on the CPU; the counts so far are kept.',
    );
    const engine = this.info?.engine ?? options.engine;
    this.load({ ...options, engine, backend: 'wasm', delegate: 'CPU' })
      .then(
        () => this.notify('info', 'Analysis goes on with WASM on the CPU.'),
        (e: unknown) =>
          this.notify(
            'error',
            `Analysis could not switch to WASM: ${e instanceof Error ? e.message : String(e)}`,
          ),
      )
      .finally(() => (this._gpuFallback = false));
  }

  /** Ends the worker's open tracks (source stopped or changed); resolves with their visits. */
  endSession(): Promise<VisitSummary[]> {
    return this._client?.endSession() ?? Promise.resolve([]);
  }

  /** Requests the worker made (for the privacy inspector); null when no worker runs. */
  resourceLog(): Promise<ResourceEntry[] | null> {
    return this._client?.resourceLog() ?? Promise.resolve(null);
  }

  /** Which attribute models run; applied now and after any reload. */
  setAttributes(switches: AttributeSwitches): void {
    this._switches = { ...switches };
    void this._client?.setAttributes(this._switches).catch(() => undefined);
  }

  /**
   * Whether results carry knives, scissors and baseball bats (issue 17's object-class demo,
   * not a weapon detector); applied now and after any reload. Off by default.
   */
  setObjectClasses(on: boolean): void {
    this._objectClasses = on;
    void this._client?.setObjectClasses(on).catch(() => undefined);
  }

  /**
   * Authorised matching (issue 18, MatchingController's backend): the gallery's buffers are
   * transferred to the worker; null turns it off there. Not kept here: after a crash the
   * owner sends it again (onRestarted).
   */
  async setMatching(config: MatchingConfig | null): Promise<void> {
    const client = this._client;
    if (!client) {
      if (config === null) return;
      throw new Error(
        'The analysis worker is not running: try again in a moment.',
      );
    }
    if (config !== null) await this.ready();
    await client.setMatching(config);
  }

  /** The descriptor of the one face in `frame` (closed by the worker), for enrolment. */
  async enrolDescriptor(frame: FrameImage): Promise<Float32Array> {
    const client = this._client;
    if (!client) {
      frame.close();
      throw new Error(
        'The analysis worker is not running: try again in a moment.',
      );
    }
    return client.enrolDescriptor(frame);
  }

  private _createClient(): DetectorClient {
    const client = new DetectorClient();
    client.onCrash = (err) => {
      if (this._client !== client) return;
      client.terminate();
      this._client = null;
      this._ready = null;
      this._restartAfterCrash(err);
    };
    return client;
  }

  /** Restarts the worker with the last options after a back-off, or gives up. */
  private _restartAfterCrash(err: Error): void {
    const now = performance.now();
    if (now - this._lastCrash > HEALTHY_AFTER_MS) this._crashes = 0;
    this._lastCrash = now;
    const delay = RESTART_DELAYS_MS[this._crashes];
    this._crashes += 1;
    if (delay === undefined || !this._options) {
      this._fail(
        new Error(
          `${err.message}. It stopped ${this._crashes} times in a row, so it is not ` +
            'restarted again: reload the page. The counts so far are kept.',
        ),
      );
      this.notify('error', this.error ?? err.message);
      this._ready = Promise.reject(new Error(this.error ?? err.message));
      this._ready.catch(() => undefined); // nobody may ask: not an unhandled rejection
      return;
    }
    this.status = 'loading';
    this.progress = {
      fraction: 0,
      label: `Restarting the analysis in ${Math.round(delay / 1000)} s`,
    };
    this.notify(
      'warning',
      `${err.message}. Restarting it in ${Math.round(delay / 1000)} s; the counts so far are kept.`,
    );
    this._host.requestUpdate();
    const options = this._options;
    // ready() waits for the restart, so a source opened meanwhile starts once it is back.
    const restarted = new Promise<EngineInfo>((resolve, reject) => {
      this._pendingRestart = { resolve, reject };
      this._restartTimer = setTimeout(() => {
        this._restartTimer = null;
        this.load(options).catch(() => undefined); // settles `restarted` through _pendingRestart
      }, delay);
    });
    this._ready = restarted;
    restarted.then(
      () => {
        this.notify('info', 'The analysis worker restarted; analysis goes on.');
        this.onRestarted();
      },
      (e: unknown) =>
        this.notify(
          'error',
          `The analysis worker could not restart: ${e instanceof Error ? e.message : String(e)}`,
        ),
    );
  }

  private _fail(err: unknown): void {
    this.status = 'error';
    this.error = err instanceof Error ? err.message : String(err);
    this._host.requestUpdate();
  }
}
