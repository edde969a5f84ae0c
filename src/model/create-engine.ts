// Builds the analysis engine in the worker: picks the tfjs backend, loads the face detector
// and the attribute models from the app's origin (checksummed), and warms them up.

import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_DETECTOR_OPTIONS } from '../shared/constants';
import type {
  AttributeSample,
  AttributeSwitches,
  DetectorOptions,
  EngineInfo,
  FaceBox,
  LoadProgress,
} from '../shared/types';
import { AssetFetcher, type FetchLike } from './asset-fetcher';
import { TFJS_WASM_DIR } from './constants';
import type { DetectorInput, PreparedFrame } from './detector';
import { AttributeEstimator } from './tfjs/attribute-estimator';
import { selectBackend } from './tfjs/backend';
import { FrameTensorizer } from './tfjs/frame-tensor';
import { TfjsFaceDetector } from './tfjs/tfjs-face-detector';

export interface AnalysisEngine {
  readonly info: EngineInfo;
  /** The frame as the models' RGB tensor; dispose it with `release`. */
  prepare(frame: DetectorInput): PreparedFrame;
  release(frame: PreparedFrame): void;
  detect(frame: PreparedFrame): Promise<FaceBox[]>;
  /** One reading per face, in one batch per model; switched-off models do not run. */
  estimate(
    frame: PreparedFrame,
    faces: FaceBox[],
    switches: AttributeSwitches,
  ): Promise<AttributeSample[]>;
  liveTensors(): number;
  dispose(): void;
}

export function validateOptions(
  options: Partial<DetectorOptions>,
): DetectorOptions {
  const merged = { ...DEFAULT_DETECTOR_OPTIONS, assetBase: '', ...options };
  if (!['auto', 'webgl', 'wasm', 'cpu'].includes(merged.backend)) {
    throw new Error(`Unknown backend "${String(merged.backend)}".`);
  }
  if (!['full', 'short'].includes(merged.modelType)) {
    throw new Error(`Unknown model type "${String(merged.modelType)}".`);
  }
  if (!(merged.minScore >= 0 && merged.minScore <= 1))
    throw new Error('minScore must be within 0..1.');
  if (!(
    Number.isInteger(merged.maxFaces) &&
    merged.maxFaces >= 1 &&
    merged.maxFaces <= 100
  )) {
    throw new Error('maxFaces must be an integer within 1..100.');
  }
  if (!merged.assetBase)
    throw new Error('assetBase (the app URL) is required.');
  return merged;
}

export async function createEngine(
  options: Partial<DetectorOptions>,
  fetchImpl: FetchLike,
  onProgress: (p: LoadProgress) => void,
): Promise<AnalysisEngine> {
  const valid = validateOptions(options);
  const fetcher = new AssetFetcher(valid.assetBase, fetchImpl);
  const started = performance.now();
  onProgress({ fraction: 0, label: 'Starting TensorFlow.js' });
  const { backend, reason } = await selectBackend(
    valid.backend,
    fetcher.resolve(TFJS_WASM_DIR),
  );
  const info: EngineInfo = {
    backend,
    backendReason: reason,
    modelType: valid.modelType,
    loadMs: 0,
    warmupMs: 0,
  };
  const detector = await TfjsFaceDetector.create(valid, info, fetcher, (f) =>
    onProgress({
      fraction: 0.05 + 0.45 * f,
      label: 'Loading the face detector',
    }),
  );
  let estimator: AttributeEstimator;
  try {
    estimator = await AttributeEstimator.create(fetcher, (f) =>
      onProgress({
        fraction: 0.5 + 0.45 * f,
        label: 'Loading the attribute models',
      }),
    );
  } catch (err) {
    detector.dispose();
    throw err;
  }
  const tensorizer = new FrameTensorizer(backend);
  const engine: AnalysisEngine = {
    info,
    prepare: (frame) => tensorizer.prepare(frame),
    release: (frame) => frame.tensor.dispose(),
    detect: (frame) => detector.detect(frame),
    estimate: (frame, faces, switches) =>
      estimator.estimate(frame.tensor, faces, switches),
    liveTensors: () => tf.memory().numTensors,
    dispose: () => {
      detector.dispose();
      estimator.dispose();
      tensorizer.dispose();
    },
  };
  info.loadMs = performance.now() - started;
  onProgress({ fraction: 0.95, label: 'Warming up' });
  const warm = performance.now();
  await warmUp(engine);
  info.warmupMs = performance.now() - warm;
  onProgress({ fraction: 1, label: 'Ready' });
  return engine;
}

/** Runs every model once so shaders and kernels are compiled before the first real frame. */
async function warmUp(engine: AnalysisEngine): Promise<void> {
  const frame = engine.prepare({
    data: new Uint8Array(128 * 128 * 4),
    width: 128,
    height: 128,
  });
  try {
    await engine.detect(frame);
    const face: FaceBox = {
      x: 32,
      y: 32,
      width: 64,
      height: 64,
      score: 1,
      keypoints: [],
    };
    await engine.estimate(frame, [face], {
      age: true,
      gender: true,
      expression: true,
    });
  } finally {
    engine.release(frame);
  }
}
