// What the browser benchmarks (scripts/bench-*.mjs) share: the BENCH_* knobs, building and
// serving the app through scripts/lib/app-server.ts (or a bench page: built as the app is, or
// through Vite's dev server), one fresh headless Chromium per run and what makes its run
// invalid, a measurement window on the live page, and the median, percentile, table and
// machine-line helpers for the report.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, createServer, loadConfigFromFile, runnerImport } from 'vite';
import { chromiumPath } from './prereqs.mjs';

/** @typedef {import('playwright-core').Page} Page */
/**
 * What an in-page measurement returns: the analysed frames over `seconds` of the page's own
 * clock, and per-frame status-line readings.
 * @typedef {{ frames: number, seconds: number, barFps: number[], latency: number[],
 *   inference: number[] }} FrameSamples
 */

const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
/** Where the benchmarks build the app; left for inspection (gitignored, as every dist-…). */
export const OUT_DIR = 'dist-bench';
/**
 * `--smoke` (or BENCH_SMOKE=1): the benchmark's smallest setting, which `npm test` runs so that
 * none can break unnoticed: one round, a few frames or seconds, the figures printed and none
 * asserted, but a run that cannot measure still exits non-zero. Every knob is then fixed at
 * its smoke value and the BENCH_* variables are ignored.
 */
export const SMOKE =
  process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
/**
 * A numeric knob: `smoke` under --smoke, else $`name`, else `full`.
 * @param {string} name @param {number} full @param {number} smoke
 */
export const knob = (name, full, smoke) =>
  SMOKE ? smoke : Number(process.env[name] ?? full);
// The knobs, from the environment: seconds of warm-up and of measuring, rounds.
export const WARMUP_S = knob('BENCH_WARMUP_S', 10, 1);
export const MEASURE_S = knob('BENCH_MEASURE_S', 30, 3);
export const RUNS = knob('BENCH_RUNS', 3, 1);
/** How long the page may take to load its engine and analyse its first frame. */
export const READY_TIMEOUT_MS = 120_000;

/** @param {string} name @returns {(msg: string) => void} prints `bench:<name>: msg` */
export const benchLog = (name) => (msg) => console.log(`bench:${name}: ${msg}`);

/**
 * Loads a TypeScript module of the repository (src/shared/security-headers.ts,
 * scripts/lib/app-server.ts), so a benchmark can never drift from what the app is built and
 * served with. Node 20 cannot import TypeScript, so it goes through Vite's own module runner
 * (`runnerImport`, the loader Vite uses for its TS config files). configFile: false keeps
 * vite.config.ts (and its plugins) out of that load.
 * @param {string} file relative to the repository
 * @returns {Promise<any>}
 */
export async function loadTs(file) {
  const { module } = await runnerImport(path.join(ROOT, file), {
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
  });
  return module;
}

/**
 * Copies + verifies the models (as `npm run build` does), then builds with vite.config.ts
 * into OUT_DIR.
 * @param {(msg: string) => void} log
 * @returns {Promise<any>} scripts/lib/app-server.ts, whose serveBuild(OUT_DIR) serves it
 */
export async function buildBench(log) {
  const server = await loadTs('scripts/lib/app-server.ts');
  copyModels();
  log(`building into ${OUT_DIR}/`);
  await server.buildApp(OUT_DIR, 'bench');
  return server;
}

/**
 * Builds a benchmark page under tests/bench/ as `npm run build` builds the app (vite.config.ts:
 * its define, alias, worker format, target; minified; public/ copied to the root, models and
 * wasm included) but without the service worker (vite-plugin-pwa's plugins) and without source
 * maps, into `outDir`, emptied first. The page's folder is the build's root, so the page is
 * `outDir`/index.html, which app-server.ts's serveBuild(outDir) serves with the app's headers.
 * Run copyModels() first.
 * @param {string} pageDir the page's folder, relative to the repository, e.g. 'tests/bench/peers'
 * @param {string} outDir relative to the repository, e.g. 'dist-bench-peers'
 * @param {(msg: string) => void} log
 */
export async function buildBenchPage(pageDir, outDir, log) {
  const saved = process.env.NODE_ENV;
  // As buildApp: Vitest's NODE_ENV=test would make a development build.
  process.env.NODE_ENV = 'production';
  try {
    const loaded = await loadConfigFromFile(
      { command: 'build', mode: 'production' },
      path.join(ROOT, 'vite.config.ts'),
      ROOT,
      'warn',
    );
    if (!loaded) throw new Error('vite.config.ts did not load');
    const { plugins = [], ...app } = /** @type {any} */ (loaded.config);
    delete app.test; // Vitest's projects, no part of a build
    const kept = plugins
      .flat(Infinity)
      .filter(
        (/** @type {any} */ p) => p && !p.name?.startsWith('vite-plugin-pwa'),
      );
    log(`building ${pageDir}/index.html into ${outDir}/`);
    await build({
      ...app,
      configFile: false,
      root: path.join(ROOT, pageDir),
      publicDir: path.join(ROOT, 'public'),
      mode: 'production',
      logLevel: 'warn',
      plugins: kept,
      build: {
        ...app.build,
        outDir: path.join(ROOT, outDir),
        emptyOutDir: true,
        sourcemap: false,
      },
    });
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
}

/**
 * Reads a benchmark's own options: `--smoke`, `--help` and, with `dist`, `--dist DIR`. Prints
 * `usage` and exits on --help (0) or anything else (2).
 * @param {string} usage
 * @param {{ dist?: boolean, argv?: string[] }} [options]
 * @returns {{ smoke: boolean, dist: string }} dist: '' when not given
 */
export function benchOptions(usage, { dist = false, argv } = {}) {
  const args = argv ?? process.argv.slice(2);
  const opts = { smoke: SMOKE, dist: '' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--smoke') opts.smoke = true;
    else if (
      dist &&
      a === '--dist' &&
      args[i + 1] &&
      !args[i + 1].startsWith('-')
    )
      opts.dist = args[++i];
    else {
      if (a !== '--help') console.error(`unknown option: ${a}`);
      console.log(usage);
      process.exit(a === '--help' ? 0 : 2);
    }
  }
  return opts;
}

/**
 * The build a benchmark serves: `dist` when given (a build already made, such as the one
 * `npm test` makes in dist/; not rebuilt), else a fresh one in OUT_DIR (buildBench).
 * @param {(msg: string) => void} log @param {string} dist
 * @returns {Promise<{ server: any, dir: string }>} server: scripts/lib/app-server.ts
 */
export async function benchBuild(log, dist) {
  if (!dist) return { server: await buildBench(log), dir: OUT_DIR };
  log(`using the build in ${dist}/ as it is`);
  return { server: await loadTs('scripts/lib/app-server.ts'), dir: dist };
}

/** Warns if other work is running: the figures will be noisy. @param {(msg: string) => void} log */
export function warnIfBusy(log) {
  const [load1] = os.loadavg();
  const cpus = os.cpus().length;
  if (load1 > cpus / 2) {
    log(
      `warning: load average ${load1.toFixed(1)} on ${cpus} CPUs — other work is running; ` +
        'the figures will be noisy (see the load avg column)',
    );
  }
}

/** The benchmarks' Chromium flags: quiet, with WebGL on SwiftShader where there is no GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
];

/**
 * Debian's Chromium, headless, with CHROMIUM_ARGS.
 * @param {string[]} [extraArgs] more command-line flags
 */
export const launch = (extraArgs = []) =>
  chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });

/**
 * Opens `query` in a fresh browser and context, runs `body`, closes the browser. No service
 * worker: its first-visit download of every file would compete with the measurement, and it
 * could answer from its cache with its own copy of the headers the server sent.
 * @template T
 * @param {string} baseUrl @param {string} query
 * @param {(page: Page) => Promise<T>} body
 * @returns {Promise<T & { errors: string[] }>} errors: the page's uncaught errors
 */
export async function withPage(baseUrl, query, body) {
  const browser = await launch();
  try {
    const context = await browser.newContext({
      serviceWorkers: 'block',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(new URL(query, baseUrl).href);
    return { ...(await body(page)), errors };
  } finally {
    await browser.close();
  }
}

/**
 * Runs `inPage` in the page for MEASURE_S seconds, handing it `args`, `measureMs` and the
 * ls-status-bar and ls-stage elements (found through open shadow roots), and sums up its
 * samples: fps is analysed frames over the page's own clock; bar fps, latency and inference
 * are medians of the per-frame readings; load is the machine's 1-minute load average at the
 * end of the window (other work on the same cores, a build, tests, shows up there and makes
 * a run's figures worth less). Whatever else `inPage` returns is passed on.
 * @template {object} A
 * @template {FrameSamples} S
 * @param {Page} page
 * @param {(args: A & { measureMs: number, bar: any, stage: any }) => Promise<S>} inPage
 * @param {A} args
 */
export async function measure(page, inPage, args) {
  const bar = await page.locator('ls-status-bar').elementHandle();
  const stage = await page.locator('ls-stage').elementHandle();
  const { frames, seconds, barFps, latency, inference, ...rest } =
    await page.evaluate(inPage, {
      ...args,
      measureMs: MEASURE_S * 1000,
      bar,
      stage,
    });
  return {
    ...rest,
    frames,
    fps: frames / seconds,
    barFps: median(barFps),
    latencyMs: median(latency),
    inferenceMs: median(inference),
    load: os.loadavg()[0],
  };
}

/**
 * `items` as they are in even rounds, reversed in odd ones, so drift (thermal, caches, a
 * neighbour's load) does not all fall on whatever goes first.
 * @template T @param {readonly T[]} items @param {number} round @returns {readonly T[]}
 */
export const inTurns = (items, round) =>
  round % 2 === 0 ? items : [...items].reverse();

/** @param {number[]} xs @returns {number} NaN for none */
export const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** @param {string[][]} rows first row is the header @returns {string} a Markdown table */
export function table(rows) {
  const widths = rows[0].map((_, i) =>
    Math.max(...rows.map((r) => r[i].length)),
  );
  /** @param {string[]} r */
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** `npm run models`: copies and verifies the models, wasm and sample photos into public/. */
export function copyModels() {
  const copy = spawnSync(
    process.execPath,
    [path.join(ROOT, 'scripts/copy-models.mjs')],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (copy.status !== 0) throw new Error('scripts/copy-models.mjs failed');
}

/**
 * Vite's dev server for a benchmark page under tests/bench/ (bench:video's page loads Human
 * from node_modules, which a build does not serve unless copied: see bench-peers.mjs), on a
 * free port of 127.0.0.1.
 * @param {string} page the page, relative to the repository, e.g. 'tests/bench/video/index.html'
 * @returns {Promise<{ server: import('vite').ViteDevServer, baseUrl: string }>} close() it when done
 */
export async function startDevServer(page) {
  const { freePort } = await loadTs('scripts/lib/app-server.ts');
  const port = await freePort();
  const server = await createServer({
    configFile: path.join(ROOT, 'vite.config.ts'),
    root: ROOT,
    logLevel: 'warn',
    // No HMR and no watcher: an edit elsewhere in the repo must not reload a page mid-run.
    server: {
      host: '127.0.0.1',
      port,
      strictPort: true,
      hmr: false,
      watch: null,
    },
    // Crawl every entry up front (the worker too): a dependency found later makes Vite
    // re-optimise and invalidate the modules a page has already loaded.
    // The peers' own ESM bundles (tfjs inside, minified) are served as published: Vite's
    // pre-bundling would re-print them unminified, 3× the size.
    optimizeDeps: {
      entries: ['index.html', page, 'src/worker/detector.worker.ts'],
      exclude: ['@vladmandic/human', '@vladmandic/face-api'],
    },
  });
  await server.listen();
  return { server, baseUrl: `http://127.0.0.1:${port}/` };
}

/**
 * The BENCH_SYSTEMS / BENCH_BACKENDS style list: `env` split on commas, each checked against
 * `all`; everything when unset.
 * @param {string | undefined} env @param {string[]} all
 */
export function pick(env, all) {
  if (!env) return all;
  const wanted = env
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((w) => !all.includes(w));
  if (unknown.length) {
    throw new Error(`unknown ${unknown.join(', ')}; known: ${all.join(', ')}`);
  }
  return wanted;
}

/** @param {number} v @param {number} digits @returns {string} '–' for NaN and ±Infinity */
export const fmt = (v, digits) =>
  Number.isFinite(v) ? v.toFixed(digits) : '–';

/** Nearest-rank percentile. @param {number[]} xs @param {number} p 0..1 @returns {number} */
export function percentile(xs, p) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)];
}

/** @param {string} pkg @returns {string} its version in node_modules */
const installedVersion = (pkg) =>
  JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'),
  ).version;

/**
 * The tfjs-backend-wasm version a peer's bundle was built with (its dist/tfjs.version.js,
 * minified: `var r="4.22.0";…"tfjs-backend-wasm":r`).
 * @param {string} pkg
 */
function bundledWasmVersion(pkg) {
  const file = path.join(ROOT, 'node_modules', pkg, 'dist/tfjs.version.js');
  const src = readFileSync(file, 'utf8');
  const ref = /"tfjs-backend-wasm":(\w+)/.exec(src)?.[1];
  const version = ref && new RegExp(`var ${ref}="([^"]+)"`).exec(src)?.[1];
  if (!version) throw new Error(`no tfjs-backend-wasm version in ${file}`);
  return version;
}

/**
 * The peers load tfjs' wasm from node_modules: it must be the version their bundle expects.
 * Throws if not; returns a line naming the versions for the report.
 * @param {string[]} pkgs e.g. ['@vladmandic/human']
 */
export function checkWasmVersions(pkgs) {
  const installed = installedVersion('@tensorflow/tfjs-backend-wasm');
  const lines = [];
  for (const pkg of pkgs) {
    const bundled = bundledWasmVersion(pkg);
    if (bundled !== installed) {
      throw new Error(
        `${pkg} ${installedVersion(pkg)} bundles tfjs-backend-wasm ${bundled}, but ` +
          `node_modules has ${installed}: add the matching version under an npm alias`,
      );
    }
    lines.push(`${pkg} ${installedVersion(pkg)} (tfjs ${bundled})`);
  }
  return `${lines.join(', ')}; wasm from @tensorflow/tfjs-backend-wasm ${installed}`;
}

/**
 * Collects what makes a benchmark page's run invalid: uncaught page errors, console errors
 * (the page's and its workers'; CSP violations are reported there too), failed requests and
 * any request that leaves `origin` (data: and blob: URLs stay on the device).
 * @param {import('playwright-core').BrowserContext} context
 * @param {Page} page @param {string} origin
 * @returns {string[]} filled in as the run goes
 */
export function watchProblems(context, page, origin) {
  /** @type {string[]} */
  const problems = [];
  // Context-level events include the dedicated workers' requests.
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) {
      problems.push(`request off the origin: ${request.url()}`);
    }
  });
  context.on('requestfailed', (request) => {
    problems.push(
      `request failed: ${request.url()} (${request.failure()?.errorText})`,
    );
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    // Chromium asks for /favicon.ico, which the repository does not have.
    if (msg.type() !== 'error' || msg.location().url.endsWith('/favicon.ico')) {
      return;
    }
    problems.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  return problems;
}

/**
 * The report's first line: cores, CPU, OS, Chromium and Node versions, then `extra`.
 * @param {string} chromiumVersion @param {string} extra
 */
export function machineLine(chromiumVersion, extra) {
  const cpus = os.cpus();
  return (
    `Machine: ${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}; ` +
    `${os.type()} ${os.release()} ${os.arch()}; Chromium ${chromiumVersion} (headless); ` +
    `Node ${process.version}. ${extra}`
  );
}

/**
 * Runs every system on every backend, BENCH_ROUNDS-style: `rounds` rounds per backend over the
 * systems in alternating order (inTurns). `judge` says what a run's failure is (null if none)
 * and the line that sums it up; both are logged with the run's time, then up to 8 of its
 * problems and a multi-line error in full.
 * @template {{ problems: string[] }} R
 * @param {{
 *   backends: string[], systems: string[], rounds: number, log: (msg: string) => void,
 *   run: (system: string, backend: string) => Promise<R>,
 *   judge: (r: R, seconds: string) => { error: string | null, summary: string | null },
 * }} options
 * @returns {Promise<{ results: Map<string, R[]>, failed: string[] }>} runs per `backend system`
 */
export async function runRounds({
  backends,
  systems,
  rounds,
  log,
  run,
  judge,
}) {
  /** @type {Map<string, R[]>} */
  const results = new Map();
  /** @type {string[]} */
  const failed = [];
  for (const backend of backends) {
    for (let round = 0; round < rounds; round++) {
      for (const system of inTurns(systems, round)) {
        const t0 = Date.now();
        const r = await run(system, backend);
        const s = ((Date.now() - t0) / 1000).toFixed(0);
        const { error, summary } = judge(r, s);
        if (error) {
          failed.push(`${system}/${backend}`);
          log(
            `${system} ${backend}: FAILED after ${s} s: ${error.split('\n')[0]}`,
          );
        }
        if (summary) log(`${system} ${backend}: ${summary}`);
        for (const p of [...new Set(r.problems)].slice(0, 8)) log(`  ${p}`);
        if (error?.includes('\n')) console.log(error);
        const key = `${backend} ${system}`;
        results.set(key, [...(results.get(key) ?? []), r]);
      }
    }
  }
  return { results, failed };
}
