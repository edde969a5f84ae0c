// Benchmark (issue 7), video mode: the sample footage (tests/fixtures/generated/visits.mp4)
// played in a loop as a user sees it, LocalSight and Human each with its own defaults (tracking
// and track-based attribute sampling; Human's input cache and frame skipping), per tfjs backend,
// in Chromium behind Vite's dev server. Prints figures, no asserts; exits 1 if a run failed or
// was invalid. Knobs: BENCH_VIDEO_S=30 BENCH_WARMUP_S=10 BENCH_ROUNDS=1 BENCH_BACKENDS=wasm
// BENCH_SYSTEMS=localsight,human BENCH_ENGINE=mediapipe (LocalSight's detector: mediapipe|tfjs)
// BENCH_TIMEOUT_S (loading) BENCH_VIDEO_RATE=1 (the footage's playback rate: 4 shows 60
// frames/s instead of 15). `--smoke` (npm test): both systems on WASM, 1 s warm-up, 3 s measured.

/* global window -- the wait runs in Chromium */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  benchLog,
  benchOptions,
  checkWasmVersions,
  copyModels,
  fmt,
  knob,
  launch,
  machineLine,
  median,
  percentile,
  pick,
  runRounds,
  SMOKE,
  startDevServer,
  table,
  WARMUP_S,
  warnIfBusy,
  watchProblems,
} from './lib/bench-common.mjs';

benchOptions(
  'usage: node scripts/bench-video.mjs [--smoke]  (knobs: see the top of this file)',
);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAGE = 'tests/bench/video/index.html';
const ALL_SYSTEMS = ['localsight', 'human'];
const ALL_BACKENDS = ['wasm', 'webgl'];
const ENGINES = ['mediapipe', 'tfjs'];
/** The measured window, after BENCH_WARMUP_S of warm-up. */
const VIDEO_S = knob('BENCH_VIDEO_S', 30, 3);
const RATE = knob('BENCH_VIDEO_RATE', 1, 1);
/** Rounds over all systems, in alternating order; a row pools its frames over the rounds. */
const ROUNDS = knob('BENCH_ROUNDS', 1, 1);
/** How long loading may take on top of warm-up and window: WebGL is software-rendered here. */
const LOAD_TIMEOUT_S = {
  wasm: knob('BENCH_TIMEOUT_S', 300, 120),
  webgl: knob('BENCH_TIMEOUT_S', 1800, 120),
};

/** @typedef {import('../tests/bench/video/harness.ts').VideoBenchResult} VideoBenchResult */

const log = benchLog('video');

/**
 * One system on one backend in a fresh browser: opens the page, waits for its result.
 * @param {string} baseUrl @param {string} system @param {string} backend @param {string} engine
 */
async function runSystem(baseUrl, system, backend, engine) {
  const browser = await launch([
    '--enable-precise-memory-info', // unquantised performance.memory for the heap column
    '--autoplay-policy=no-user-gesture-required',
  ]);
  try {
    const context = await browser.newContext({
      serviceWorkers: 'block',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    const problems = watchProblems(context, page, new URL(baseUrl).origin);
    const query = new URLSearchParams({
      system,
      backend,
      seconds: String(VIDEO_S),
      warmup: String(WARMUP_S),
      engine,
      rate: String(RATE),
    });
    /** @type {VideoBenchResult | null} */
    let result = null;
    /** @type {string | null} */
    let error = null;
    try {
      await page.goto(`${baseUrl}${PAGE}?${query}`);
      await page.waitForFunction(() => window.benchResult !== undefined, null, {
        timeout: (LOAD_TIMEOUT_S[backend] + WARMUP_S + VIDEO_S) * 1000,
        polling: 500,
      });
      result = /** @type {VideoBenchResult} */ (
        await page.evaluate(() => window.benchResult)
      );
      error = result?.error ?? (result ? null : 'the page published no result');
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    for (const v of result?.cspViolations ?? []) {
      problems.push(`CSP violation: ${v}`);
    }
    // A copy: closing the browser may still fail requests in flight.
    return { result, load: os.loadavg()[0], error, problems: [...problems] };
  } finally {
    await browser.close();
  }
}

const mb = (/** @type {number} */ b) => (b / 1e6).toFixed(1);

/** "a→b" of two medians over the rounds. @param {number[]} a @param {number[]} b @param {(v: number) => string} f */
const span = (a, b, f) => {
  const [x, y] = [median(a), median(b)];
  return Number.isFinite(x) && Number.isFinite(y) ? `${f(x)}→${f(y)}` : '–';
};

/**
 * Faces the footage shows at `mediaTime` (s), from visits.json's spans.
 * @param {{ fps: number, frames: number, spans: { firstFrame: number, lastFrame: number, faces: number }[] }} footage
 * @param {number} mediaTime
 */
function truthAt(footage, mediaTime) {
  const frame = Math.round(mediaTime * footage.fps) % footage.frames;
  const span = footage.spans.find(
    (s) => s.firstFrame <= frame && frame <= s.lastFrame,
  );
  return span?.faces ?? NaN;
}

/** @param {number[]} xs @returns {number} NaN for none */
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** @param {VideoBenchResult[]} rs @param {string} key @returns {number} summed over rounds */
const counter = (rs, key) => rs.reduce((a, r) => a + (r.counters[key] ?? 0), 0);

async function main() {
  const env = SMOKE ? {} : process.env;
  const systems = pick(env.BENCH_SYSTEMS, ALL_SYSTEMS);
  const backends = pick(env.BENCH_BACKENDS ?? 'wasm', ALL_BACKENDS);
  const [engine] = pick(env.BENCH_ENGINE ?? 'mediapipe', ENGINES);
  // The footage is an e2e fixture (needs ffmpeg); idempotent, as `npm test` runs it.
  const fixtures = spawnSync(
    process.execPath,
    [path.join(ROOT, 'scripts/make-fixtures.mjs')],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (fixtures.status !== 0)
    throw new Error('scripts/make-fixtures.mjs failed');
  const footage = JSON.parse(
    readFileSync(
      path.join(ROOT, 'tests/fixtures/generated/visits.json'),
      'utf8',
    ),
  );
  copyModels();
  const versions = checkWasmVersions(['@vladmandic/human']);
  log(versions);

  const { server, baseUrl } = await startDevServer(PAGE);
  let chromiumVersion = '';
  /** @type {Map<string, Awaited<ReturnType<typeof runSystem>>[]>} per `backend system` */
  let results = new Map();
  /** @type {string[]} */
  let failed = [];
  try {
    const probe = await launch();
    chromiumVersion = probe.version();
    await probe.close();
    log(
      `Vite dev server at ${baseUrl}; ${ROUNDS} round(s) of ${WARMUP_S} s warm-up + ` +
        `${VIDEO_S} s measured per system; LocalSight on ${engine}`,
    );
    warnIfBusy(log);
    ({ results, failed } = await runRounds({
      backends,
      systems,
      rounds: ROUNDS,
      log,
      run: (system, backend) => runSystem(baseUrl, system, backend, engine),
      judge: (r, s) => {
        const res = r.result;
        return {
          // A problem (console error, CSP violation, request off the origin) fails the run.
          error: r.error ?? r.problems[0] ?? null,
          summary:
            res && !r.error
              ? `${res.analysed} fresh answers in ` +
                `${fmt(res.windowS, 1)} s (${fmt(res.analysed / res.windowS, 2)} fps), ` +
                `${res.distinctFrames} distinct footage frames of ${res.presentedFrames} ` +
                `shown, load ${fmt(res.loadMs, 0)} ms, ${s} s, load avg ` +
                `${r.load.toFixed(1)} — ${res.description}`
              : null,
        };
      },
    }));
  } finally {
    await server.close();
  }

  const rows = [
    [
      'system',
      'backend',
      'analysed fps',
      'distinct frames/s',
      'latency ms median / p95',
      'faces/frame (truth; −missed +extra)',
      'long tasks (n, ms)',
      'heap MB start→end',
      'tensors start→end',
    ],
  ];
  /** @type {Record<string, Record<string, { fps: number, distinct: number }>>} */
  const rates = {};
  /** @type {string[]} */
  const notes = [];
  let shown = 0;
  let shownS = 0;
  for (const backend of backends) {
    for (const system of systems) {
      const ok = (results.get(`${backend} ${system}`) ?? [])
        .filter((r) => r.result && !r.error && r.problems.length === 0)
        .map((r) => /** @type {VideoBenchResult} */ (r.result));
      if (ok.length === 0) {
        rows.push([system, backend, 'failed', '', '', '', '', '', '']);
        continue;
      }
      const windowS = ok.reduce((a, r) => a + r.windowS, 0);
      const analysed = ok.reduce((a, r) => a + r.analysed, 0);
      const distinct = ok.reduce((a, r) => a + r.distinctFrames, 0);
      const answers = ok.flatMap((r) => r.faces);
      let faces = 0;
      let truth = 0;
      let missed = 0;
      let extra = 0;
      for (const [t, n] of answers) {
        const want = truthAt(footage, t);
        faces += n;
        truth += want;
        missed += Math.max(0, want - n);
        extra += Math.max(0, n - want);
      }
      shown += ok.reduce((a, r) => a + r.presentedFrames, 0);
      shownS += windowS;
      const latency = ok.flatMap((r) => r.latencyMs);
      (rates[backend] ??= {})[system] = {
        fps: analysed / windowS,
        distinct: distinct / windowS,
      };
      /** @param {(r: VideoBenchResult) => number} f */
      const mid = (f) => median(ok.map(f));
      const heapStart = ok.map((r) => r.heapStart ?? NaN);
      const heapEnd = ok.map((r) => r.heapEnd ?? NaN);
      rows.push([
        system,
        backend,
        fmt(analysed / windowS, 2),
        fmt(distinct / windowS, 2),
        `${fmt(median(latency), 1)} / ${fmt(percentile(latency, 0.95), 1)}`,
        `${fmt(faces / analysed, 2)} (${fmt(truth / analysed, 2)}; −${missed} +${extra})`,
        `${fmt(
          mid((r) => r.longTasks),
          0,
        )}, ${fmt(
          mid((r) => r.longTaskMs),
          0,
        )}`,
        span(heapStart, heapEnd, mb),
        span(
          ok.map((r) => r.tensorsStart),
          ok.map((r) => r.tensorsEnd),
          (v) => v.toFixed(0),
        ),
      ]);
      const counts =
        system === 'human'
          ? `Human judged ${counter(ok, 'cachedFrames')} of ${counter(ok, 'totalFrames')} ` +
            `calls unchanged input (cache, models may skip); ${counter(ok, 'errors')} calls ` +
            'returned an error'
          : `${counter(ok, 'attributeFrames')} of ${analysed} frames ran attribute models ` +
            `(${counter(ok, 'attributeFaces')} faces); latency ${fmt(mean(latency), 1)} ms mean, ` +
            `${fmt(counter(ok, 'workerMs') / analysed, 1)} of it in the worker (the rest: ` +
            `grabbing the frame and passing it); ${counter(ok, 'dropped')} dropped`;
      notes.push(
        `- ${system} ${backend}: ${ok[0].description}; load ${fmt(
          mid((r) => r.loadMs),
          0,
        )} ms. ${counts}.`,
      );
    }
  }

  console.log('');
  console.log(machineLine(chromiumVersion, `${versions}.`));
  console.log(
    `Video mode: ${footage.file} (${footage.duration} s, ${footage.width}×${footage.height}, ` +
      `${footage.fps} fps, H.264) plays muted in a loop` +
      `${RATE === 1 ? '' : ` at ${RATE}× speed`} in a 640×480 <video>; each system ` +
      `analyses it with its own defaults: LocalSight through the app's frame source, frame ` +
      `pump and worker (next frame on requestVideoFrameCallback, one in flight; tracking, ` +
      `track-based attribute sampling), Human by \`await human.detect(video)\` in a ` +
      `requestAnimationFrame loop on the main thread with its default cache and frame ` +
      `skipping. ${WARMUP_S} s warm-up, ${VIDEO_S} s measured, ${ROUNDS} round(s) in ` +
      `alternating order (fps and latency pooled, the rest medians over rounds). ` +
      `Analysed fps: fresh answers (LocalSight: not dropped; Human: detect calls that ` +
      `returned) per second. Distinct frames/s: different footage frames among them; the ` +
      `footage showed ${fmt(shown / shownS, 1)} frames/s. Faces/frame: the mean over fresh ` +
      `answers; truth: what visits.json says those frames show; missed and extra: faces ` +
      `below and above it, summed over the answers. Long tasks and heap: the page's ` +
      `main thread; tensors: LocalSight's worker, Human's tfjs. Vite dev server.`,
  );
  console.log(table(rows));
  for (const note of notes) console.log(note);
  for (const backend of backends) {
    const r = rates[backend] ?? {};
    if (!r.localsight || !r.human) {
      console.log(`${backend}: no ratio (LocalSight or Human missing)`);
      continue;
    }
    console.log(
      `${backend}: LocalSight fps / Human fps = ${fmt(r.localsight.fps / r.human.fps, 2)}× ` +
        `(distinct frames/s: ${fmt(r.localsight.distinct / r.human.distinct, 2)}×)`,
    );
  }
  if (failed.length) {
    console.error(`bench:video: failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(`bench:video: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
