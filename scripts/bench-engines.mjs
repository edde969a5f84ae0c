// Benchmark: TensorFlow.js vs MediaPipe face detection in Debian's Chromium — the app's own
// calibration (detector ms/frame), then the sample footage per engine (fps, latency, inference).
// Prints figures only, no assertions; exits 1 if a run cannot measure or a page throws.
// Knobs: BENCH_WARMUP_S=10 BENCH_MEASURE_S=30 BENCH_RUNS=3. `--dist DIR` serves a build already
// made instead of building dist-bench/; `--smoke` (npm test, with --dist dist): one
// calibration and one round, 1 s warm-up, 3 s measured.

/* global MutationObserver -- measureInPage runs in Chromium */
import os from 'node:os';
import {
  benchBuild,
  benchLog,
  benchOptions,
  inTurns,
  launch,
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

const ENGINES = /** @type {const} */ (['tfjs', 'mediapipe']);
const LABEL = { tfjs: 'TensorFlow.js', mediapipe: 'MediaPipe' };
/** localStorage key of the app's remembered calibration (src/shared/engine-choice.ts). */
const CHOICE_KEY = 'localsight.engine.v1';
const POLL_MS = 250;

const log = benchLog('engines');
const options = benchOptions(
  'usage: node scripts/bench-engines.mjs [--smoke] [--dist DIR]',
  { dist: true },
);

/** @param {number} v @param {number} digits */
const fmt = (v, digits) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/** @param {string[]} xs */
const uniq = (xs) => [...new Set(xs.filter(Boolean))].join('/') || '–';

/** Throws with the notice's text if the page shows an error notice. */
async function failOnErrorNotice(
  /** @type {import('playwright-core').Page} */ page,
  /** @type {string} */ query,
) {
  const notices = page.locator('ls-notice[kind="error"]');
  if ((await notices.count()) > 0) {
    const text = (await notices.allInnerTexts())
      .map((t) => t.replace(/\s*×\s*$/, '').trim())
      .join(' / ');
    throw new Error(`${query}: the page shows an error notice: ${text}`);
  }
}

/**
 * Polls `probe` until it returns a truthy value, failing on an error notice or after
 * READY_TIMEOUT_MS.
 * @template T
 * @param {import('playwright-core').Page} page @param {string} query @param {string} what
 * @param {() => Promise<T>} probe
 * @returns {Promise<NonNullable<T>>}
 */
async function waitUntil(page, query, what, probe) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    await failOnErrorNotice(page, query);
    const v = await probe();
    if (v) return /** @type {NonNullable<T>} */ (v);
    if (Date.now() > deadline) {
      throw new Error(
        `${query}: ${what} did not happen within ${READY_TIMEOUT_MS / 1000} s`,
      );
    }
    await page.waitForTimeout(POLL_MS);
  }
}

/** One calibration: `?engine=auto` in a fresh context; the app times both and stores it. */
async function calibrateOnce(/** @type {string} */ baseUrl) {
  const query = '?engine=auto';
  return withPage(baseUrl, query, async (page) => {
    const json = await waitUntil(
      page,
      query,
      `localStorage ${CHOICE_KEY}`,
      () => page.evaluate((key) => localStorage.getItem(key), CHOICE_KEY),
    );
    const c = JSON.parse(json);
    const backend =
      (await page.locator('ls-status-bar').getAttribute('data-backend')) ?? '';
    return {
      tfjsMs: typeof c.tfjsMs === 'number' ? c.tfjsMs : NaN,
      mediapipeMs: typeof c.mediapipeMs === 'number' ? c.mediapipeMs : NaN,
      engine: String(c.engine),
      delegate: c.delegate ? String(c.delegate) : '',
      backend,
      load: os.loadavg()[0],
    };
  });
}

/**
 * Runs in the page (see measure()): watches ls-stage for `measureMs`. Every new analysed frame
 * records the faces on it and the status line's latency (`.latency`) and worker inference
 * (the chip titled "Worker inference N ms"); fps is the change in `data-frames` over the
 * page's own clock.
 * @param {{ measureMs: number, bar: any, stage: any }} args
 */
async function measureInPage({ measureMs, bar, stage }) {
  const frames = () => Number(stage.dataset.frames ?? 0);
  const latency = [];
  const inference = [];
  const barFps = [];
  let maxFaces = 0;
  let lastFrames = frames();
  const f0 = lastFrames;
  const onChange = () => {
    maxFaces = Math.max(maxFaces, Number(stage.dataset.faces ?? 0));
    const f = frames();
    if (f === lastFrames) return;
    lastFrames = f;
    const root = bar.shadowRoot;
    const lat = Number(root?.querySelector('.latency')?.textContent);
    const title =
      root?.querySelector('[title^="Worker inference"]')?.title ?? '';
    const inf = Number(/Worker inference (\d+(?:\.\d+)?) ms/.exec(title)?.[1]);
    const fps = Number(root?.querySelector('.fps')?.textContent);
    if (Number.isFinite(lat)) latency.push(lat);
    if (Number.isFinite(inf) && title) inference.push(inf);
    if (Number.isFinite(fps)) barFps.push(fps);
  };
  const observer = new MutationObserver(onChange);
  // Main-thread tasks over 50 ms while the app analyses: drawing, counters, charts, storage.
  const longTasks = { n: 0, ms: 0 };
  const tasks = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks.n += 1;
      longTasks.ms += entry.duration;
    }
  });
  tasks.observe({ type: 'longtask', buffered: false });
  const heap = () =>
    /** @type {any} */ (performance).memory?.usedJSHeapSize ?? NaN;
  const tensors = () => Number(bar.dataset.tensors ?? NaN);
  const start = { heap: heap(), tensors: tensors() };
  const t0 = performance.now();
  observer.observe(stage, {
    attributes: true,
    attributeFilter: ['data-frames', 'data-faces'],
  });
  await new Promise((resolve) => setTimeout(resolve, measureMs));
  observer.disconnect();
  onChange();
  const seconds = (performance.now() - t0) / 1000;
  // Long tasks arrive asynchronously; let the last ones in.
  await new Promise((resolve) => setTimeout(resolve, 100));
  tasks.disconnect();
  return {
    longTasks,
    heapMB: [start.heap / 1e6, heap() / 1e6],
    tensors: [start.tensors, tensors()],
    frames: frames() - f0,
    seconds,
    latency,
    inference,
    barFps,
    maxFaces,
  };
}

/** One pipeline run: the sample footage on `engine`, warm-up, measure. */
async function pipelineOnce(
  /** @type {string} */ baseUrl,
  /** @type {'tfjs' | 'mediapipe'} */ engine,
) {
  const query = `?source=sample&engine=${engine}`;
  return withPage(baseUrl, query, async (page) => {
    const bar = page.locator('ls-status-bar');
    const running = await waitUntil(page, query, 'the engine ready', () =>
      bar.getAttribute('data-engine').catch(() => null),
    );
    if (running !== engine) {
      throw new Error(`${query}: the status line reports engine ${running}`);
    }
    await waitUntil(page, query, 'analysed frames', async () =>
      Number((await page.locator('ls-stage').getAttribute('data-frames')) ?? 0),
    );
    const backend = (await bar.getAttribute('data-backend')) ?? '';
    const delegate =
      engine === 'mediapipe'
        ? (/(CPU|GPU)$/.exec(
            (await bar.locator('.engine').innerText()).trim(),
          )?.[1] ?? '')
        : '';
    await page.waitForTimeout(WARMUP_S * 1000);
    await failOnErrorNotice(page, query);
    const m = await measure(page, measureInPage, {});
    await failOnErrorNotice(page, query);
    if (m.frames === 0) throw new Error(`${query}: no frames while measuring`);
    return { engine, backend, delegate, ...m };
  });
}

async function main() {
  const { server, dir } = await benchBuild(log, options.dist);
  const { url, close } = await server.serveBuild(dir);
  /** Uncaught errors of any page: the figures are printed, but the run fails. */
  const pageErrors = [];
  try {
    log(`serving ${dir}/ at ${url}`);
    const probe = await launch();
    const chromiumVersion = probe.version();
    await probe.close();
    warnIfBusy(log);
    log(
      `${RUNS} calibrations, then ${RUNS} rounds × ${ENGINES.length} engines; ` +
        `warm-up ${WARMUP_S} s, measure ${MEASURE_S} s`,
    );

    const calibrations = [];
    for (let run = 0; run < RUNS; run++) {
      const c = await calibrateOnce(url);
      calibrations.push(c);
      pageErrors.push(...c.errors);
      log(
        `calibration ${run + 1}: TensorFlow.js ${fmt(c.tfjsMs, 1)} ms, MediaPipe ` +
          `${fmt(c.mediapipeMs, 1)} ms per frame → ${c.engine}` +
          `${c.delegate ? ` ${c.delegate}` : ''} (backend ${c.backend}), load ${c.load.toFixed(1)}` +
          (c.errors.length ? `; page errors: ${c.errors.join(' / ')}` : ''),
      );
    }

    /** @type {Record<string, Awaited<ReturnType<typeof pipelineOnce>>[]>} */
    const runs = { tfjs: [], mediapipe: [] };
    for (let round = 0; round < RUNS; round++) {
      // Alternate which engine goes first, so drift (thermal, a neighbour's load) does not
      // all fall on one engine.
      for (const engine of inTurns(ENGINES, round)) {
        const r = await pipelineOnce(url, engine);
        runs[engine].push(r);
        pageErrors.push(...r.errors);
        log(
          `round ${round + 1} ${engine}: ${r.fps.toFixed(2)} fps (${r.frames} frames; ` +
            `status line ${fmt(r.barFps, 1)}), latency ${fmt(r.latencyMs, 0)} ms, ` +
            `inference ${fmt(r.inferenceMs, 0)} ms, max faces ${r.maxFaces}, ` +
            `backend ${r.backend}${r.delegate ? `, delegate ${r.delegate}` : ''}, ` +
            `load ${r.load.toFixed(1)}` +
            (r.errors.length ? `; page errors: ${r.errors.join(' / ')}` : ''),
        );
      }
    }

    const detectorMs = {
      tfjs: median(calibrations.map((c) => c.tfjsMs).filter(Number.isFinite)),
      mediapipe: median(
        calibrations.map((c) => c.mediapipeMs).filter(Number.isFinite),
      ),
    };
    const fps = {
      tfjs: median(runs.tfjs.map((r) => r.fps)),
      mediapipe: median(runs.mediapipe.map((r) => r.fps)),
    };
    const rows = [
      [
        'engine',
        'detector ms/frame (calibration)',
        'sample fps (min–max)',
        'latency ms',
        'inference ms',
        'max faces',
        'backend / delegate',
        'long tasks (n, ms)',
        'heap MB start→end',
        'tensors start→end',
        'load avg',
      ],
    ];
    for (const engine of ENGINES) {
      const rs = runs[engine];
      const f = rs.map((r) => r.fps);
      rows.push([
        LABEL[engine],
        fmt(detectorMs[engine], 1),
        `${fmt(fps[engine], 2)} (${fmt(Math.min(...f), 2)}–${fmt(Math.max(...f), 2)})`,
        fmt(median(rs.map((r) => r.latencyMs)), 0),
        fmt(median(rs.map((r) => r.inferenceMs)), 0),
        String(Math.max(...rs.map((r) => r.maxFaces))),
        engine === 'mediapipe'
          ? `attributes on ${uniq(rs.map((r) => r.backend))} / ${uniq(rs.map((r) => r.delegate))}`
          : uniq(rs.map((r) => r.backend)),
        `${rs.map((r) => r.longTasks.n).join('/')}, ${rs.map((r) => fmt(r.longTasks.ms, 0)).join('/')}`,
        rs.map((r) => r.heapMB.map((v) => fmt(v, 1)).join('→')).join(', '),
        rs.map((r) => r.tensors.join('→')).join(', '),
        fmt(median(rs.map((r) => r.load)), 1),
      ]);
    }

    const cpus = os.cpus();
    console.log('');
    console.log(
      `Machine: ${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}; ` +
        `${os.type()} ${os.release()} ${os.arch()}; Chromium ${chromiumVersion} (headless); ` +
        `Node ${process.version}`,
    );
    console.log(
      `detector: the app's calibration under ?engine=auto (median ms per 640×480 frame of the ` +
        `bundled photos), median of ${RUNS} fresh contexts. fps, latency, inference: ` +
        `?source=sample&engine=…, analysed frames / ${MEASURE_S} s after ${WARMUP_S} s ` +
        `warm-up; latency and inference are medians of per-frame status-line readings; ` +
        `median of ${RUNS} rounds. Long tasks (main thread, over 50 ms), heap (page) and ` +
        `tensors (worker) over the measured window, per round.`,
    );
    console.log(table(rows));
    console.log(
      `MediaPipe / TensorFlow.js: detector ${fmt(detectorMs.tfjs / detectorMs.mediapipe, 1)}× ` +
        `faster, pipeline ${fmt(fps.mediapipe / fps.tfjs, 1)}× fps`,
    );
  } finally {
    // dist-bench/ stays for inspection; it is gitignored (dist-*/).
    await close();
  }
  if (pageErrors.length > 0) {
    throw new Error(
      `${pageErrors.length} uncaught page error(s): ${[...new Set(pageErrors)].join(' / ')}`,
    );
  }
}

main().catch((err) => {
  console.error(`bench:engines: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
