// Benchmark: does cross-origin isolation (COOP + COEP) change live analysis speed?
// Builds the app once into dist-bench/, serves it twice with Vite's preview server — once with
// every header of src/shared/security-headers.ts, once with the same minus the isolation
// headers (COOP, COEP, CORP) — and plays the sample footage on the forced WASM backend with
// both detector models in Debian's Chromium, 3 rounds in alternating order. Prints figures
// only, no assertions; exits 1 if a run cannot measure or a page throws.
// Usage: npm run bench:isolation [-- --smoke] [-- --dist DIR]
// Knobs (seconds / count): BENCH_WARMUP_S=10 BENCH_MEASURE_S=30 BENCH_RUNS=3. `--dist DIR`
// serves a build already made instead of building dist-bench/; `--smoke` (npm test, with
// --dist dist): one round, 1 s warm-up, 3 s measured.

import os from 'node:os';
import {
  benchBuild,
  benchLog,
  benchOptions,
  inTurns,
  loadTs,
  measure,
  median,
  MEASURE_S,
  READY_TIMEOUT_MS,
  RUNS,
  table,
  WARMUP_S,
  warnIfBusy,
  withPage,
} from './lib/bench-common.mjs';

const MODELS = /** @type {const} */ (['full', 'short']);
/** How often the page samples the status bar while measuring. */
const SAMPLE_MS = 200;

const log = benchLog('isolation');
const options = benchOptions(
  'usage: node scripts/bench-isolation.mjs [--smoke] [--dist DIR]',
  { dist: true },
);

/**
 * Runs in the page (see measure()): samples the live figures for `measureMs`. fps is analysed
 * frames (ls-stage's `data-frames`) over the page's own clock; inference and latency are the
 * status bar's properties (the worker's time for the latest frame; the median grab-to-boxes
 * time over 2 s), sampled every `sampleMs`.
 * @param {{ measureMs: number, sampleMs: number, bar: any, stage: any }} args
 */
async function measureInPage({ measureMs, sampleMs, bar, stage }) {
  const frames = () => Number(stage.dataset.frames ?? 0);
  const inference = [];
  const latency = [];
  const barFps = [];
  let lastFrames = frames();
  const f0 = lastFrames;
  const t0 = performance.now();
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const f = frames();
      // Only sample after a new frame, so a slow frame is not counted several times.
      if (f !== lastFrames) {
        lastFrames = f;
        inference.push(bar.inferenceMs);
        latency.push(bar.latencyMs);
        barFps.push(bar.fps);
      }
      if (performance.now() - t0 >= measureMs) {
        clearInterval(timer);
        resolve(undefined);
      }
    }, sampleMs);
  });
  const seconds = (performance.now() - t0) / 1000;
  return {
    frames: frames() - f0,
    seconds,
    inference,
    latency,
    barFps,
    backend: bar.dataset.backend ?? '',
    reason: bar.info?.backendReason ?? '',
  };
}

/**
 * One run: a fresh browser, the sample footage on WASM with one model, warm-up, measure.
 * @param {string} baseUrl @param {'full' | 'short'} model
 */
async function runOnce(baseUrl, model) {
  const query =
    model === 'full'
      ? '?source=sample&engine=tfjs&backend=wasm'
      : '?source=sample&engine=tfjs&backend=wasm&model=short';
  return withPage(baseUrl, query, async (page) => {
    await page
      .locator('ls-status-bar[data-backend]')
      .waitFor({ timeout: READY_TIMEOUT_MS });
    await page
      .locator('ls-stage:not([data-frames="0"])[data-frames]')
      .waitFor({ timeout: READY_TIMEOUT_MS });
    const env = await page.evaluate(() => ({
      crossOriginIsolated: globalThis.crossOriginIsolated,
      sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
      hardwareConcurrency: navigator.hardwareConcurrency,
    }));
    await page.waitForTimeout(WARMUP_S * 1000);
    const m = await measure(page, measureInPage, { sampleMs: SAMPLE_MS });
    if (m.frames === 0) throw new Error(`${query}: no frames while measuring`);
    return { ...env, model, ...m };
  });
}

async function main() {
  const { SECURITY_HEADERS, ISOLATION_HEADERS } = await loadTs(
    'src/shared/security-headers.ts',
  );
  const isolationKeys = new Set(
    Object.keys(ISOLATION_HEADERS).map((k) => k.toLowerCase()),
  );
  const notIsolated = Object.fromEntries(
    Object.entries(SECURITY_HEADERS).filter(
      ([k]) => !isolationKeys.has(k.toLowerCase()),
    ),
  );
  const { server, dir } = await benchBuild(log, options.dist);

  const configs = [
    { name: 'COOP+COEP+CSP', headers: { ...SECURITY_HEADERS } },
    { name: 'CSP only', headers: notIsolated },
  ];
  const servers = [];
  /** Uncaught errors of any page: the figures are printed, but the run fails. */
  const pageErrors = [];
  try {
    for (const c of configs) {
      const { url, close } = await server.serveBuild(dir, undefined, c.headers);
      servers.push({ close });
      c.url = url;
      log(`${c.name}: ${url} (${Object.keys(c.headers).join(', ')})`);
    }
    warnIfBusy(log);
    log(
      `${RUNS} rounds × ${configs.length} configs × ${MODELS.length} models; ` +
        `warm-up ${WARMUP_S} s, measure ${MEASURE_S} s; node sees ${os.cpus().length} CPUs`,
    );

    /** @type {Map<string, Awaited<ReturnType<typeof runOnce>>[]>} */
    const results = new Map();
    for (let round = 0; round < RUNS; round++) {
      // Alternate which server goes first, and which model, so drift (thermal, caches,
      // a neighbour's load) does not all fall on one configuration.
      for (const c of inTurns(configs, round)) {
        for (const model of inTurns(MODELS, round)) {
          const r = await runOnce(c.url, model);
          pageErrors.push(...r.errors);
          const key = `${c.name}\u0000${model}`;
          results.set(key, [...(results.get(key) ?? []), r]);
          log(
            `round ${round + 1} ${c.name} ${model}: COI=${r.crossOriginIsolated} ` +
              `${r.fps.toFixed(2)} fps (${r.frames} frames; status bar ${r.barFps.toFixed(1)}), ` +
              `inference ${r.inferenceMs.toFixed(1)} ms, latency ${r.latencyMs.toFixed(0)} ms` +
              ` [${r.reason}], load ${r.load.toFixed(1)}` +
              (r.errors.length
                ? ` ${r.errors.length} page errors: ${r.errors[0]}`
                : ''),
          );
        }
      }
    }

    const rows = [
      [
        'config',
        'crossOriginIsolated',
        'SharedArrayBuffer',
        'model',
        'backend',
        'fps (median, min–max)',
        'inference ms',
        'latency ms',
        'hardwareConcurrency',
        'load avg',
      ],
    ];
    for (const c of configs) {
      for (const model of MODELS) {
        const rs = results.get(`${c.name}\u0000${model}`) ?? [];
        const fps = rs.map((r) => r.fps);
        const uniq = (f) => [...new Set(rs.map(f))].join('/');
        rows.push([
          c.name,
          uniq((r) => String(r.crossOriginIsolated)),
          uniq((r) => String(r.sharedArrayBuffer)),
          model,
          uniq((r) => r.reason || r.backend),
          `${median(fps).toFixed(2)} (${Math.min(...fps).toFixed(2)}–${Math.max(...fps).toFixed(2)})`,
          median(rs.map((r) => r.inferenceMs)).toFixed(1),
          median(rs.map((r) => r.latencyMs)).toFixed(0),
          uniq((r) => String(r.hardwareConcurrency)),
          median(rs.map((r) => r.load)).toFixed(1),
        ]);
      }
    }
    console.log('');
    console.log(
      `Sample footage, ?engine=tfjs&backend=wasm, ${RUNS} runs each (fps: analysed frames / ${MEASURE_S} s after ${WARMUP_S} s warm-up; ` +
        'inference, latency: median of per-frame samples, then median of runs; ' +
        'load avg: 1-minute load at the end of each window, median)',
    );
    console.log(table(rows));
  } finally {
    // dist-bench/ stays for inspection; it is gitignored (dist-*/).
    await Promise.all(servers.map((s) => s.close()));
  }
  if (pageErrors.length > 0) {
    throw new Error(
      `${pageErrors.length} uncaught page error(s): ${[...new Set(pageErrors)].join(' / ')}`,
    );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
