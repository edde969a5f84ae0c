// Bench only: face-api's weight maps read from node_modules, and the forward pass of its
// face_expression_model (four dense blocks) on our tfjs-core, ported from face-api's src/
// (the age_gender_model runs through the app's own src/model/tfjs/age-gender-net.ts).

import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { ROOT } from '../support/demo-faces';

type Weights = tf.NamedTensorMap;

export function loadFaceApiWeights(name: string): Weights {
  const dir = `${ROOT}node_modules/@vladmandic/face-api/model/`;
  const manifest = JSON.parse(
    readFileSync(`${dir}${name}-weights_manifest.json`, 'utf8'),
  ) as tf.io.WeightsManifestConfig;
  const bin = readFileSync(`${dir}${manifest[0]!.paths[0]}`);
  const buffer = bin.buffer.slice(
    bin.byteOffset,
    bin.byteOffset + bin.byteLength,
  );
  return tf.io.decodeWeights(buffer, manifest[0]!.weights);
}

const MEAN_RGB = [122.782, 117.001, 104.298];

/** face-api's input: 112×112 RGB, (px - mean RGB) / 255. */
function prepare(crops: tf.Tensor4D): tf.Tensor4D {
  return tf.div(tf.sub(crops, tf.tensor1d(MEAN_RGB)), 255);
}

function sep(w: Weights, p: string, x: tf.Tensor4D, s: 1 | 2): tf.Tensor4D {
  const out = tf.separableConv2d(
    x,
    w[`${p}/depthwise_filter`] as tf.Tensor4D,
    w[`${p}/pointwise_filter`] as tf.Tensor4D,
    s,
    'same',
  );
  return tf.add(out, w[`${p}/bias`]!);
}

function conv(w: Weights, p: string, x: tf.Tensor4D, s: 2): tf.Tensor4D {
  const out = tf.conv2d(x, w[`${p}/filters`] as tf.Tensor4D, s, 'same');
  return tf.add(out, w[`${p}/bias`]!);
}

function dense(
  w: Weights,
  p: string,
  x: tf.Tensor4D,
  first: boolean,
): tf.Tensor4D {
  const out1 = tf.relu(
    first ? conv(w, `${p}/conv0`, x, 2) : sep(w, `${p}/conv0`, x, 2),
  );
  const out2 = sep(w, `${p}/conv1`, out1, 1);
  const out3 = sep(
    w,
    `${p}/conv2`,
    tf.relu(tf.add<tf.Tensor4D>(out1, out2)),
    1,
  );
  const in4 = tf.relu(tf.add<tf.Tensor4D>(out1, tf.add(out2, out3)));
  const out4 = sep(w, `${p}/conv3`, in4, 1);
  return tf.relu(tf.add<tf.Tensor4D>(out1, tf.add(out2, tf.add(out3, out4))));
}

/** face-api's expression order. */
export const FACE_API_EXPRESSIONS = [
  'neutral',
  'happy',
  'sad',
  'angry',
  'fear',
  'disgust',
  'surprise',
] as const;

/** Seven softmax probabilities in FACE_API_EXPRESSIONS order, for crops [N,112,112,3]. */
export function expressions(w: Weights, crops: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    let out = dense(w, 'dense0', prepare(crops), true);
    out = dense(w, 'dense1', out, false);
    out = dense(w, 'dense2', out, false);
    out = dense(w, 'dense3', out, false);
    out = tf.avgPool(out, 7, 2, 'valid');
    const flat = tf.reshape(out, [crops.shape[0], -1]) as tf.Tensor2D;
    const logits = tf.add(
      tf.matMul(flat, w['fc/weights'] as tf.Tensor2D),
      w['fc/bias']!,
    );
    return tf.softmax(logits) as tf.Tensor2D;
  });
}
