// Builds the analysis engine in the worker: picks the tfjs backend, loads the face detector
// (TensorFlow.js or MediaPipe; under 'auto' it times both on this device and keeps the faster)
// and the attribute models from the app's origin (checksummed), and warms them up.

import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_DETECTOR_OPTIONS } from '../shared/constants';
import { ENGINE_LABEL } from '../shared/engine-choice';
import type {
  AttributeSample,
  AttributeSwitches,
  BackendName,
  DetectorOptions,
  EngineCalibration,
  EngineInfo,
  EngineName,
  FaceBox,
  LoadProgress,
  MediapipeDelegate,
} from '../shared/types';
import { AssetFetcher, type FetchLike } from './asset-fetcher';
import {
  keepFastest,
  timeCandidates,
  type Candidate,
  type FrameSupply,
  type Picked,
  type Turn,
} from './calibrate';
import {
  CALIBRATION_PHOTOS,
  CALIBRATION_RUNS,
  CALIBRATION_SIZE,
  DEFAULT_MIN_SCORE,
  TFJS_WASM_DIR,
} from './constants';
import type { Detector, DetectorInput, PreparedFrame } from './detector';
import { MediapipeFaceDetector } from './mediapipe/mediapipe-face-detector';
import { AttributeEstimator } from './tfjs/attribute-estimator';
import { selectBackend } from './tfjs/backend';
import { FrameTensorizer } from './tfjs/frame-tensor';
import { GpuWatch, type WatchedContext } from './gpu-watch';
import { TfjsFaceDetector } from './tfjs/tfjs-face-detector';

export interface AnalysisEngine {
  readonly info: EngineInfo;
  /**
   * Wraps the frame for the models (the RGB tensor is made on first use; a YUV VideoFrame is
   * read into RGBA first); free it with `release`. Valid until the next prepare.
   */
  prepare(frame: DetectorInput): Promise<PreparedFrame>;
  release(frame: PreparedFrame): void;
  detect(frame: PreparedFrame): Promise<FaceBox[]>;
  /**
   * Whether the attribute models are loaded and warm: they load once asked (loadAttributes),
   * after the first frame, so the first boxes need not wait for them (issue 19); until then no
   * face is estimated.
   */
  attributesReady(): boolean;
  /** Why the attribute models could not load (faces and people go on without them); null if fine. */
  attributesError(): string | null;
  /** Starts loading the attribute models in the background, once; later calls do nothing. */
  loadAttributes(): void;
  /**
   * Resolves once the attribute models are loaded or have failed (tests, benchmarks); starts
   * loading them if nothing has.
   */
  attributesSettled(): Promise<void>;
  /** One reading per face, in one batch per model; switched-off models do not run. */
  estimate(
    frame: PreparedFrame,
    faces: FaceBox[],
    switches: AttributeSwitches,
  ): Promise<AttributeSample[]>;
  /** Benchmarks: each attribute model alone on inputs made beforehand (the model floor). */
  timeModels(
    frame: PreparedFrame,
    faces: FaceBox[],
  ): Promise<{ ageGenderMs: number; expressionMs: number }>;
  liveTensors(): number;
  /**
   * First start under Auto: loads MediaPipe while this engine runs, then times both on the
   * bundled photos, each round inside `exclusive` (no frame in flight, none started; live
   * frames run between rounds), and keeps the faster in one more `exclusive` step, updating `info`
   * (engine, calibration, reason). A warm start handing over (info.handingOver): loads
   * MediaPipe and swaps it in, inside `exclusive`, instead. Resolves false when there was
   * nothing measured (an engine was asked for, it was measured already, a handover) or the
   * engine was disposed.
   */
  measure(exclusive: Turn): Promise<boolean>;
  /** Throws GPU_LOST_ERROR once a WebGL context the models use was lost. */
  checkGpu(): void;
  /** After a failed call: throws GPU_LOST_ERROR if a lost context explains it. */
  explainFailure(): Promise<void>;
  dispose(): void;
}

export function validateOptions(
  options: Partial<DetectorOptions>,
): DetectorOptions {
  const merged: DetectorOptions = {
    ...DEFAULT_DETECTOR_OPTIONS,
    assetBase: '',
    ...options,
  };
  if (!['auto', 'tfjs', 'mediapipe'].includes(merged.engine)) {
    throw new Error(`Unknown engine "${String(merged.engine)}".`);
  }
  if (![null, 'CPU', 'GPU'].includes(merged.delegate)) {
    throw new Error(`Unknown MediaPipe delegate "${String(merged.delegate)}".`);
  }
  if (!['auto', 'webgl', 'wasm', 'cpu'].includes(merged.backend)) {
    throw new Error(`Unknown backend "${String(merged.backend)}".`);
  }
  if (!['full', 'short'].includes(merged.modelType)) {
    throw new Error(`Unknown model type "${String(merged.modelType)}".`);
  }
  if (
    merged.minScore !== null &&
    !(merged.minScore >= 0 && merged.minScore <= 1)
  )
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

/** MediaPipe's delegate follows the tfjs backend choice: WebGL only where it is real hardware. */
export function delegateFor(backend: BackendName): MediapipeDelegate {
  return backend === 'webgl' ? 'GPU' : 'CPU';
}

type Valid = DetectorOptions;

function loadDetector(
  engine: EngineName,
  valid: Valid,
  info: EngineInfo,
  fetcher: AssetFetcher,
  onFraction: (f: number) => void,
  delegate: MediapipeDelegate = valid.delegate ?? delegateFor(info.backend),
): Promise<Detector> {
  const minScore = valid.minScore ?? DEFAULT_MIN_SCORE[engine];
  if (engine === 'tfjs')
    return TfjsFaceDetector.create(
      { ...valid, minScore },
      info,
      fetcher,
      onFraction,
    );
  return MediapipeFaceDetector.create(
    { ...valid, minScore, delegate },
    info,
    fetcher,
    onFraction,
  );
}

/** MediaPipe on `delegate`, loaded while another engine runs (no progress shown). */
function loadMediapipeBeside(
  valid: Valid,
  info: EngineInfo,
  fetcher: AssetFetcher,
  delegate: MediapipeDelegate,
): Promise<Detector> {
  return loadDetector(
    'mediapipe',
    valid,
    { ...info, engine: 'mediapipe', delegate },
    fetcher,
    () => {},
    delegate,
  );
}

/**
 * The engine asked for. MediaPipe needs WebGL even on its CPU delegate (to take images in), so
 * where it cannot start (no WebGL at all, a blocklisted GPU) TensorFlow.js runs instead, and
 * info.engineReason says why; the app tells the user.
 */
async function loadRequested(
  requested: EngineName,
  valid: Valid,
  info: EngineInfo,
  fetcher: AssetFetcher,
  tensorizer: FrameTensorizer,
  onProgress: (p: LoadProgress) => void,
): Promise<Detector> {
  const load = (engine: EngineName) =>
    loadDetector(engine, valid, info, fetcher, (f) =>
      onProgress({
        fraction: 0.05 + 0.45 * f,
        label: `Loading the ${ENGINE_LABEL[engine]} face detector`,
      }),
    );
  try {
    const detector = await load(requested);
    if (requested === 'mediapipe') {
      // It loads without WebGL and fails on its first image: try one now.
      await tryDetect(detector, tensorizer).catch((err: unknown) => {
        detector.dispose();
        throw err;
      });
    }
    return detector;
  } catch (err) {
    if (requested !== 'mediapipe') throw err;
    const why = err instanceof Error ? err.message : String(err);
    info.engine = 'tfjs';
    info.delegate = null;
    info.engineReason = `${ENGINE_LABEL.mediapipe} could not run here (${why})`;
    return load('tfjs');
  }
}

/**
 * The bundled photos at 640x480, as bitmaps, for timing the engines; null when they cannot be
 * had (no createImageBitmap, a photo missing or failing its checksum): Auto then keeps tfjs.
 */
async function calibrationFrames(
  fetcher: AssetFetcher,
): Promise<ImageBitmap[] | null> {
  if (typeof createImageBitmap !== 'function') return null;
  const decoded = await Promise.allSettled(
    CALIBRATION_PHOTOS.map(async (path) => {
      const bytes = await fetcher.fetchVerified(path);
      return createImageBitmap(new Blob([bytes]), {
        resizeWidth: CALIBRATION_SIZE.width,
        resizeHeight: CALIBRATION_SIZE.height,
      });
    }),
  );
  const bitmaps = decoded.flatMap((d) =>
    d.status === 'fulfilled' ? [d.value] : [],
  );
  if (bitmaps.length === decoded.length) return bitmaps;
  for (const bitmap of bitmaps) bitmap.close();
  return null;
}

/**
 * Times MediaPipe (both delegates where WebGL is real hardware) against the TensorFlow.js
 * detector already running: MediaPipe loads first, outside `exclusive`, so frames go on being
 * analysed meanwhile; only the timing holds the worker. Returns the faster detector (the
 * other disposed) and updates `info`; keeps the running one when the photos cannot be had.
 */
async function measureAgainst(
  running: Detector,
  valid: Valid,
  info: EngineInfo,
  fetcher: AssetFetcher,
  tensorizer: FrameTensorizer,
  turn: Turn,
  swap: (choose: () => Detector) => Promise<Detector>,
  stillWanted: () => boolean,
): Promise<Detector> {
  const bitmaps = await calibrationFrames(fetcher);
  if (!bitmaps) {
    info.engineReason =
      'could not measure here (the sample photos could not be decoded)';
    return running;
  }
  try {
    // Where WebGL is real hardware, MediaPipe may be faster on either delegate: time both.
    const delegates: MediapipeDelegate[] =
      info.backend === 'webgl' ? ['GPU', 'CPU'] : ['CPU'];
    // One after the other: two MediaPipe runtimes starting at once corrupt each other's wasm
    // memory ("memory access out of bounds" on the first frames).
    const others: PromiseSettledResult<Detector>[] = [];
    for (const delegate of delegates) {
      others.push(
        await loadMediapipeBeside(valid, info, fetcher, delegate).then(
          (value) => ({ status: 'fulfilled' as const, value }),
          (reason: unknown) => ({ status: 'rejected' as const, reason }),
        ),
      );
    }
    const loaded = others.flatMap((o) =>
      o.status === 'fulfilled' ? [o.value] : [],
    );
    if (!stillWanted()) {
      for (const d of loaded) d.dispose();
      return running;
    }
    const candidates: Candidate[] = [
      ...delegates.map((delegate, i): Candidate => ({
        engine: 'mediapipe',
        delegate,
        load: () => {
          const o = others[i]!;
          return o.status === 'fulfilled'
            ? Promise.resolve(o.value)
            : Promise.reject(o.reason as Error);
        },
      })),
      { engine: 'tfjs', delegate: null, load: () => Promise.resolve(running) },
    ];
    const frames: FrameSupply = {
      count: bitmaps.length,
      take: (i) => tensorizer.prepare(bitmaps[i]!),
      release: (frame) => tensorizer.release(frame),
    };
    // Until keepFastest has them, the MediaPipe detectors are ours to dispose.
    let handed = false;
    try {
      // Each round (every engine once on every photo) is a turn of its own: live frames go
      // between rounds (each waits for one round at most) instead of waiting for the whole
      // timing (issue 19: up to a second on a first start, which shortened the dwell of the
      // faces then in view). Live frames use
      // the running detector meanwhile; only the choice (disposing the slower, swapping in
      // the faster) is one step with no frame in flight.
      const timed = await timeCandidates(
        candidates,
        frames,
        CALIBRATION_RUNS,
        undefined,
        turn,
      );
      return await swap(() => {
        if (!stillWanted()) return running;
        handed = true;
        return adopt(keepFastest(timed), info);
      });
    } finally {
      if (!handed) for (const d of loaded) d.dispose();
    }
  } finally {
    for (const bitmap of bitmaps) bitmap.close();
  }
}

/** Notes the measurement in `info` and returns the faster detector. */
function adopt(
  { detector, winner, timings }: Picked,
  info: EngineInfo,
): Detector {
  // MediaPipe's figure is its better delegate's.
  const ms = (e: EngineName) => {
    const all = timings.flatMap((t) =>
      t.engine === e && t.ms !== null ? [t.ms] : [],
    );
    return all.length ? Math.min(...all) : null;
  };
  const calibration: EngineCalibration = {
    tfjsMs: ms('tfjs'),
    mediapipeMs: ms('mediapipe'),
    engine: winner.engine,
    delegate: winner.delegate,
    measuredAt: Date.now(),
  };
  info.engine = winner.engine;
  info.delegate = winner.delegate;
  info.calibration = calibration;
  info.timings = timings.map(({ engine, delegate, ms }) => ({
    engine,
    delegate,
    ms,
  }));
  info.engineReason = describeCalibration(calibration, timings);
  return detector;
}

/** "faster here: 19 ms vs 48 ms per frame" (or why the other could not run). */
export function describeCalibration(
  c: Pick<EngineCalibration, 'engine' | 'tfjsMs' | 'mediapipeMs'>,
  timings: { engine: EngineName; error: string | null }[] = [],
): string {
  const other: EngineName = c.engine === 'tfjs' ? 'mediapipe' : 'tfjs';
  const ms = (e: EngineName) => (e === 'tfjs' ? c.tfjsMs : c.mediapipeMs);
  const mine = ms(c.engine);
  const theirs = ms(other);
  const fmt = (v: number | null) => (v === null ? '?' : `${Math.round(v)} ms`);
  if (theirs === null) {
    const error = timings.find((t) => t.engine === other)?.error;
    return `${ENGINE_LABEL[other]} could not run here${error ? ` (${error})` : ''}`;
  }
  return `faster on this device: ${fmt(mine)} vs ${fmt(theirs)} per frame for ${ENGINE_LABEL[other]}`;
}

export async function createEngine(
  options: Partial<DetectorOptions>,
  fetchImpl: FetchLike,
  onProgress: (p: LoadProgress) => void,
): Promise<AnalysisEngine> {
  const valid = validateOptions(options);
  const fetcher = new AssetFetcher(valid.assetBase, fetchImpl);
  // Auto with nothing remembered: TensorFlow.js (the smaller download, no wasm of its own on
  // WebGL) shows boxes at once, and MediaPipe is measured against it after the first frame.
  // Auto with MediaPipe remembered (handover): TensorFlow.js shows them too, and MediaPipe
  // takes over once it has loaded after the first frame.
  const measuring = valid.engine === 'auto';
  const handover = valid.engine === 'mediapipe' && valid.handover === true;
  const requested: EngineName =
    valid.engine === 'auto' || handover ? 'tfjs' : valid.engine;
  // The manifest and the detector's files download beside the backend's start (issue 19).
  fetcher.preloadManifest();
  (requested === 'tfjs' ? TfjsFaceDetector : MediapipeFaceDetector).prefetch(
    fetcher,
    valid.modelType,
  );
  const started = performance.now();
  onProgress({ fraction: 0, label: 'Starting TensorFlow.js' });
  const { backend, reason } = await selectBackend(
    valid.backend,
    fetcher.resolve(TFJS_WASM_DIR),
  );
  const info: EngineInfo = {
    engine: requested,
    delegate:
      requested === 'mediapipe'
        ? (valid.delegate ?? delegateFor(backend))
        : null,
    engineReason: measuring
      ? `runs while ${ENGINE_LABEL.mediapipe} is measured against it`
      : handover
        ? `shows the first boxes while ${ENGINE_LABEL.mediapipe} loads`
        : 'requested',
    calibration: null,
    measuring,
    ...(handover ? { handingOver: true } : {}),
    timings: [],
    backend,
    backendReason: reason,
    modelType: valid.modelType,
    loadMs: 0,
    warmupMs: 0,
  };
  const tensorizer = new FrameTensorizer(backend);
  // Warm-up runs compile WebGL's shaders before the first real frame. On WASM and the CPU
  // nothing is compiled: a warm-up only moves the first run's cost earlier, and made the
  // first full result later (issue 19). MediaPipe's detector is tried once as it loads (it
  // may load and then fail on its first image), and that try is its warm-up: a second run
  // on its CPU delegate made the warm start's first box later (bench:startup 1.07-1.13 ->
  // 0.95-1.02 s).
  const compiles = backend === 'webgl';
  let detector = await loadRequested(
    requested,
    valid,
    info,
    fetcher,
    tensorizer,
    onProgress,
  );
  // The attribute models load when asked (after the first frame), in the background: the
  // first boxes neither wait for them nor share the thread with their loading, and a failure
  // leaves faces and people counted without attributes.
  let estimator: AttributeEstimator | null = null;
  let attributesError: string | null = null;
  let disposed = false;
  let attributes: Promise<void> | null = null;
  const loadAttributes = (): Promise<void> =>
    (attributes ??= disposed
      ? Promise.resolve()
      : AttributeEstimator.create(fetcher, () => {}).then(
          async (loaded) => {
            if (disposed) {
              loaded.dispose();
              return;
            }
            if (compiles) await warmEstimator(loaded);
            if (disposed) loaded.dispose();
            else estimator = loaded;
          },
          (err: unknown) => {
            attributesError = err instanceof Error ? err.message : String(err);
          },
        ));
  const gpu = new GpuWatch();
  if (backend === 'webgl') gpu.watch(tfjsContext());
  gpu.watch(contextOf(detector.gpuCanvas));
  /**
   * A warm start's handover (issue 19): MediaPipe loads while TensorFlow.js runs, then, with no
   * frame in flight, is tried once (it may load and fail on its first image; the try is also
   * its warm-up) and takes over. If it cannot run, TensorFlow.js goes on and info says why.
   */
  const handOver = async (exclusive: Turn): Promise<void> => {
    const delegate = valid.delegate ?? delegateFor(backend);
    let next: Detector | null = null;
    let adopted = false;
    try {
      next = await loadMediapipeBeside(valid, info, fetcher, delegate);
      const loaded = next;
      await exclusive(async () => {
        if (disposed) return;
        await tryDetect(loaded, tensorizer);
        const previous = detector;
        detector = loaded;
        adopted = true;
        gpu.watch(contextOf(loaded.gpuCanvas));
        previous.dispose();
        info.engine = 'mediapipe';
        info.delegate = delegate;
        info.engineReason = 'requested';
      });
    } catch (err) {
      if (!disposed) {
        const why = err instanceof Error ? err.message : String(err);
        info.engineReason = `${ENGINE_LABEL.mediapipe} could not run here (${why})`;
      }
    } finally {
      if (!adopted) next?.dispose();
      info.handingOver = false;
    }
  };
  const engine: AnalysisEngine = {
    info,
    prepare: async (frame) =>
      tensorizer.prepare(await tensorizer.readable(frame)),
    release: (frame) => tensorizer.release(frame),
    detect: (frame) => gpu.race(detector.detect(frame)),
    attributesReady: () => estimator !== null,
    attributesError: () => attributesError,
    loadAttributes: () => void loadAttributes(),
    attributesSettled: loadAttributes,
    estimate: (frame, faces, switches) => {
      const ready = estimator;
      if (!ready) return Promise.resolve(faces.map(() => ({})));
      return gpu.race(
        frame
          .tensor()
          .then((tensor) => ready.estimate(tensor, faces, switches)),
      );
    },
    measure: async (exclusive) => {
      if (info.handingOver && !disposed) {
        await handOver(exclusive);
        return false;
      }
      if (!info.measuring || disposed) return false;
      try {
        const running = detector;
        await measureAgainst(
          running,
          valid,
          info,
          fetcher,
          tensorizer,
          exclusive,
          (choose) =>
            exclusive(async () => {
              const next = choose();
              // Swapped before any other frame may start.
              detector = next;
              if (next !== running) gpu.watch(contextOf(next.gpuCanvas));
              return next;
            }),
          () => !disposed,
        );
        return info.calibration !== null;
      } finally {
        info.measuring = false;
      }
    },
    timeModels: async (frame, faces) => {
      await loadAttributes();
      if (!estimator)
        throw new Error(
          attributesError ?? 'The attribute models did not load.',
        );
      return estimator.timeModels(await frame.tensor(), faces);
    },
    liveTensors: () => tf.memory().numTensors,
    checkGpu: () => gpu.check(),
    explainFailure: () => gpu.explain(),
    dispose: () => {
      disposed = true;
      detector.dispose();
      estimator?.dispose();
      estimator = null;
      tensorizer.dispose();
    },
  };
  info.loadMs = performance.now() - started;
  onProgress({ fraction: 0.95, label: 'Warming up' });
  const warm = performance.now();
  try {
    if (compiles) await warmUp(engine);
  } catch (err) {
    engine.dispose(); // e.g. a GPU context lost on the first run: free the wasm heap and models
    throw err;
  }
  info.warmupMs = performance.now() - warm;
  onProgress({ fraction: 1, label: 'Ready' });
  return engine;
}

/** tfjs' WebGL context, when the WebGL backend is active. */
function tfjsContext(): WatchedContext | null {
  const backend = tf.backend() as {
    getGPGPUContext?: () => { gl: WatchedContext };
  };
  return backend.getGPGPUContext?.().gl ?? null;
}

/** The WebGL context already made on `canvas` (by MediaPipe's GPU delegate), if any. */
function contextOf(
  canvas: OffscreenCanvas | null | undefined,
): WatchedContext | null {
  // getContext returns the existing context of that type, or null for another type. The
  // webworker lib leaves out the context's `canvas`, which workers do have.
  const gl = canvas
    ? (canvas.getContext('webgl2') ?? canvas.getContext('webgl'))
    : null;
  return gl as WatchedContext | null;
}

/** One detection on a small blank frame: throws where the detector cannot run. */
async function tryDetect(
  detector: Detector,
  tensorizer: FrameTensorizer,
): Promise<void> {
  const frame = tensorizer.prepare(
    await tensorizer.readable({
      data: new Uint8Array(64 * 64 * 4),
      width: 64,
      height: 64,
    }),
  );
  try {
    await detector.detect(frame);
  } finally {
    tensorizer.release(frame);
  }
}

/** Runs the detector once so shaders and kernels are compiled before the first real frame. */
async function warmUp(engine: AnalysisEngine): Promise<void> {
  const frame = await engine.prepare({
    data: new Uint8Array(128 * 128 * 4),
    width: 128,
    height: 128,
  });
  try {
    await engine.detect(frame);
  } finally {
    engine.release(frame);
  }
}

/**
 * Runs every attribute model once on a blank image of its own (not through the frame
 * tensorizer, whose one frame may be in use by a detection meanwhile).
 */
async function warmEstimator(estimator: AttributeEstimator): Promise<void> {
  const image = tf.zeros([128, 128, 3]) as tf.Tensor3D;
  const face: FaceBox = {
    x: 32,
    y: 32,
    width: 64,
    height: 64,
    score: 1,
    keypoints: [],
  };
  try {
    await estimator.estimate(image, [face], {
      age: true,
      gender: true,
      expression: true,
    });
  } finally {
    image.dispose();
  }
}
