// Face descriptors for authorised matching (issue 18): face-api's recognition network, loaded
// from the app's origin (checksummed) only when the operator has turned matching on, on
// upright 150² crops cut by the same cropFaces as the attribute models. Descriptors come back
// L2-normalised, as plain arrays: the caller compares and drops them.

import * as tf from '@tensorflow/tfjs-core';
import { l2Normalise } from '../../matching/descriptor-math';
import type { FaceBox } from '../../shared/types';
import type { AssetFetcher } from '../asset-fetcher';
import {
  FACE_DESCRIPTOR_LENGTH,
  FACE_RECOGNITION_CROP_MARGIN,
  FACE_RECOGNITION_INPUT_SIZE,
  FACE_RECOGNITION_MANIFEST_PATH,
} from '../constants';
import { cropFaces } from './face-crops';
import { FaceRecognitionNet } from './face-recognition-net';
import { loadWeightMap } from './weight-map-loader';

export interface FaceRecognizerDeps {
  fetcher: AssetFetcher;
  onFraction?: (fraction: number) => void;
}

export class FaceRecognizer {
  private constructor(private readonly _net: FaceRecognitionNet) {}

  /** Loads and checks the weights and warms the net up; the tfjs backend must be selected. */
  static async load({
    fetcher,
    onFraction,
  }: FaceRecognizerDeps): Promise<FaceRecognizer> {
    const weights = await loadWeightMap(
      fetcher,
      FACE_RECOGNITION_MANIFEST_PATH,
      onFraction,
    );
    const recognizer = new FaceRecognizer(
      FaceRecognitionNet.fromWeights(weights),
    );
    // One run on a blank crop compiles the kernels before the first real face.
    const blank = tf.zeros<tf.Rank.R4>([
      1,
      FACE_RECOGNITION_INPUT_SIZE,
      FACE_RECOGNITION_INPUT_SIZE,
      3,
    ]);
    try {
      await recognizer.describe(blank);
    } catch (err) {
      recognizer.dispose();
      throw err;
    } finally {
      blank.dispose();
    }
    return recognizer;
  }

  /** From an already decoded weight map (tests, scripts); takes ownership of it. */
  static fromWeights(weights: tf.NamedTensorMap): FaceRecognizer {
    return new FaceRecognizer(FaceRecognitionNet.fromWeights(weights));
  }

  /** One unit-length descriptor per crop ([N,150,150,3], RGB 0..255; stays the caller's). */
  async describe(crops: tf.Tensor4D): Promise<Float32Array[]> {
    if (crops.shape[0] === 0) return [];
    const out = this._net.embed(crops);
    try {
      const flat = (await out.data()) as Float32Array;
      const n = FACE_DESCRIPTOR_LENGTH;
      // A copy each, with its own buffer: each can be transferred or dropped on its own.
      return Array.from({ length: crops.shape[0] }, (_, i) =>
        l2Normalise(flat.subarray(i * n, i * n + n)),
      );
    } finally {
      out.dispose();
    }
  }

  /** Crops `faces` out of `frame` (RGB 0..255, stays the caller's) and describes them. */
  async describeFaces(
    frame: tf.Tensor3D,
    faces: readonly FaceBox[],
  ): Promise<Float32Array[]> {
    if (faces.length === 0) return [];
    const crops = cropFaces(frame, faces, {
      size: FACE_RECOGNITION_INPUT_SIZE,
      margin: FACE_RECOGNITION_CROP_MARGIN,
    });
    try {
      return await this.describe(crops);
    } finally {
      crops.dispose();
    }
  }

  dispose(): void {
    this._net.dispose();
  }
}
