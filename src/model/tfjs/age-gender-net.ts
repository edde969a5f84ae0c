// face-api's age and gender network (a TinyXception with two FC heads) on tfjs-core, ported
// from @vladmandic/face-api src/xception/TinyXception.ts and src/ageGenderNet/AgeGenderNet.ts:
// its weights are a plain weight map for hand-written layers, not a tfjs graph model.

import * as tf from '@tensorflow/tfjs-core';
import type { AssetFetcher } from '../asset-fetcher';
import { AGE_GENDER_MEAN_RGB } from './attribute-constants';
import { loadWeightMap } from './weight-map-loader';

type Weights = tf.NamedTensorMap;

export type AgeGenderHeads = { age: boolean; gender: boolean };

// A type, not an interface, so tf.tidy accepts it as a tensor container.
export type AgeGenderOutput = {
  /** [N] years. */
  age?: tf.Tensor1D;
  /** [N] probability that the face appears female. */
  female?: tf.Tensor1D;
};

export class AgeGenderNet {
  private constructor(private readonly _w: Weights) {}

  /** From an already decoded weight map (the bench reads it from node_modules). */
  static fromWeights(weights: tf.NamedTensorMap): AgeGenderNet {
    return new AgeGenderNet(weights);
  }

  /** Loads `<name>-weights_manifest.json` and its shards, each checked against its sha256. */
  static async load(
    fetcher: AssetFetcher,
    manifestPath: string,
    onFraction: (fraction: number) => void,
  ): Promise<AgeGenderNet> {
    return AgeGenderNet.fromWeights(
      await loadWeightMap(fetcher, manifestPath, onFraction),
    );
  }

  /**
   * Crops [N,112,112,3], RGB 0..255, to the requested heads only; the shared trunk runs
   * whenever either head is asked for. The caller disposes the outputs.
   */
  predict(crops: tf.Tensor4D, heads: AgeGenderHeads): AgeGenderOutput {
    return tf.tidy(() => {
      const w = this._w;
      const x = tf.div<tf.Tensor4D>(tf.sub(crops, AGE_GENDER_MEAN_RGB), 255);
      // Bias and ReLU ride on the convolutions (tf.fused): the same sums as face-api's
      // separate conv, add and relu, in fewer passes over the feature maps.
      let out = conv(w, 'entry_flow/conv_in', x, 2, 'relu');
      out = reduction(w, 'entry_flow/reduction_block_0', out, false);
      out = reduction(w, 'entry_flow/reduction_block_1', out, true);
      for (const p of [
        'middle_flow/main_block_0',
        'middle_flow/main_block_1',
      ]) {
        let m = sep(w, `${p}/separable_conv0`, tf.relu(out), 'relu');
        m = sep(w, `${p}/separable_conv1`, m, 'relu');
        m = sep(w, `${p}/separable_conv2`, m, 'linear');
        out = tf.add(m, out);
      }
      out = reduction(w, 'exit_flow/reduction_block', out, true);
      out = sep(w, 'exit_flow/separable_conv', out, 'relu');
      const pooled = tf.reshape(tf.avgPool(out, 7, 2, 'valid'), [
        crops.shape[0],
        -1,
      ]);
      const fc = (name: string): tf.Tensor2D =>
        tf.add(
          tf.matMul(pooled, w[`fc/${name}/weights`]!),
          w[`fc/${name}/bias`]!,
        );
      const result: AgeGenderOutput = {};
      if (heads.age) result.age = tf.reshape(fc('age'), [-1]);
      // The gender head's softmax is [male, female].
      if (heads.gender)
        result.female = tf.reshape(
          tf.slice(tf.softmax(fc('gender')), [0, 1], [-1, 1]),
          [-1],
        );
      return result;
    });
  }

  dispose(): void {
    tf.dispose(Object.values(this._w));
  }
}

type Activation = 'linear' | 'relu';

function conv(
  w: Weights,
  p: string,
  x: tf.Tensor4D,
  strides: 1 | 2,
  activation: Activation,
): tf.Tensor4D {
  return tf.fused.conv2d({
    x,
    filter: w[`${p}/filters`] as tf.Tensor4D,
    strides,
    pad: 'same',
    bias: w[`${p}/bias`],
    activation,
  });
}

/** tf.separableConv2d (stride 1) with the bias and activation fused into its pointwise step. */
function sep(
  w: Weights,
  p: string,
  x: tf.Tensor4D,
  activation: Activation,
): tf.Tensor4D {
  const depthwise = w[`${p}/depthwise_filter`] as tf.Tensor4D;
  return tf.fused.conv2d({
    x: tf.depthwiseConv2d(x, depthwise, 1, 'same'),
    filter: w[`${p}/pointwise_filter`] as tf.Tensor4D,
    strides: 1,
    pad: 'valid',
    bias: w[`${p}/bias`],
    activation,
  });
}

function reduction(
  w: Weights,
  p: string,
  x: tf.Tensor4D,
  activateInput: boolean,
): tf.Tensor4D {
  let out = activateInput ? tf.relu(x) : x;
  out = sep(w, `${p}/separable_conv0`, out, 'relu');
  out = sep(w, `${p}/separable_conv1`, out, 'linear');
  out = tf.maxPool(out, 3, 2, 'same');
  return tf.add(out, conv(w, `${p}/expansion_conv`, x, 2, 'linear'));
}
