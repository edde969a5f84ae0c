// Benchmark: does cross-origin isolation (COOP + COEP) change live analysis speed?
// Builds the app once into dist-bench/, serves it twice with Vite's preview server — once with
// every header of src/shared/security-headers.ts, once with the same minus the isolation
// headers (COOP, COEP, CORP) — and plays the sample footage on the forced WASM backend with
// both detector models in Debian's Chromium, 3 rounds in alternating order. Prints figures
// only: no assertions. Usage: npm run bench:isolation
// Knobs (seconds / count): BENCH_WARMUP_S=10 BENCH_MEASURE_S=30 BENCH_RUNS=3

/* global document -- measureInPage runs in Chromium */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from './lib/prereqs.mjs';
import { runnerImport } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = 'dist-bench';
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 10);
const MEASURE_S = Number(process.env.BENCH_MEASURE_S ?? 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MODELS = /** @type {const} */ (['full', 'short']);
const READY_TIMEOUT_MS = 120_000;
/** How often the page samples the status bar while measuring. */
const SAMPLE_MS = 200;

/** @param {string} msg */
const log = (msg) => console.log(`bench:isolation: ${msg}`);

/**
 * The headers come from src/shared/security-headers.ts itself, and the build and the server
 * from scripts/lib/app-server.ts (the e2e tests' own), so this benchmark can never drift from
 * what the app is served with. Node 20 cannot import TypeScript, so both modules are loaded
 * through Vite's own module runner (`runnerImport`, the loader Vite uses for its TS config
 * files). configFile: false keeps vite.config.ts (and its plugins) out of that load.
 * @param {string} file relative to the repository
 * @returns {Promise<any>}
 */
async function loadTs(file) {
  const { module } = await runnerImport(path.join(ROOT, file), {
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
  });
  return module;
}

/** Copies + verifies the models (as `npm run build` does), then builds with vite.config.ts. */
async function buildApp(
  /** @type {(outDir: string, id: string) => Promise<void>} */ build,
) {
  const copy = spawnSync(
    process.execPath,
    [path.join(ROOT, 'scripts/copy-models.mjs')],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (copy.status !== 0) throw new Error('scripts/copy-models.mjs failed');
  log(`building into ${OUT_DIR}/`);
  await build(OUT_DIR, 'bench');
}

/**
 * Runs in the page: finds elements through open shadow roots, then samples the live figures
 * for `measureMs`. fps is analysed frames (ls-stage's `data-frames`) over the page's own
 * clock; inference and latency are the status bar's properties (the worker's time for the
 * latest frame; the median grab-to-boxes time over 2 s), sampled every `sampleMs`.
 * @param {{ measureMs: number, sampleMs: number }} args
 */
async function measureInPage({ measureMs, sampleMs }) {
  /** @param {string} selector @returns {any} */
  const deepFind = (selector, root = document) => {
    const hit = root.querySelector(selector);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      const found = el.shadowRoot && deepFind(selector, el.shadowRoot);
      if (found) return found;
    }
    return null;
  };
  const bar = deepFind('ls-status-bar');
  const stage = deepFind('ls-stage');
  if (!bar || !stage) throw new Error('ls-status-bar or ls-stage not found');
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

/** @param {number[]} xs */
const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * One run: a fresh browser, the sample footage on WASM with one model, warm-up, measure.
 * @param {string} baseUrl @param {'full' | 'short'} model
 */
async function runOnce(baseUrl, model) {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--enable-unsafe-swiftshader',
    ],
  });
  try {
    // No service worker: it could answer from its cache with its own copy of the headers,
    // and this benchmark is about the headers the server sent.
    const context = await browser.newContext({
      serviceWorkers: 'block',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const query =
      model === 'full'
        ? '?source=sample&backend=wasm'
        : '?source=sample&backend=wasm&model=short';
    await page.goto(new URL(query, baseUrl).href);
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
    const m = await page.evaluate(measureInPage, {
      measureMs: MEASURE_S * 1000,
      sampleMs: SAMPLE_MS,
    });
    // The machine's 1-minute load average at the end of the window: other work on the same
    // cores (a build, tests) shows up here, and makes a run's figures worth less.
    const load = os.loadavg()[0];
    return {
      ...env,
      model,
      backend: m.backend,
      reason: m.reason,
      fps: m.frames / m.seconds,
      barFps: median(m.barFps),
      inferenceMs: median(m.inference),
      latencyMs: median(m.latency),
      frames: m.frames,
      load,
      errors,
    };
  } finally {
    await browser.close();
  }
}

/** @param {string[][]} rows first row is the header */
function table(rows) {
  const widths = rows[0].map((_, i) =>
    Math.max(...rows.map((r) => r[i].length)),
  );
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

async function main() {
  const { SECURITY_HEADERS, ISOLATION_HEADERS } = await loadTs(
    'src/shared/security-headers.ts',
  );
  const server = await loadTs('scripts/lib/app-server.ts');
  const isolationKeys = new Set(
    Object.keys(ISOLATION_HEADERS).map((k) => k.toLowerCase()),
  );
  const notIsolated = Object.fromEntries(
    Object.entries(SECURITY_HEADERS).filter(
      ([k]) => !isolationKeys.has(k.toLowerCase()),
    ),
  );
  await buildApp(server.buildApp);

  const configs = [
    { name: 'COOP+COEP+CSP', headers: { ...SECURITY_HEADERS } },
    { name: 'CSP only', headers: notIsolated },
  ];
  const servers = [];
  try {
    for (const c of configs) {
      const { url, close } = await server.serveBuild(
        OUT_DIR,
        undefined,
        c.headers,
      );
      servers.push({ close });
      c.url = url;
      log(`${c.name}: ${url} (${Object.keys(c.headers).join(', ')})`);
    }
    const [load1] = os.loadavg();
    if (load1 > os.cpus().length / 2) {
      log(
        `warning: load average ${load1.toFixed(1)} on ${os.cpus().length} CPUs — other work ` +
          'is running; the figures will be noisy (see the load avg column)',
      );
    }
    log(
      `${RUNS} rounds × ${configs.length} configs × ${MODELS.length} models; ` +
        `warm-up ${WARMUP_S} s, measure ${MEASURE_S} s; node sees ${os.cpus().length} CPUs`,
    );

    /** @type {Map<string, Awaited<ReturnType<typeof runOnce>>[]>} */
    const results = new Map();
    for (let round = 0; round < RUNS; round++) {
      // Alternate which server goes first, and which model, so drift (thermal, caches,
      // a neighbour's load) does not all fall on one configuration.
      const order = round % 2 === 0 ? configs : [...configs].reverse();
      const models = round % 2 === 0 ? MODELS : [...MODELS].reverse();
      for (const c of order) {
        for (const model of models) {
          const r = await runOnce(c.url, model);
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
      `Sample footage, ?backend=wasm, ${RUNS} runs each (fps: analysed frames / ${MEASURE_S} s after ${WARMUP_S} s warm-up; ` +
        'inference, latency: median of per-frame samples, then median of runs; ' +
        'load avg: 1-minute load at the end of each window, median)',
    );
    console.log(table(rows));
  } finally {
    // dist-bench/ stays for inspection; it is gitignored (dist-*/).
    await Promise.all(servers.map((s) => s.close()));
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
