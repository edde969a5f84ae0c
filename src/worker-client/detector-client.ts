// The only place that starts the detector worker: comlink wrap, lifecycle, crash reporting.
// Imports only the worker API's type.

import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type { DetectorApi } from '../worker/detector-api';
import type { ResourceEntry } from '../shared/inspector-types';
import type {
  AttributeSwitches,
  DetectorOptions,
  DetectResult,
  EngineInfo,
  FrameAnalysis,
  ModelFloor,
  FrameImage,
  FrameTime,
  LoadProgress,
  MatchingConfig,
  VisitSummary,
} from '../shared/types';

export class DetectorClient {
  private _worker: Worker | null = null;
  private _api: Remote<DetectorApi> | null = null;
  /** Rejects when the worker dies: every call races it, so none waits forever. */
  private _crash: Promise<never> = new Promise<never>(() => {});
  private _crashed: ((err: Error) => void) | null = null;

  /** Called when the worker dies (uncaught error or failed to load its script). */
  onCrash: (err: Error) => void = () => {};

  /**
   * Starts the worker (fetches and evaluates its script) ahead of init, for a caller that has
   * other work to do first; init starts it when this was not called.
   */
  start(): void {
    this._ensure();
  }

  async init(
    options: Partial<DetectorOptions>,
    onProgress: (p: LoadProgress) => void,
  ): Promise<EngineInfo> {
    const api = this._ensure();
    return this._call(api.init(options, proxy(onProgress)));
  }

  /** Sends one frame (transferred, not copied). Resolves with dropped=true if the worker was busy. */
  async detect(frame: FrameImage, time: FrameTime): Promise<DetectResult> {
    if (!this._api) {
      frame.close();
      throw new Error('The detector is not running.');
    }
    return this._call(this._api.detect(transfer(frame, [frame]), time));
  }

  /**
   * Benchmarks' per-frame mode: detection and every attribute model on every face of one
   * frame (transferred), no tracking, nothing kept.
   */
  async analyseAll(frame: FrameImage): Promise<FrameAnalysis> {
    if (!this._api) {
      frame.close();
      throw new Error('The detector is not running.');
    }
    return this._call(this._api.analyseAll(transfer(frame, [frame])));
  }

  /** Benchmarks: the model floor on one frame (transferred); see ModelFloor. */
  async modelFloor(frame: FrameImage): Promise<ModelFloor> {
    if (!this._api) {
      frame.close();
      throw new Error('The detector is not running.');
    }
    return this._call(this._api.modelFloor(transfer(frame, [frame])));
  }

  /** Ends the open tracks and returns their visits. */
  async endSession(): Promise<VisitSummary[]> {
    return this._api ? this._call(this._api.endSession()) : [];
  }

  /** Once the people lane has started or failed; see DetectorApi.peopleReady. */
  async peopleReady(): Promise<Pick<EngineInfo, 'people' | 'peopleError'>> {
    return this._api
      ? this._call(this._api.peopleReady())
      : { people: null, peopleError: null };
  }

  /**
   * First start under Auto: the engine's info once the other engine was measured against it
   * (calibration set, engine possibly swapped); null when nothing is measured or it was
   * superseded. See DetectorApi.engineMeasured.
   */
  async engineMeasured(): Promise<EngineInfo | null> {
    return this._api ? this._call(this._api.engineMeasured()) : null;
  }

  /** Live tfjs tensors in the worker (benchmarks, leak checks); 0 when it is not running. */
  async liveTensors(): Promise<number> {
    return this._api ? this._call(this._api.liveTensors()) : 0;
  }

  async setAttributes(switches: AttributeSwitches): Promise<void> {
    if (this._api) await this._call(this._api.setAttributes(switches));
  }

  /** Switches issue 17's object-class demo in the worker (off by default; DetectResult.objects). */
  async setObjectClasses(on: boolean): Promise<void> {
    if (this._api) await this._call(this._api.setObjectClasses(on));
  }

  /**
   * Turns authorised matching on in the worker with this gallery (issue 18), or off with null.
   * Every descriptor's buffer is transferred, not copied: the arrays are unusable here after.
   * The first call that turns it on loads the face-recognition model; off frees it.
   */
  async setMatching(config: MatchingConfig | null): Promise<void> {
    if (!this._api) {
      if (config === null) return; // no worker, nothing loaded
      throw new Error('The detector is not running.');
    }
    if (config === null) {
      // Nothing to transfer (comlink's transfer() cannot take null).
      await this._call(this._api.setMatching(null));
      return;
    }
    // Once each: descriptors may be views of one buffer, and a buffer listed twice throws.
    const buffers = new Set(
      config.gallery.flatMap((p) =>
        p.descriptors.map((d) => d.buffer as ArrayBuffer),
      ),
    );
    await this._call(this._api.setMatching(transfer(config, [...buffers])));
  }

  /**
   * The descriptor of the one face in `frame` (transferred, and closed by the worker), for
   * enrolment while matching is on. Rejects, saying why, when there is no face, more than
   * one, or the face is too small.
   */
  async enrolDescriptor(frame: FrameImage): Promise<Float32Array> {
    if (!this._api) {
      frame.close();
      throw new Error('The detector is not running.');
    }
    return this._call(this._api.enrolDescriptor(transfer(frame, [frame])));
  }

  /** The worker's own Resource Timing entries; empty when the worker is not running. */
  async resourceLog(): Promise<ResourceEntry[]> {
    return this._api ? this._call(this._api.resourceLog()) : [];
  }

  terminate(): void {
    this._api?.[releaseProxy]();
    this._worker?.terminate();
    this._api = null;
    this._worker = null;
  }

  /** `call`, or the crash if the worker dies first. */
  private _call<T>(call: Promise<T>): Promise<T> {
    return Promise.race([call, this._crash]);
  }

  private _ensure(): Remote<DetectorApi> {
    if (this._api) return this._api;
    this._crash = new Promise<never>((_, reject) => {
      this._crashed = reject;
    });
    this._crash.catch(() => undefined); // raced by calls; never unhandled by itself
    const worker = new Worker(
      new URL('../worker/detector.worker.ts', import.meta.url),
      {
        type: 'module',
        name: 'ls-detector',
      },
    );
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const err = new Error(
        `The analysis worker crashed: ${event.message || 'script failed to load'}`,
      );
      this._crashed?.(err);
      this.onCrash(err);
    });
    this._worker = worker;
    this._api = wrap<DetectorApi>(worker);
    return this._api;
  }
}
