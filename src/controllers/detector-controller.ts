// Owns the detector worker for its host: starts it early (warm-up while the user picks a
// source), reports load progress and the active engine, and terminates it on disconnect.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DetectorClient } from '../worker-client/detector-client';
import type { ResourceEntry } from '../shared/inspector-types';
import type {
  AttributeSwitches,
  DetectorOptions,
  DetectResult,
  EngineInfo,
  FrameImage,
  FrameTime,
  LoadProgress,
  VisitSummary,
} from '../shared/types';

export type DetectorStatus = 'idle' | 'loading' | 'ready' | 'error';

export class DetectorController implements ReactiveController {
  status: DetectorStatus = 'idle';
  progress: LoadProgress = { fraction: 0, label: '' };
  info: EngineInfo | null = null;
  error: string | null = null;
  private _client: DetectorClient | null = null;
  private _ready: Promise<EngineInfo> | null = null;
  private _switches: AttributeSwitches = {
    age: true,
    gender: true,
    expression: true,
  };

  constructor(private readonly _host: ReactiveControllerHost) {
    _host.addController(this);
  }

  hostDisconnected(): void {
    this._client?.terminate();
    this._client = null;
    this._ready = null;
  }

  /** Loads the detector with `options`; a second call with other options reloads it. */
  load(options: Partial<DetectorOptions>): Promise<EngineInfo> {
    this._client ??= this._createClient();
    const client = this._client;
    this.status = 'loading';
    this.error = null;
    this.progress = { fraction: 0, label: 'Starting the analysis worker' };
    this._host.requestUpdate();
    void client.setAttributes(this._switches).catch(() => undefined);
    const ready = client.init(options, (p) => {
      if (this._ready !== ready) return;
      this.progress = p;
      this._host.requestUpdate();
    });
    this._ready = ready;
    // A later load (a quick engine switch) supersedes this one's result.
    ready.then(
      (info) => {
        if (this._ready !== ready) return;
        this.info = info;
        this.status = 'ready';
        this._host.requestUpdate();
      },
      (err: unknown) => {
        if (this._ready === ready) this._fail(err);
      },
    );
    return ready;
  }

  /** Resolves once the detector is ready (throws if loading failed). */
  ready(): Promise<EngineInfo> {
    return (
      this._ready ?? Promise.reject(new Error('The detector was not started.'))
    );
  }

  detect(frame: FrameImage, time: FrameTime): Promise<DetectResult> {
    if (!this._client) {
      frame.close();
      return Promise.reject(new Error('The detector is not running.'));
    }
    return this._client.detect(frame, time);
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

  private _createClient(): DetectorClient {
    const client = new DetectorClient();
    client.onCrash = (err) => {
      this._client?.terminate();
      this._client = null;
      this._fail(err);
    };
    return client;
  }

  private _fail(err: unknown): void {
    this.status = 'error';
    this.error = err instanceof Error ? err.message : String(err);
    this._host.requestUpdate();
  }
}
