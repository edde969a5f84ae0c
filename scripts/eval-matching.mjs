#!/usr/bin/env node
// Face-matching model choice by measurement (issue 18): for each recognition model in npm
// (scripts/lib/face-embedders.mjs), descriptors of faces found by the app's own BlazeFace
// detector (src/model/tfjs/tfjs-face-detector.ts) and cut by the app's own cropFaces, on tfjs
// WASM in node; distances of genuine and impostor pairs (tests/fixtures/matching/
// identities.json), false-match and false-non-match rates over a threshold sweep
// (src/matching/descriptor-math.ts), speed, size and sha256. Prints a table per model.

import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import jpeg from 'jpeg-js';
import { ssrServer, wasmAndFetcher } from './lib/app-modules.mjs';
import { CANDIDATES, modelFiles } from './lib/face-embedders.mjs';

const USAGE = `usage: npm run eval:matching -- [options]
  --smoke          one model (mobileface), two images, a few pairs; checks that it runs and
                   leaks no tensors, prints figures but asserts none
  --model ID       only this model (${CANDIDATES.map((c) => c.id).join(', ')})
  --augment K      augmented captures per face (default 5)
  --fmr F          the false-match rate the operating threshold must keep (default 0.001)`;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const IDENTITIES = 'tests/fixtures/matching/identities.json';

/** @param {string} message @returns {never} */
function usage(message) {
  console.error(`eval:matching: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(/** @type {string[]} */ argv) {
  const opts = {
    smoke: false,
    /** @type {string | null} */ model: null,
    augment: 5,
    fmr: 0.001,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a === '--smoke') opts.smoke = true;
    else if (a === '--model')
      opts.model = argv[++i] ?? usage('--model needs an id');
    else if (a === '--augment') opts.augment = Number(argv[++i]);
    else if (a === '--fmr') opts.fmr = Number(argv[++i]);
    else usage(`unknown option ${a}`);
  }
  if (!(opts.augment >= 0)) usage('--augment needs a number ≥ 0');
  if (!(opts.fmr >= 0 && opts.fmr < 1)) usage('--fmr needs a rate in [0, 1)');
  if (opts.smoke) [opts.model, opts.augment] = [opts.model ?? 'mobileface', 2];
  if (opts.model && !CANDIDATES.some((c) => c.id === opts.model))
    usage(`no model ${opts.model}`);
  return opts;
}

/** A small deterministic PRNG (mulberry32), so every run augments the same way. */
function random(/** @type {number} */ seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A JPEG from node_modules as a float32 [h,w,3] RGB 0..255 tensor. */
function readJpeg(/** @type {string} */ file) {
  const { data, width, height } = jpeg.decode(readFileSync(file), {
    useTArray: true,
    formatAsRGBA: true,
  });
  const rgb = new Float32Array(width * height * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    rgb[j] = data[i];
    rgb[j + 1] = data[i + 1];
    rgb[j + 2] = data[i + 2];
  }
  return tf.tensor3d(rgb, [height, width, 3]);
}

/** The app's modules through Vite's SSR loader; tfjs stays external (one engine). */
async function loadApp() {
  const server = await ssrServer();
  const load = (/** @type {string} */ file) => server.ssrLoadModule(file);
  try {
    const [backend, fetcher, detector, crops, math] = await Promise.all([
      load('/src/model/tfjs/backend.ts'),
      load('/src/model/asset-fetcher.ts'),
      load('/src/model/tfjs/tfjs-face-detector.ts'),
      load('/src/model/tfjs/face-crops.ts'),
      load('/src/matching/descriptor-math.ts'),
    ]);
    const { MATCH_THRESHOLD } = await load('/src/matching/constants.ts');
    return { backend, fetcher, detector, crops, math, MATCH_THRESHOLD };
  } finally {
    await server.close();
  }
}

/** @typedef {import('../src/shared/types.ts').FaceBox} FaceBox */
/**
 * One face to describe: the image it is cut from (owned here), its box, and its labels.
 * @typedef {{ image: tf.Tensor3D, box: FaceBox, identity: string, photo: string,
 *   name: string, augmentOf: number | null }} Face
 */

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const loadBefore = os.loadavg()[0];
  const app = await loadApp();
  const { reason, fetcher } = await wasmAndFetcher(app);
  const tensorsAtStart = tf.memory().numTensors;
  const detector = await app.detector.TfjsFaceDetector.create(
    { modelType: 'full', maxFaces: 10, minScore: 0.5 },
    { engine: 'tfjs', delegate: null, engineReason: 'eval', calibration: null },
    fetcher,
    () => {},
  );
  /** @param {tf.Tensor3D} image @returns {Promise<FaceBox[]>} */
  const detect = (image) =>
    detector.detect({
      width: image.shape[1],
      height: image.shape[0],
      source: {
        data: new Uint8Array(0),
        width: image.shape[1],
        height: image.shape[0],
      },
      tensor: async () => image,
    });

  // 1. Faces from the fixture's identities, found by the app's detector.
  const fixture = JSON.parse(readFileSync(path.join(ROOT, IDENTITIES), 'utf8'));
  /** @type {{ source: string, face?: number, region?: number[], identity: string, photo: string }[]} */
  let entries = fixture.faces;
  if (opts.smoke) {
    const faceid = entries.find((e) => e.source === 'human/faceid');
    entries = [
      ...entries.filter((e) => e.source === 'face-api/sample1'),
      faceid,
    ];
  }
  /** @type {Face[]} */
  const faces = [];
  /** @type {string[]} */
  const missed = [];
  /** @type {Map<string, { image: tf.Tensor3D, boxes: FaceBox[] }>} */
  const photos = new Map();
  for (const e of entries) {
    const src = fixture.sources[e.source];
    const file = path.join(ROOT, 'node_modules', src.package, src.path);
    let image;
    let box;
    if (e.region) {
      // A tile or a photo inside a screenshot: cut it out and pad it with black to three
      // times its size, so the face is not the whole frame (BlazeFace wants some context).
      const [x, y, w, h] = e.region;
      const whole = readJpeg(file);
      image = tf.tidy(() =>
        tf.pad(tf.slice(whole, [y, x, 0], [h, w, 3]), [
          [h, h],
          [w, w],
          [0, 0],
        ]),
      );
      whole.dispose();
      const found = await detect(image);
      box = found.sort((a, b) => b.width * b.height - a.width * a.height)[0];
      if (!box) {
        // Reported, not fatal: a tile the detector misses would be missed live too.
        missed.push(`${e.source} [${e.region}] (${e.identity})`);
        image.dispose();
        continue;
      }
    } else {
      let photo = photos.get(e.source);
      if (!photo) {
        const img = readJpeg(file);
        photo = { image: img, boxes: await detect(img) };
        if (photo.boxes.length !== src.faces)
          throw new Error(
            `${e.source}: the detector found ${photo.boxes.length} faces, identities.json expects ${src.faces}`,
          );
        photos.set(e.source, photo);
      }
      image = tf.clone(photo.image);
      box = photo.boxes[e.face ?? 0];
    }
    faces.push({
      image,
      box,
      identity: e.identity,
      photo: e.photo,
      name: `${e.source}${e.region ? ` [${e.region}]` : `#${e.face}`}`,
      augmentOf: null,
    });
  }
  // 1b. The same photos as the live view sees them: 640 pixels wide (the sample footage's and a
  // CCTV frame's size), detected again. Faces there are 40–90 px: descriptors of small faces
  // lie closer together, so impostors among them are what the threshold must hold against.
  const LIVE_WIDTH = 640;
  /** @type {Face[]} */
  const small = [];
  for (const [source, p] of photos) {
    const [h, w] = p.image.shape;
    const image = tf.tidy(() =>
      tf.image.resizeBilinear(p.image, [
        Math.round((h * LIVE_WIDTH) / w),
        LIVE_WIDTH,
      ]),
    );
    const boxes = (await detect(image)).sort((a, b) => a.x - b.x);
    const full = faces.filter((f) => f.name.startsWith(`${source}#`));
    if (boxes.length !== full.length) {
      missed.push(
        `${source} at ${LIVE_WIDTH} px: ${boxes.length} of ${full.length} faces found`,
      );
      image.dispose();
      continue;
    }
    // Both lists are left to right (the fixture numbers faces so).
    for (const [k, box] of boxes.entries()) {
      const f = full[k];
      small.push({
        image: tf.clone(image),
        box,
        identity: f.identity,
        photo: `${f.photo}@${LIVE_WIDTH}`,
        name: `${f.name}@${LIVE_WIDTH}`,
        augmentOf: null,
      });
    }
    image.dispose();
  }
  for (const p of photos.values()) p.image.dispose();

  // 2. Augmented captures of the face-api faces (or, in the smoke run, the first two faces):
  // a square 2.5 × the face around it, shifted ±10 %, scaled 0.7–1.3, rolled ±8°, brightness
  // ±30 %, then the detector runs again on it (so its box varies too, as on a camera).
  const rand = random(18);
  const uniform = (/** @type {number} */ lo, /** @type {number} */ hi) =>
    lo + (hi - lo) * rand();
  const originals = faces
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.photo.startsWith('face-api/'))
    .slice(0, opts.smoke ? 2 : Infinity);
  let augmentMisses = 0;
  for (const { f, i } of originals) {
    for (let k = 0; k < opts.augment; k++) {
      const side = Math.max(f.box.width, f.box.height);
      const out = Math.round(2.5 * side);
      const geometry = {
        cx: f.box.x + f.box.width / 2 + uniform(-0.1, 0.1) * side,
        cy: f.box.y + f.box.height / 2 + uniform(-0.1, 0.1) * side,
        side: out / uniform(0.7, 1.3),
        angle: (uniform(-8, 8) * Math.PI) / 180,
      };
      const gain = uniform(0.7, 1.3);
      const image = tf.tidy(() => {
        const cut = tf.image.transform(
          tf.expandDims(f.image, 0),
          tf.tensor2d([app.crops.cropTransform(geometry, out)]),
          'bilinear',
          'constant',
          0,
          [out, out],
        );
        return /** @type {tf.Tensor3D} */ (
          tf.squeeze(tf.clipByValue(tf.mul(cut, gain), 0, 255), [0])
        );
      });
      const found = await detect(image);
      const c = out / 2;
      const box = found.sort(
        (a, b) =>
          Math.hypot(a.x + a.width / 2 - c, a.y + a.height / 2 - c) -
          Math.hypot(b.x + b.width / 2 - c, b.y + b.height / 2 - c),
      )[0];
      if (
        !box ||
        Math.hypot(box.x + box.width / 2 - c, box.y + box.height / 2 - c) >
          side / 2
      ) {
        augmentMisses += 1;
        image.dispose();
        continue;
      }
      faces.push({
        image,
        box,
        identity: f.identity,
        photo: `${f.photo} aug${k}`,
        name: `${f.name} aug${k}`,
        augmentOf: i,
      });
    }
  }

  // 3. Pairs. Genuine: the same identity from different photos (cross-photo) or an augmented
  // capture against its original and its siblings (augmented). Impostor: different identities
  // from the same photo, or against an identity known to differ from everyone (distinctFromAll).
  const distinct = new Set(fixture.distinctFromAll);
  /** @type {[number, number][]} */
  const crossPhoto = [];
  /** @type {[number, number][]} */
  const augmented = [];
  /** @type {[number, number][]} */
  const impostor = [];
  const root = (/** @type {number} */ i) => faces[i].augmentOf ?? i;
  for (const [i, j] of app.math.allPairs(faces.length)) {
    const [a, b] = [faces[i], faces[j]];
    if (a.identity === b.identity) {
      if (root(i) === root(j)) augmented.push([i, j]);
      else if (
        a.augmentOf === null &&
        b.augmentOf === null &&
        a.photo !== b.photo
      )
        crossPhoto.push([i, j]);
    } else if (a.augmentOf === null && b.augmentOf === null) {
      if (
        a.photo === b.photo ||
        distinct.has(a.identity) ||
        distinct.has(b.identity)
      )
        impostor.push([i, j]);
    }
  }
  // Live-size pairs: impostors among the small faces of one photo; genuine, each small face
  // against its full-size self (enrolled close up, seen small).
  const smallAt = faces.length;
  faces.push(...small);
  /** @type {[number, number][]} */
  const liveImpostor = [];
  /** @type {[number, number][]} */
  const liveGenuine = [];
  for (let i = smallAt; i < faces.length; i++) {
    for (let j = i + 1; j < faces.length; j++)
      if (
        faces[i].photo === faces[j].photo &&
        faces[i].identity !== faces[j].identity
      )
        liveImpostor.push([i, j]);
    const self = faces.findIndex(
      (f, k) => k < smallAt && `${f.name}@${LIVE_WIDTH}` === faces[i].name,
    );
    if (self >= 0) liveGenuine.push([self, i]);
  }
  const photoCount = new Set(entries.map((e) => e.source)).size;
  console.log(
    `eval:matching: ${faces.filter((f) => f.augmentOf === null).length} faces from ${photoCount} npm images (${IDENTITIES}), ` +
      `${faces.filter((f) => f.augmentOf !== null).length} augmented captures (${augmentMisses} lost by the detector); ` +
      `pairs: ${crossPhoto.length} genuine cross-photo, ${augmented.length} genuine augmented, ${impostor.length} impostor`,
  );
  if (missed.length)
    console.log(`  no face found (left out): ${missed.join('; ')}`);

  // 4. Each model: crops as it wants them, a descriptor per face, distances, rates.
  const candidates = CANDIDATES.filter(
    (c) => !opts.model || c.id === opts.model,
  );
  /** @type {{ id: string, eer: number, fnmrAtFmr: number, threshold: number, ms: number, bytes: number }[]} */
  const summary = [];
  for (const c of candidates) {
    const tensorsBefore = tf.memory().numTensors;
    const embedder = await c.load();
    const cropOf = (/** @type {Face} */ f) =>
      app.crops.cropFaces(f.image, [f.box], {
        size: c.crop.size,
        margin: c.crop.margin,
      });
    // Warm-up: the first run sets up every kernel.
    tf.tidy(() => embedder.embed(c.crop.scale(cropOf(faces[0])))).dispose();
    /** @type {Float32Array[]} */
    const descriptors = [];
    /** @type {number[]} */
    const ms = [];
    for (const f of faces) {
      const t0 = performance.now();
      const d = tf.tidy(() => embedder.embed(c.crop.scale(cropOf(f))));
      const data = /** @type {Float32Array} */ (await d.data());
      ms.push(performance.now() - t0);
      d.dispose();
      descriptors.push(app.math.l2Normalise(data));
    }
    embedder.dispose();
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked !== 0) throw new Error(`${c.id}: ${leaked} tensors leaked`);
    const dist = (/** @type {[number, number]} */ [i, j]) =>
      app.math.cosineDistance(descriptors[i], descriptors[j]);
    const g = crossPhoto.map(dist);
    const ga = augmented.map(dist);
    const im = impostor.map(dist);
    const lim = liveImpostor.map(dist);
    const lg = liveGenuine.map(dist);
    const sizes = small.map((f) => Math.max(f.box.width, f.box.height));
    const files = modelFiles(c);
    const bytes = files.reduce((s, f) => s + f.size, 0);
    const median = [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];
    const report = printModel(
      app.math,
      c,
      { g, ga, im },
      { median, files, bytes, dim: descriptors[0].length, fmr: opts.fmr },
    );
    summary.push({ id: c.id, ...report, ms: median, bytes });
    if (lim.length > 0)
      console.log(
        `  live size (photos ${LIVE_WIDTH} px wide, faces ${Math.min(...sizes).toFixed(0)}–${Math.max(...sizes).toFixed(0)} px): impostor ${lim.length} pairs, distances ${Math.min(...lim).toFixed(3)}–${Math.max(...lim).toFixed(3)}; genuine (small vs its full-size self) ${lg.length}, ${Math.min(...lg).toFixed(3)}–${Math.max(...lg).toFixed(3)}`,
      );
    // The app's own threshold (src/matching/constants.ts), over every set.
    const t = app.MATCH_THRESHOLD;
    const over = (/** @type {number[]} */ v) => v.filter((d) => d > t).length;
    const under = (/** @type {number[]} */ v) => v.filter((d) => d <= t).length;
    const rate = (/** @type {number} */ k, /** @type {number} */ n) =>
      `${k} of ${n} (${pct(n ? k / n : 0)})`;
    console.log(
      `  the app's threshold ${t}: false matches ${rate(under(im), im.length)} full-size impostor pairs, ${rate(under(lim), lim.length)} live-size; ` +
        `missed ${rate(over(g), g.length)} cross-photo genuine, ${rate(over(ga), ga.length)} augmented, ${rate(over(lg), lg.length)} live-size`,
    );
  }

  for (const f of faces) f.image.dispose();
  detector.dispose();
  const leaked = tf.memory().numTensors - tensorsAtStart;
  if (leaked !== 0) throw new Error(`${leaked} tensors leaked`);

  if (summary.length > 1) {
    // Lowest EER on cross-photo pairs, then lowest FNMR at the FMR limit, then speed.
    const best = [...summary].sort(
      (a, b) => a.eer - b.eer || a.fnmrAtFmr - b.fnmrAtFmr || a.ms - b.ms,
    )[0];
    console.log(
      `recommendation: ${best.id}, cosine distance ≤ ${best.threshold.toFixed(3)} (the most permissive threshold with FMR ≤ ${pct(opts.fmr)} on these pairs): ` +
        `cross-photo EER ${pct(best.eer)}, FNMR ${pct(best.fnmrAtFmr)} there; ${best.ms.toFixed(1)} ms a face, ${(best.bytes / 1e6).toFixed(1)} MB`,
    );
  }
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, load ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}; Node ${process.version}; tfjs ${reason}; ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

const pct = (/** @type {number} */ v) =>
  `${(100 * v).toFixed(v > 0 && v < 0.01 ? 2 : 1)} %`;

/**
 * Prints one model's table; returns its cross-photo figures.
 * @param {typeof import('../src/matching/descriptor-math.ts')} math
 * @param {import('./lib/face-embedders.mjs').Candidate} c
 * @param {{ g: number[], ga: number[], im: number[] }} d
 * @param {{ median: number, files: { file: string, size: number, sha256: string }[], bytes: number, dim: number, fmr: number }} m
 */
function printModel(math, c, { g, ga, im }, m) {
  const lines = [
    ``,
    `${c.id}: ${c.source}`,
    `  input ${c.crop.size}×${c.crop.size} ${c.crop.pixels}, crop ${c.crop.margin} × the detector box, eyes levelled; descriptor ${m.dim}-D (${c.output}), L2-normalised, cosine distance`,
    `  ${m.median.toFixed(1)} ms a face (median, crop + network + read-back, tfjs WASM, batch 1); ${m.bytes} bytes`,
    ...m.files.map((f) => `    ${f.file}  ${f.size} B  sha256 ${f.sha256}`),
  ];
  const range = (/** @type {number[]} */ v) =>
    v.length
      ? `${Math.min(...v).toFixed(3)}–${Math.max(...v).toFixed(3)}`
      : 'none';
  lines.push(
    `  distances: genuine cross-photo ${range(g)} (n=${g.length}), genuine augmented ${range(ga)} (n=${ga.length}), impostor ${range(im)} (n=${im.length})`,
  );
  const sets = [
    ['cross-photo', g],
    ['augmented', ga],
  ].filter(([, v]) => v.length > 0);
  /** @type {{ eer: number, fnmrAtFmr: number, threshold: number }} */
  let result = { eer: NaN, fnmrAtFmr: NaN, threshold: NaN };
  if (im.length === 0 || sets.length === 0) {
    console.log(lines.join('\n'));
    return result;
  }
  const all = [...g, ...ga, ...im];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const steps = 10;
  lines.push(
    `  threshold   FMR (of ${im.length})   ${sets.map(([n, v]) => `FNMR ${n} (of ${v.length})`).join('   ')}`,
  );
  for (let s = 0; s <= steps; s++) {
    const t = lo + ((hi - lo) * s) / steps;
    const r = sets.map(([, v]) =>
      math.ratesAt(/** @type {number[]} */ (v), im, t),
    );
    lines.push(
      `  ${t.toFixed(3).padStart(9)}   ${`${pct(r[0].fmr)} (${r[0].falseMatches})`.padEnd(15)}   ${r.map((x) => `${pct(x.fnmr)} (${x.falseNonMatches})`.padEnd(22)).join('   ')}`,
    );
  }
  for (const [name, v] of sets) {
    const e = math.equalErrorRate(/** @type {number[]} */ (v), im);
    const a = math.thresholdAtFmr(/** @type {number[]} */ (v), im, m.fmr);
    const floor =
      m.fmr < 1 / im.length
        ? ` (n=${im.length}: the lowest measurable non-zero FMR is ${pct(1 / im.length)}, so this is "no false match among ${im.length}")`
        : '';
    lines.push(
      `  ${name}: EER ${pct(e.eer)} at ${e.threshold.toFixed(3)} (FMR ${pct(e.fmr)}, FNMR ${pct(e.fnmr)}); at FMR ≤ ${pct(m.fmr)}: threshold ${a.threshold.toFixed(3)}, FNMR ${pct(a.fnmr)}${floor}`,
    );
    if (name === 'cross-photo')
      result = { eer: e.eer, fnmrAtFmr: a.fnmr, threshold: a.threshold };
    else if (Number.isNaN(result.eer))
      result = { eer: e.eer, fnmrAtFmr: a.fnmr, threshold: a.threshold };
  }
  console.log(lines.join('\n'));
  return result;
}

main().catch((err) => {
  console.error(
    `eval:matching: ${err instanceof Error ? err.stack : String(err)}`,
  );
  process.exit(1);
});
