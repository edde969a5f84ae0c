// Test support: the face-api demo photos decoded with jpeg-js, a fetch over public/, and the
// real face detector (tfjs, node) run on them once, so attribute tests start from real boxes.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import * as tf from '@tensorflow/tfjs-core';
import { AssetFetcher } from '../../src/model/asset-fetcher';
import type { PreparedFrame } from '../../src/model/detector';
import { DEFAULT_MIN_SCORE } from '../../src/model/constants';
import { TfjsFaceDetector } from '../../src/model/tfjs/tfjs-face-detector';
import { DEFAULT_DETECTOR_OPTIONS } from '../../src/shared/constants';
import type {
  BackendName,
  EngineInfo,
  FaceBox,
  RawFrame,
} from '../../src/shared/types';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BASE = 'http://localsight.test/';

export function publicFetch(url: string): Promise<Response> {
  const { pathname } = new URL(url);
  const file = `${ROOT}public${decodeURIComponent(pathname)}`;
  if (!existsSync(file))
    return Promise.resolve(new Response('not found', { status: 404 }));
  return Promise.resolve(new Response(readFileSync(file)));
}

export const publicFetcher = (): AssetFetcher =>
  new AssetFetcher(BASE, publicFetch);

/**
 * Demo photo `n` (1920 px wide), halved with a 2×2 box filter to 960 px: the app scales
 * frames to MAX_ANALYSIS_SIDE before they reach the worker.
 */
export function demoPhoto(n: number): RawFrame {
  const src = jpeg.decode(
    readFileSync(
      `${ROOT}node_modules/@vladmandic/face-api/demo/sample${n}.jpg`,
    ),
    { useTArray: true, formatAsRGBA: true },
  );
  const width = src.width >> 1;
  const height = src.height >> 1;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (2 * y * src.width + 2 * x) * 4;
      const j = i + src.width * 4;
      for (let c = 0; c < 4; c++) {
        const sum = src.data[i + c]! + src.data[i + 4 + c]!;
        const below = src.data[j + c]! + src.data[j + 4 + c]!;
        data[(y * width + x) * 4 + c] = (sum + below + 2) >> 2;
      }
    }
  }
  return { data, width, height };
}

/** RGBA pixels to an int32 RGB frame tensor, as tf.browser.fromPixels makes it. */
export function frameTensor(frame: RawFrame): tf.Tensor3D {
  const { width, height, data } = frame;
  const rgb = new Int32Array(width * height * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    rgb[j] = data[i]!;
    rgb[j + 1] = data[i + 1]!;
    rgb[j + 2] = data[i + 2]!;
  }
  return tf.tensor3d(rgb, [height, width, 3], 'int32');
}

export interface DemoFaces {
  photo: number;
  frame: RawFrame;
  /** Sorted left to right (the detector's order). */
  faces: FaceBox[];
}

/**
 * Runs the real full-range detector (app defaults) on sample1..6 and disposes it. The tfjs
 * backend must already be set. Frames are kept as RGBA; `frameTensor` rebuilds their tensors.
 */
export async function detectDemoFaces(): Promise<DemoFaces[]> {
  const info: EngineInfo = {
    engine: 'tfjs',
    delegate: null,
    engineReason: 'test',
    calibration: null,
    timings: [],
    backend: tf.getBackend() as BackendName,
    backendReason: 'test',
    modelType: 'full',
    loadMs: 0,
    warmupMs: 0,
  };
  const detector = await TfjsFaceDetector.create(
    { ...DEFAULT_DETECTOR_OPTIONS, minScore: DEFAULT_MIN_SCORE.tfjs },
    info,
    publicFetcher(),
    () => {},
  );
  const out: DemoFaces[] = [];
  try {
    for (let photo = 1; photo <= 6; photo++) {
      const frame = demoPhoto(photo);
      const tensor = frameTensor(frame);
      try {
        const { width, height } = frame;
        const faces = await detector.detect(tensorFrame(tensor, width, height));
        out.push({ photo, frame, faces });
      } finally {
        tensor.dispose();
      }
    }
  } finally {
    detector.dispose();
  }
  return out;
}

/** A PreparedFrame around an existing tensor, for driving a tfjs Detector directly. */
export function tensorFrame(
  tensor: tf.Tensor3D,
  width: number,
  height: number,
): PreparedFrame {
  const source = { data: new Uint8Array(0), width, height };
  return { width, height, source, tensor: () => Promise.resolve(tensor) };
}
