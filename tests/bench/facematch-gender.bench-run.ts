// Bench: the face-api demo photos show only women, so this checks the gender candidates on
// men too, using the 6×18 grid of face tiles in @vladmandic/human's assets/
// screenshot-facematch.jpg. The labels are apparent gender judged by eye (ADR 0006) — a weak
// ground truth: small, blurry tiles, many of one man, Human's own crops with text overlaid.
// BENCH_SMOKE=1 (npm test): the first row of tiles only.

import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { expect, it } from 'vitest';
import { ATTRIBUTE_CROP_MARGIN } from '../../src/model/tfjs/attribute-constants';
import { cropFaces } from '../../src/model/tfjs/face-crops';
import { TfjsFaceDetector } from '../../src/model/tfjs/tfjs-face-detector';
import {
  frameTensor,
  publicFetcher,
  ROOT,
  tensorFrame,
} from '../support/demo-faces';
import { loadCandidates } from './candidates';

/** m = man, w = woman, ? = can't tell; one letter per detected tile, row by row. */
const LABELS = [
  'mmmmmmmmmmmmmmmm',
  'mmmmmmmmwwmw??w?',
  '?mmwmwwwmmmmw?ww',
  'mwwwwwmwwmwwwwww',
  'www?mwwwwwwwwwwm',
  'wwmwwwwwwwwwwmmw',
  'wmwwwwwwww',
].join('');

/** Tile grid of the 1920×954 screenshot, measured on the image. */
const GRID = { top: 284, tileW: 1920 / 18, tileH: 106.5, rows: 6, cols: 18 };
const PAD = 53;
const SMOKE = process.env.BENCH_SMOKE === '1';

it('reads apparent gender on the facematch screenshot tiles', async () => {
  setWasmPaths(`${ROOT}node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
  const jpg = readFileSync(
    `${ROOT}node_modules/@vladmandic/human/assets/screenshot-facematch.jpg`,
  );
  const img = jpeg.decode(jpg, { useTArray: true, formatAsRGBA: true });
  const screenshot = frameTensor(img);
  const info = {
    engine: 'tfjs' as const,
    delegate: null,
    engineReason: 'bench',
    calibration: null,
    timings: [],
    backend: 'wasm' as const,
    backendReason: 'bench',
    modelType: 'full' as const,
    loadMs: 0,
    warmupMs: 0,
  };
  const detector = await TfjsFaceDetector.create(
    { modelType: 'full', maxFaces: 1, minScore: 0.5 },
    info,
    publicFetcher(),
    () => {},
  );
  // Each tile alone, padded with black so the face is not cut at the frame edge.
  const crops: Record<number, tf.Tensor4D[]> = { 64: [], 112: [] };
  for (let r = 0; r < (SMOKE ? 1 : GRID.rows); r++) {
    for (let c = 0; c < GRID.cols; c++) {
      const y = Math.round(GRID.top + r * GRID.tileH);
      const x = Math.round(c * GRID.tileW);
      const h = Math.min(Math.round(GRID.tileH), img.height - y);
      const w = Math.round(GRID.tileW);
      const tile = tf.tidy(() => {
        const cut = tf.slice(screenshot, [y, x, 0], [h, w, 3]);
        return tf.pad(cut, [
          [PAD, PAD],
          [PAD, PAD],
          [0, 0],
        ]);
      });
      const [width, height] = [w + 2 * PAD, h + 2 * PAD];
      const faces = await detector.detect(tensorFrame(tile, width, height));
      for (const size of [64, 112]) {
        if (faces[0]) {
          const opts = { size, margin: ATTRIBUTE_CROP_MARGIN };
          crops[size]!.push(cropFaces(tile, [faces[0]], opts));
        }
      }
      tile.dispose();
    }
  }
  detector.dispose();
  screenshot.dispose();
  const batches = { 64: tf.concat(crops[64]!), 112: tf.concat(crops[112]!) };
  tf.dispose([...crops[64]!, ...crops[112]!]);
  const n = batches[64].shape[0];
  // The labels follow the detected tiles row by row, so a smoke run's first row is a prefix.
  if (SMOKE) expect(n).toBeGreaterThan(0);
  else expect(n).toBe(LABELS.length);

  const rows: string[] = [];
  const candidates = await loadCandidates();
  for (const cand of candidates) {
    const out = cand.run(batches[cand.size]);
    if (out.female) {
      const p = await out.female.data();
      const tally = { m: [0, 0], w: [0, 0] };
      for (let i = 0; i < n; i++) {
        const label = LABELS[i];
        if (label !== 'm' && label !== 'w') continue;
        const saysFemale = p[i]! > 0.5;
        tally[label][1]! += 1;
        if (saysFemale === (label === 'w')) tally[label][0]! += 1;
      }
      rows.push(
        `| ${cand.name} | ${cand.input} | ${tally.m[0]}/${tally.m[1]} | ${tally.w[0]}/${tally.w[1]} |`,
      );
    }
    tf.dispose(Object.values(out));
  }
  candidates.forEach((c) => c.dispose());
  tf.dispose(Object.values(batches));
  console.log(
    [
      `Backend: ${tf.getBackend()}; ${n} tiles with a face; crop margin ${ATTRIBUTE_CROP_MARGIN}`,
      '| model | input | men read as male | women read as female |',
      '|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
  expect(rows.length).toBeGreaterThan(0);
}, 600_000);
