// Moves frames from a source to the analyser with one frame in flight: the next frame is
// grabbed only after the previous result arrives, so a slow device drops frames, never queues them.

import { MAX_ANALYSIS_SIDE } from '../shared/constants';
import type { DetectResult, FrameImage, FrameTime } from '../shared/types';
import type { FrameSource } from './frame-source';

export interface PumpCallbacks {
  analyse(frame: FrameImage, time: FrameTime): Promise<DetectResult>;
  onResult(result: DetectResult, roundTripMs: number): void;
  onError(error: unknown): void;
}

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
        if (!result.dropped)
          this._callbacks.onResult(result, performance.now() - started);
      } catch (err) {
        if (signal.aborted) break;
        this.stop();
        this._callbacks.onError(err);
      }
    }
  }
}
