// MediaPipe BlazeFace (full- or short-range) through MediaPipe Tasks' FaceDetector, on the
// npm .tflite with metadata added at build time. The wasm binary and the model are fetched
// from the app's origin and checked against their sha256 before MediaPipe sees them; the
// small loader module is imported by URL (covered by the build and the service worker's SRI).
// Creates must stay serialised (the worker's init is): they hand over through globals.

import type { FaceDetector } from '@mediapipe/tasks-vision';
import type {
  DetectorModelType,
  EngineInfo,
  FaceBox,
  MediapipeDelegate,
} from '../../shared/types';
import { fromPixelDetections } from '../../pipeline/detections';
import type { AssetFetcher } from '../asset-fetcher';
import {
  MEDIAPIPE_MODEL_PATHS,
  MEDIAPIPE_SUPPRESSION_THRESHOLD,
  MEDIAPIPE_WASM_LOADER_PATH,
  MEDIAPIPE_WASM_PATH,
} from '../constants';
import type { Detector, PreparedFrame } from '../detector';

export interface MediapipeDetectorOptions {
  modelType: DetectorModelType;
  maxFaces: number;
  minScore: number;
  delegate: MediapipeDelegate;
}

type ModuleFactory = (module: object) => Promise<unknown>;
/** The globals tasks-vision's loader reads (vision_bundle.mjs `createTaskRunner`). */
interface EmscriptenGlobals {
  ModuleFactory?: ModuleFactory;
  Module?: {
    wasmBinary: ArrayBuffer;
    print(text: string): void;
    printErr(text: string): void;
  };
}

/** MediaPipe's glog info and warnings ("I1129 … gl_context.cc") and TFLite's "INFO:" lines. */
const ROUTINE_LOG =
  /^(?:[IW]\d{4} |INFO: |Graph (?:successfully started|finished closing))/;

let loader: Promise<ModuleFactory> | null = null;

/**
 * Puts the runtime where tasks-vision looks for it. It would import the loader itself, but a
 * module is evaluated once per realm, so a second detector in the same worker (engine switch,
 * model change) would find no factory ("ModuleFactory not set"). Handing it `wasmBinary`
 * (emscripten's own option) makes it run the bytes we verified instead of fetching again.
 */
async function provideRuntime(
  fetcher: AssetFetcher,
  wasm: ArrayBuffer,
): Promise<void> {
  loader ??= import(
    /* @vite-ignore */ fetcher.resolve(MEDIAPIPE_WASM_LOADER_PATH)
  ).then((m: { default: ModuleFactory }) => m.default);
  const globals = self as unknown as EmscriptenGlobals;
  globals.ModuleFactory = await loader.catch((err: unknown) => {
    loader = null;
    throw err;
  });
  globals.Module = {
    wasmBinary: wasm,
    // Routine start-up lines would otherwise reach the console as errors; warnings stay.
    print: () => {},
    printErr: (text) => {
      if (!ROUTINE_LOG.test(text)) console.warn(`MediaPipe: ${text}`);
    },
  };
}

export class MediapipeFaceDetector implements Detector {
  private constructor(
    readonly info: EngineInfo,
    private readonly _task: FaceDetector,
    private readonly _options: MediapipeDetectorOptions,
    readonly gpuCanvas: OffscreenCanvas | null,
  ) {}

  /** Starts downloading the runtime and model create() will load (see AssetFetcher.prefetch). */
  static prefetch(fetcher: AssetFetcher, modelType: DetectorModelType): void {
    void fetcher.prefetch(MEDIAPIPE_WASM_PATH);
    void fetcher.prefetch(MEDIAPIPE_MODEL_PATHS[modelType]);
  }

  static async create(
    options: MediapipeDetectorOptions,
    info: EngineInfo,
    fetcher: AssetFetcher,
    onFraction: (fraction: number) => void,
  ): Promise<MediapipeFaceDetector> {
    const modelPath = MEDIAPIPE_MODEL_PATHS[options.modelType];
    const total =
      (await fetcher.sizeOf(MEDIAPIPE_WASM_PATH)) +
      (await fetcher.sizeOf(modelPath));
    let loaded = 0;
    const onBytes = (n: number) => {
      loaded += n;
      onFraction(Math.min(1, loaded / total));
    };
    const [wasm, model] = await Promise.all([
      fetcher.fetchVerified(MEDIAPIPE_WASM_PATH, onBytes),
      fetcher.fetchVerified(modelPath, onBytes),
    ]);
    await provideRuntime(fetcher, wasm);
    // The GPU delegate's context lives on a canvas of ours, so its loss can be watched.
    const gpuCanvas =
      options.delegate === 'GPU' && typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(1, 1)
        : null;
    let task: FaceDetector;
    try {
      // Its own chunk, loaded with the first MediaPipe detector: a start on TensorFlow.js
      // (first start under Auto, or where MediaPipe is slower) does not parse it (issue 19).
      const { FaceDetector } = await import('@mediapipe/tasks-vision');
      task = await FaceDetector.createFromOptions(
        // The loader is already in place (provideRuntime), so no loader path; the binary path
        // is never fetched because the runtime has the bytes.
        {
          wasmLoaderPath: '',
          wasmBinaryPath: fetcher.resolve(MEDIAPIPE_WASM_PATH),
        },
        {
          baseOptions: {
            modelAssetBuffer: new Uint8Array(model),
            delegate: options.delegate,
          },
          ...(gpuCanvas ? { canvas: gpuCanvas } : {}),
          runningMode: 'IMAGE',
          minDetectionConfidence: options.minScore,
          minSuppressionThreshold: MEDIAPIPE_SUPPRESSION_THRESHOLD,
        },
      );
    } catch (err) {
      // tasks-vision clears the globals only once the runtime started; drop the 11 MB binary.
      (self as unknown as EmscriptenGlobals).Module = undefined;
      throw err;
    }
    return new MediapipeFaceDetector(info, task, options, gpuCanvas);
  }

  detect(frame: PreparedFrame): Promise<FaceBox[]> {
    const { source, width, height } = frame;
    const image =
      'data' in source
        ? new ImageData(
            // A view, not a copy: the bytes stay where the frame put them.
            new Uint8ClampedArray(
              source.data.buffer as ArrayBuffer,
              source.data.byteOffset,
              source.data.byteLength,
            ),
            width,
            height,
          )
        : source;
    const result = this._task.detect(image);
    return Promise.resolve(
      fromPixelDetections(
        result.detections,
        width,
        height,
        this._options.minScore,
        this._options.maxFaces,
      ),
    );
  }

  dispose(): void {
    this._task.close();
  }
}
