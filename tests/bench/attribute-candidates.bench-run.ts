// Bench of the attribute-model candidates (issue 3, ADR 0006): speed per face crop, batched
// and one at a time, on the tfjs WASM backend in node, and what each says about the 22 faces
// the detector finds in the face-api demo photos. Prints a table; asserts only that it ran.
// BENCH_SMOKE=1 (npm test): one timed repeat instead of five.

import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { expect, it } from 'vitest';
import { ATTRIBUTE_CROP_MARGIN } from '../../src/model/tfjs/attribute-constants';
import { AttributeEstimator } from '../../src/model/tfjs/attribute-estimator';
import { cropFaces } from '../../src/model/tfjs/face-crops';
import { EXPRESSIONS } from '../../src/shared/types';
import {
  detectDemoFaces,
  frameTensor,
  publicFetcher,
  type DemoFaces,
} from '../support/demo-faces';
import { loadCandidates, type Candidate } from './candidates';

const SMOKE = process.env.BENCH_SMOKE === '1';
const REPEATS = SMOKE ? 1 : 5;

async function pickBackend(): Promise<string> {
  setWasmPaths(
    fileURLToPath(
      new URL(
        '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/',
        import.meta.url,
      ),
    ),
  );
  try {
    if (await tf.setBackend('wasm')) {
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
      return `wasm (${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'threads' : '1 thread'})`;
    }
  } catch (err) {
    console.warn('WASM backend failed, falling back to CPU:', err);
  }
  await tf.setBackend('cpu');
  return 'cpu (WASM unavailable)';
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

/** Runs and reads back every output, so the timing includes the work, not just its queueing. */
async function timed(c: Candidate, crops: tf.Tensor4D) {
  const t0 = performance.now();
  const outs = c.run(crops);
  const values = {
    age: await outs.age?.data(),
    female: await outs.female?.data(),
    expression: await outs.expression?.data(),
  };
  const ms = performance.now() - t0;
  tf.dispose(Object.values(outs));
  return { ms, values };
}

/** The app's AttributeEstimator end to end (crops included), one estimate() per photo. */
async function chosenRow(demo: DemoFaces[], faces: number): Promise<string> {
  const estimator = await AttributeEstimator.create(publicFetcher());
  const on = { age: true, gender: true, expression: true };
  const frames = demo.map((d) => frameTensor(d.frame));
  const perFace: number[] = [];
  for (let r = 0; r <= REPEATS; r++) {
    let ms = 0;
    for (let i = 0; i < demo.length; i++) {
      const t0 = performance.now();
      await estimator.estimate(frames[i]!, demo[i]!.faces, on);
      ms += performance.now() - t0;
    }
    if (r > 0) perFace.push(ms / faces); // r = 0 warms up
  }
  tf.dispose(frames);
  estimator.dispose();
  return `| **AttributeEstimator** (chosen, crops included) | 112² RGB + 64² grey | ${median(perFace).toFixed(2)} (per photo) | | | | | |`;
}

const top = (p: ArrayLike<number>, face: number): string => {
  const row = Array.from({ length: 7 }, (_, k) => p[face * 7 + k]!);
  const k = row.indexOf(Math.max(...row));
  return `${EXPRESSIONS[k]} ${(row[k]! * 100).toFixed(0)}%`;
};

it('measures every attribute-model candidate on the 22 demo faces', async () => {
  const backend = await pickBackend();
  const demo = await detectDemoFaces();
  const faces = demo.reduce((n, d) => n + d.faces.length, 0);
  // The laughing woman is the rightmost face of sample1, the middle one is face 1.
  const laughing = demo[0]!.faces.length - 1;
  const crops: Record<number, tf.Tensor4D> = {};
  const cropMs: number[] = [];
  for (const size of [64, 112]) {
    const parts = demo.map((d) => {
      const frame = frameTensor(d.frame);
      const t0 = performance.now();
      const batch = cropFaces(frame, d.faces, {
        size,
        margin: ATTRIBUTE_CROP_MARGIN,
      });
      batch.dataSync();
      cropMs.push((performance.now() - t0) / d.faces.length);
      frame.dispose();
      return batch;
    });
    crops[size] = tf.concat(parts, 0);
    tf.dispose(parts);
  }

  const candidates = await loadCandidates();
  const rows: string[] = [];
  for (const c of candidates) {
    const all = crops[c.size]!;
    await timed(c, all); // warm-up: kernel set-up and weight uploads
    const batched: number[] = [];
    let values: Awaited<ReturnType<typeof timed>>['values'] | undefined;
    for (let r = 0; r < REPEATS; r++) {
      const res = await timed(c, all);
      batched.push(res.ms / faces);
      values = res.values;
    }
    const single: number[] = [];
    for (let r = 0; r < (SMOKE ? 1 : 3); r++) {
      for (let i = 0; i < faces; i++) {
        const one = tf.slice(all, [i, 0, 0, 0], [1, -1, -1, -1]);
        single.push((await timed(c, one)).ms);
        one.dispose();
      }
    }
    const v = values!;
    const female = v.female
      ? `${Array.from(v.female).filter((p) => p > 0.5).length}/${faces} (min P ${Math.min(...v.female).toFixed(2)})`
      : '';
    const ages = v.age
      ? `${Math.min(...v.age).toFixed(0)}–${Math.max(...v.age).toFixed(0)}`
      : '';
    const expr = v.expression
      ? `${top(v.expression, laughing)} | ${top(v.expression, 1)}`
      : ' | ';
    rows.push(
      `| ${c.name} | ${c.input} | ${median(batched).toFixed(2)} | ${median(single).toFixed(2)} | ${female} | ${ages} | ${expr} |`,
    );
  }
  candidates.forEach((c) => c.dispose());
  tf.dispose(Object.values(crops));
  rows.push(await chosenRow(demo, faces));

  console.log(
    [
      `Backend: ${backend}; faces: ${faces} (${demo.map((d) => d.faces.length).join(',')}); crop margin ${ATTRIBUTE_CROP_MARGIN}; cropFaces ${median(cropMs).toFixed(2)} ms/face`,
      '| model | input | ms/crop batched | ms/crop single | female | age | laughing woman | middle woman |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
  expect(rows.length).toBeGreaterThan(0);
}, 600_000);
