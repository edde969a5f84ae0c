// MediaPipe BlazeFace (full- or short-range) through @tensorflow-models/face-detection's
// tfjs runtime, on weights served by the app. Frames arrive as ImageBitmap or raw RGBA.

import * as tf from '@tensorflow/tfjs-core';
import {
  createDetector,
  MediaPipeFaceDetectorTfjs,
  SupportedModels,
} from '@tensorflow-models/face-detection';
import type {
  DetectorOptions,
  EngineInfo,
  FaceBox,
  LoadProgress,
} from '../../shared/types';
import { toFaceBoxes, type RelativeDetection } from '../../pipeline/detections';
import type { AssetFetcher } from '../asset-fetcher';
import { FACE_DETECTOR_MODEL_PATHS, TFJS_WASM_DIR } from '../constants';
import type { Detector, DetectorInput } from '../detector';
import { selectBackend } from './backend';
import { verifiedModelHandler } from './graph-model-loader';

type PixelData = { data: Uint8Array; width: number; height: number };

export class TfjsFaceDetector implements Detector {
  private _canvas: OffscreenCanvas | null = null;
  private _ctx: OffscreenCanvasRenderingContext2D | null = null;

  private constructor(
    readonly info: EngineInfo,
    private readonly _model: MediaPipeFaceDetectorTfjs,
    private readonly _minScore: number,
  ) {}

  static async create(
    options: DetectorOptions,
    fetcher: AssetFetcher,
    onProgress: (p: LoadProgress) => void,
  ): Promise<TfjsFaceDetector> {
    const started = performance.now();
    onProgress({ fraction: 0, label: 'Starting TensorFlow.js' });
    const { backend, reason } = await selectBackend(
      options.backend,
      fetcher.resolve(TFJS_WASM_DIR),
    );
    const path = FACE_DETECTOR_MODEL_PATHS[options.modelType];
    const model = await createDetector(SupportedModels.MediaPipeFaceDetector, {
      runtime: 'tfjs',
      modelType: options.modelType,
      maxFaces: options.maxFaces,
      detectorModelUrl: verifiedModelHandler(fetcher, path, (fraction) =>
        onProgress({
          fraction: 0.1 + 0.8 * fraction,
          label: 'Loading face detector',
        }),
      ),
    });
    if (!(model instanceof MediaPipeFaceDetectorTfjs))
      throw new Error('Unexpected detector runtime.');
    const loadMs = performance.now() - started;
    onProgress({ fraction: 0.95, label: 'Warming up' });
    const info: EngineInfo = {
      backend,
      backendReason: reason,
      modelType: options.modelType,
      loadMs,
      warmupMs: 0,
    };
    const detector = new TfjsFaceDetector(info, model, options.minScore);
    const warm = performance.now();
    await detector.detect({
      data: new Uint8Array(64 * 64 * 4),
      width: 64,
      height: 64,
    });
    info.warmupMs = performance.now() - warm;
    onProgress({ fraction: 1, label: 'Ready' });
    return detector;
  }

  async detect(frame: DetectorInput): Promise<FaceBox[]> {
    const { width, height } = frame;
    // WebGL uploads a bitmap straight to a texture; WASM and CPU read pixels faster from
    // RGBA bytes than through tfjs's own canvas round trip (MEASURED.md: 28 vs 64 ms).
    const pixels =
      'data' in frame
        ? tf.browser.fromPixels(asPixelData(frame.data, width, height))
        : this.info.backend === 'webgl'
          ? frame
          : tf.browser.fromPixels(this._readPixels(frame));
    try {
      const detections = (await this._model.detectFaces(
        pixels,
        false,
      )) as RelativeDetection[];
      return toFaceBoxes(detections, width, height, this._minScore);
    } finally {
      if (pixels instanceof tf.Tensor) pixels.dispose();
    }
  }

  liveTensors(): number {
    return tf.memory().numTensors;
  }

  dispose(): void {
    this._model.dispose();
    this._canvas = null;
    this._ctx = null;
  }

  private _readPixels(bitmap: ImageBitmap): PixelData {
    const { width, height } = bitmap;
    if (
      !this._canvas ||
      this._canvas.width !== width ||
      this._canvas.height !== height
    ) {
      this._canvas = new OffscreenCanvas(width, height);
      this._ctx = this._canvas.getContext('2d', { willReadFrequently: true });
    }
    if (!this._ctx) throw new Error('2D canvas is unavailable in this worker.');
    this._ctx.drawImage(bitmap, 0, 0);
    const image = this._ctx.getImageData(0, 0, width, height);
    return asPixelData(image.data, width, height);
  }
}

function asPixelData(
  data: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
): PixelData {
  // tfjs recognises PixelData by `data instanceof Uint8Array`; a clamped view is not one.
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width,
    height,
  };
}
