// LocalSight in the video benchmark, run as the app runs a video: the app's <video> frame
// source, its frame pump (one frame in flight, next frame on requestVideoFrameCallback) and its
// detector worker with tracking and track-based attribute sampling (DetectorClient.detect).

import { FramePump } from '../../../src/capture/frame-pump';
import { VideoElementSource } from '../../../src/capture/video-element-source';
import type { EngineInfo, EngineName } from '../../../src/shared/types';
import { DetectorClient } from '../../../src/worker-client/detector-client';
import { detectorLabel, loadLocalSight } from '../peers/localsight';
import type { Backend } from '../peers/system';
import type { Footage } from './footage';
import type { FrameAnswer, VideoSystem } from './harness';

/**
 * The footage as a frame source. Its time() is the base class's monotonic clock (a camera's),
 * not VideoFileSource's media time, which jumps back when the loop restarts.
 */
class FootageSource extends VideoElementSource {
  constructor() {
    super('video', 'visits.mp4');
  }
}

export class LocalSightVideo implements VideoSystem {
  private readonly _client = new DetectorClient();
  private readonly _source = new FootageSource();
  private _pump: FramePump | null = null;
  private _info: EngineInfo | null = null;
  /** Called after the next result, when the worker has nothing in flight. */
  private _betweenFrames: (() => void)[] = [];
  private readonly _counters = {
    /** Frames the worker answered as dropped (busy or not ready): not fresh answers. */
    dropped: 0,
    /** Fresh answers on which the attribute models ran, and on how many faces. */
    attributeFrames: 0,
    attributeFaces: 0,
    /** Worker time (detection, tracking, attributes) summed over fresh answers. */
    workerMs: 0,
  };

  constructor(private readonly _engine: EngineName) {}

  async load(backend: Backend): Promise<void> {
    this._info = await loadLocalSight(this._client, this._engine, backend);
  }

  async start(
    play: (video: HTMLVideoElement) => Promise<Footage>,
    onAnswer: (answer: FrameAnswer) => void,
    onError: (err: unknown) => void,
  ): Promise<Footage> {
    const footage = await play(this._source.element);
    this._client.onCrash = onError;
    let shown = footage.shown;
    this._pump = new FramePump(this._source, {
      analyse: async (bitmap, time) => {
        shown = footage.shown;
        const result = await this._client.detect(bitmap, time);
        if (result.dropped) this._counters.dropped += 1;
        return result;
      },
      onResult: (result, roundTripMs) => {
        this._counters.workerMs += result.inferenceMs;
        if (result.attributeFaces > 0) {
          this._counters.attributeFrames += 1;
          this._counters.attributeFaces += result.attributeFaces;
        }
        onAnswer({
          latencyMs: roundTripMs,
          faces: result.tracks.length,
          shown,
        });
        // The pump sends the next frame only after the next video frame callback: a call
        // made now reaches the worker first.
        for (const run of this._betweenFrames.splice(0)) run();
      },
      onError,
    });
    this._pump.start();
    return footage;
  }

  tensorsBetweenFrames(): Promise<number> {
    return new Promise((resolve, reject) =>
      this._betweenFrames.push(() =>
        this._client.liveTensors().then(resolve, reject),
      ),
    );
  }

  counters(): Record<string, number> {
    return { ...this._counters };
  }

  describe(): string {
    const i = this._info;
    if (!i) return 'LocalSight (not loaded)';
    return (
      `LocalSight, ${detectorLabel(i)} detector, tracking and track-based attribute sampling; ` +
      `attributes on tfjs ${i.backendReason}`
    );
  }

  stop(): void {
    this._pump?.stop();
    this._source.stop();
    this._client.terminate();
  }
}
