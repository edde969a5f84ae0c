// face-api's face recognition network (a ResNet-34-like net, 128-D descriptor) on tfjs-core,
// ported from @vladmandic/face-api src/faceRecognitionNet/*.ts (and its JS copy in
// scripts/lib/face-embedders.mjs): a plain weight map for hand-written layers. Issue 18 only.

import * as tf from '@tensorflow/tfjs-core';
import { AGE_GENDER_MEAN_RGB } from './attribute-constants';

type Weights = tf.NamedTensorMap;

/** A convolution with its scale layer folded in: conv(x, f·s) + (b·s + β) = scale(conv(x, f) + b). */
interface FoldedConv {
  filters: tf.Tensor4D;
  bias: tf.Tensor1D;
}

/** Every convolution of the net, by weight-name prefix, in the order it runs. */
const CONV_LAYERS = [
  'conv32_down',
  ...['conv32_1', 'conv32_2', 'conv32_3'].flatMap(pair),
  ...['conv64_down', 'conv64_1', 'conv64_2', 'conv64_3'].flatMap(pair),
  ...['conv128_down', 'conv128_1', 'conv128_2'].flatMap(pair),
  ...['conv256_down', 'conv256_1', 'conv256_2', 'conv256_down_out'].flatMap(
    pair,
  ),
];

function pair(block: string): string[] {
  return [`${block}/conv1`, `${block}/conv2`];
}

export class FaceRecognitionNet {
  private constructor(
    private readonly _convs: ReadonlyMap<string, FoldedConv>,
    private readonly _fc: tf.Tensor2D,
    private readonly _mean: tf.Tensor1D,
  ) {}

  /**
   * From the decoded weight map (face_recognition_model-weights_manifest.json). Takes
   * ownership: the scale layers are folded into the convolutions and the originals freed.
   */
  static fromWeights(weights: Weights): FaceRecognitionNet {
    const get = (name: string): tf.Tensor => {
      const t = weights[name];
      if (!t) throw new Error(`face_recognition_model has no weight ${name}.`);
      return t;
    };
    try {
      const convs = new Map<string, FoldedConv>();
      for (const p of CONV_LAYERS)
        convs.set(
          p,
          tf.tidy(() => {
            const scale = get(`${p}/scale/weights`);
            return {
              filters: tf.mul<tf.Tensor4D>(get(`${p}/conv/filters`), scale),
              bias: tf.add<tf.Tensor1D>(
                tf.mul(get(`${p}/conv/bias`), scale),
                get(`${p}/scale/biases`),
              ),
            };
          }),
        );
      return new FaceRecognitionNet(
        convs,
        tf.clone(get('fc')) as tf.Tensor2D,
        tf.tensor1d(AGE_GENDER_MEAN_RGB),
      );
    } finally {
      tf.dispose(Object.values(weights));
    }
  }

  /**
   * Crops [N,150,150,3], RGB 0..255 → [N,128] descriptors, not normalised (face-api
   * normalises none either). The caller disposes the output.
   */
  embed(crops: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      // face-api's normalize(): the same mean RGB as its age and gender net, then ÷ 255.
      let out = tf.div<tf.Tensor4D>(tf.sub(crops, this._mean), 255);
      out = this._conv(out, 'conv32_down', 2, true);
      out = tf.maxPool(out, 3, 2, 'valid');
      for (const p of ['conv32_1', 'conv32_2', 'conv32_3'])
        out = this._residual(out, p);
      out = this._residualDown(out, 'conv64_down');
      for (const p of ['conv64_1', 'conv64_2', 'conv64_3'])
        out = this._residual(out, p);
      out = this._residualDown(out, 'conv128_down');
      for (const p of ['conv128_1', 'conv128_2']) out = this._residual(out, p);
      out = this._residualDown(out, 'conv256_down');
      for (const p of ['conv256_1', 'conv256_2']) out = this._residual(out, p);
      out = this._residualDown(out, 'conv256_down_out');
      return tf.matMul(tf.mean<tf.Tensor2D>(out, [1, 2]), this._fc);
    });
  }

  dispose(): void {
    for (const { filters, bias } of this._convs.values())
      tf.dispose([filters, bias]);
    tf.dispose([this._fc, this._mean]);
  }

  /** face-api's convLayer: 'valid' padding when it strides (convDown), 'same' otherwise. */
  private _conv(
    x: tf.Tensor4D,
    p: string,
    strides: 1 | 2,
    relu: boolean,
  ): tf.Tensor4D {
    const { filters, bias } = this._convs.get(p)!;
    return tf.fused.conv2d({
      x,
      filter: filters,
      strides,
      pad: strides === 2 ? 'valid' : 'same',
      bias,
      activation: relu ? 'relu' : 'linear',
    });
  }

  private _residual(x: tf.Tensor4D, p: string): tf.Tensor4D {
    const out = this._conv(
      this._conv(x, `${p}/conv1`, 1, true),
      `${p}/conv2`,
      1,
      false,
    );
    return tf.relu(tf.add<tf.Tensor4D>(out, x));
  }

  /**
   * The downsampling block: a strided branch added to the input average-pooled, which is
   * widened with zero channels; where the strided branch comes out a pixel smaller (8→3
   * against 8→4, 4→1 against 4→2), it is padded with zeros below and to the right.
   */
  private _residualDown(x: tf.Tensor4D, p: string): tf.Tensor4D {
    let out = this._conv(
      this._conv(x, `${p}/conv1`, 2, true),
      `${p}/conv2`,
      1,
      false,
    );
    let pooled = tf.avgPool(x, 2, 2, 'valid');
    if (pooled.shape[1] !== out.shape[1] || pooled.shape[2] !== out.shape[2]) {
      const [n, h, w, c] = out.shape;
      out = tf.concat([out, tf.zeros<tf.Rank.R4>([n, 1, w, c])], 1);
      out = tf.concat([out, tf.zeros<tf.Rank.R4>([n, h + 1, 1, c])], 2);
    }
    if (pooled.shape[3] !== out.shape[3])
      pooled = tf.concat([pooled, tf.zeros<tf.Rank.R4>(pooled.shape)], 3);
    return tf.relu(tf.add<tf.Tensor4D>(pooled, out));
  }
}
