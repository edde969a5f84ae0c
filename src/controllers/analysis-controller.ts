// Runs the current frame source through the detector and keeps the live figures:
// faces on the latest frame, analysed frames per second, round-trip and worker latency.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FramePump } from '../capture/frame-pump';
import type { FrameSource } from '../capture/frame-source';
import { RateMeter } from '../shared/rate-meter';
import type { DetectResult, FaceBox } from '../shared/types';

export interface AnalysisStats {
  fps: number;
  latencyMs: number;
  inferenceMs: number;
  framesAnalysed: number;
}

export class AnalysisController implements ReactiveController {
  source: FrameSource | null = null;
  faces: FaceBox[] = [];
  frameWidth = 0;
  frameHeight = 0;
  stats: AnalysisStats = {
    fps: 0,
    latencyMs: 0,
    inferenceMs: 0,
    framesAnalysed: 0,
  };
  private _pump: FramePump | null = null;
  private readonly _meter = new RateMeter(2000);

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _analyse: (frame: ImageBitmap) => Promise<DetectResult>,
    private readonly _onError: (error: unknown) => void,
  ) {
    _host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Replaces the running source (the old one is stopped) and starts analysing it. */
  start(source: FrameSource): void {
    this.stop();
    this.source = source;
    this._pump = new FramePump(source, {
      analyse: this._analyse,
      onResult: (result, roundTripMs) => this._onResult(result, roundTripMs),
      onError: (err) => this._onError(err),
    });
    this._pump.start();
    this._host.requestUpdate();
  }

  /** Stops the source and forgets the on-screen boxes. */
  stop(): void {
    this._pump?.stop();
    this._pump = null;
    this.source?.stop();
    this.source = null;
    this.faces = [];
    this._meter.reset();
    this.stats = { fps: 0, latencyMs: 0, inferenceMs: 0, framesAnalysed: 0 };
    this._host.requestUpdate();
  }

  /** Pauses analysis without releasing the source (e.g. while the detector reloads). */
  pause(): void {
    this._pump?.stop();
  }

  resume(): void {
    this._pump?.start();
  }

  private _onResult(result: DetectResult, roundTripMs: number): void {
    const now = performance.now();
    this._meter.add(now, roundTripMs);
    this.faces = result.faces;
    this.frameWidth = result.frameWidth;
    this.frameHeight = result.frameHeight;
    this.stats = {
      fps: this._meter.fps(now),
      latencyMs: this._meter.medianLatency(),
      inferenceMs: result.inferenceMs,
      framesAnalysed: this.stats.framesAnalysed + 1,
    };
    this._host.requestUpdate();
  }
}
