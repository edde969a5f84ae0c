// Moves frames from a source to the analyser with one frame in flight: the next frame is
// grabbed only after the previous result arrives, so a slow device drops frames, never queues them.
// A frame that fails (a grab or an analysis error) is dropped and the pump pauses briefly; only
// MAX_FRAME_FAILURES failures in a row stop it, so one bad frame never ends a session.

import {
  FAILURE_PAUSE_MS,
  MAX_ANALYSIS_SIDE,
  MAX_FRAME_FAILURES,
} from '../shared/constants';
import type { DetectResult, FrameImage, FrameTime } from '../shared/types';
import type { FrameSource } from './frame-source';

export interface PumpCallbacks {
  analyse(frame: FrameImage, time: FrameTime): Promise<DetectResult>;
  onResult(result: DetectResult, roundTripMs: number): void;
  onError(error: unknown): void;
}

const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

export class FramePump {
  private _abort: AbortController | null = null;

  constructor(
    private readonly _source: FrameSource,
    private readonly _callbacks: PumpCallbacks,
  ) {}

  get running(): boolean {
    return this._abort !== null;
  }

  start(): void {
    if (this._abort) return;
    this._abort = new AbortController();
    void this._loop(this._abort.signal);
  }

  stop(): void {
    this._abort?.abort();
    this._abort = null;
  }

  private async _loop(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      await this._source.nextFrame(signal);
      if (signal.aborted) break;
      const started = performance.now();
      try {
        const time = this._source.time();
        const frame = await this._source.grab(MAX_ANALYSIS_SIDE);
        if (!frame) continue;
        const result = await this._callbacks.analyse(frame, time);
        if (signal.aborted) break;
        failures = 0;
        if (!result.dropped)
          this._callbacks.onResult(result, performance.now() - started);
      } catch (err) {
        if (signal.aborted) break;
        failures += 1;
        if (failures < MAX_FRAME_FAILURES) {
          await pause(FAILURE_PAUSE_MS, signal);
          continue;
        }
        this.stop();
        this._callbacks.onError(err);
      }
    }
  }
}
