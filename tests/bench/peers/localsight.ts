// LocalSight in the peer benchmark: the app's own worker (src/worker-client), either engine,
// doing the full job on every frame through its per-frame mode (analyseAll: no tracking, every
// attribute model on every face), exactly as the app loads it: checksummed, from this origin.

import { ENGINE_LABEL } from '../../../src/shared/engine-choice';
import { DetectorClient } from '../../../src/worker-client/detector-client';
import type {
  EngineInfo,
  EngineName,
  FrameAnalysis,
} from '../../../src/shared/types';
import type { Backend, FaceSystem } from './system';

/**
 * The frame as the app hands it over: the app wraps its video or canvas in a VideoFrame, which
 * crosses to the worker without a copy (src/capture/frame-source.ts grabFrame).
 */
function asVideoFrame(bitmap: ImageBitmap): VideoFrame {
  const frame = new VideoFrame(bitmap, { timestamp: 0 });
  bitmap.close();
  return frame;
}

/** Loads LocalSight's worker as the app does: checksummed models from this origin. */
export function loadLocalSight(
  client: DetectorClient,
  engine: EngineName,
  backend: Backend,
): Promise<EngineInfo> {
  return client.init(
    {
      engine,
      backend,
      modelType: 'full',
      assetBase: new URL('/', location.href).href,
    },
    () => {},
  );
}

/** "MediaPipe CPU" or "TensorFlow.js": the detector that ran. */
export function detectorLabel(info: EngineInfo): string {
  const label = ENGINE_LABEL[info.engine];
  return info.delegate ? `${label} ${info.delegate}` : label;
}

export class LocalSightSystem implements FaceSystem {
  private readonly _client = new DetectorClient();
  private _info: EngineInfo | null = null;
  private _last: FrameAnalysis | null = null;

  /**
   * The worker starts when the system is made, as a peer's code is evaluated when its module is
   * imported (before the harness reads the photos); the app starts it at once too.
   */
  constructor(private readonly _engine: EngineName) {
    this._client.start();
  }

  /**
   * Boxes first, as the app shows them: the engine loads (the attribute models follow the
   * detector in the background) and the frame goes through the app's own path (detect).
   */
  async firstBoxes(backend: Backend, frame: ImageBitmap): Promise<number> {
    await this.load(backend);
    const now = performance.now();
    const result = await this._client.detect(asVideoFrame(frame), {
      t: now,
      wall: Date.now(),
    });
    return result.tracks.length;
  }

  async load(backend: Backend): Promise<void> {
    this._info ??= await loadLocalSight(this._client, this._engine, backend);
  }

  /** The people lane starts after the first boxes (issue 19); the timed passes wait for it. */
  async settled(): Promise<void> {
    await this._client.peopleReady();
  }

  async analyse(frame: ImageBitmap): Promise<number> {
    this._last = await this._client.analyseAll(asVideoFrame(frame));
    return this._last.faces;
  }

  async floor(frame: ImageBitmap): Promise<Record<string, number>> {
    const { detectorMs, ageGenderMs, expressionMs } =
      await this._client.modelFloor(asVideoFrame(frame));
    return { detectorMs, ageGenderMs, expressionMs };
  }

  lastSplit(): Record<string, number> {
    const l = this._last;
    return l ? { detectMs: l.detectMs, attributeMs: l.attributeMs } : {};
  }

  describe(): string {
    const i = this._info;
    if (!i) return 'LocalSight (not loaded)';
    return `LocalSight, ${detectorLabel(i)} detector; attributes on tfjs ${i.backendReason}`;
  }

  dispose(): void {
    this._client.terminate();
  }
}
