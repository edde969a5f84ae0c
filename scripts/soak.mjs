// Soak (issue 8): the built app analyses a fake camera that loops visits.mp4 (8 visits every
// 10 s) for SOAK_MINUTES, and every SOAK_SAMPLE_S prints visits counted against expected,
// visits stored (IndexedDB, read with the browser's own API), worker tensors and page heap.
// Exits 1 if a counted visit was not stored at the end or the worker's tensors grew.
// Not part of npm test. Knobs: SOAK_MINUTES=10 SOAK_SAMPLE_S=30

/* global document, indexedDB -- the probes run in Chromium */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  benchLog,
  buildBench,
  fmt,
  launch,
  machineLine,
  median,
  OUT_DIR,
  table,
  warnIfBusy,
  watchProblems,
} from './lib/bench-common.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/generated');
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_S ?? 30);
const log = benchLog('soak');

/** visits.json: the footage's spans; a visit is a face in a span that has a photo. */
const truth = JSON.parse(
  readFileSync(path.join(FIXTURES, 'visits.json'), 'utf8'),
);
const VISITS_PER_LOOP = truth.spans.reduce(
  (/** @type {number} */ n, /** @type {{faces: number}} */ s) => n + s.faces,
  0,
);
const LOOP_S = truth.duration;

/** The fake camera plays y4m (or mjpeg) only: visits.mp4 as raw frames, made once. */
function cameraFile() {
  const mp4 = path.join(FIXTURES, 'visits.mp4');
  const y4m = path.join(FIXTURES, 'visits.y4m');
  if (!existsSync(mp4)) {
    const made = spawnSync(process.execPath, ['scripts/make-fixtures.mjs'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (made.status !== 0) throw new Error('scripts/make-fixtures.mjs failed');
  }
  if (!existsSync(y4m)) {
    const ffmpeg = spawnSync(
      'ffmpeg',
      ['-v', 'error', '-y', '-i', mp4, '-pix_fmt', 'yuv420p', y4m],
      { stdio: 'inherit' },
    );
    if (ffmpeg.status !== 0)
      throw new Error('ffmpeg could not make visits.y4m');
  }
  return y4m;
}

/** What the page shows and stores now. @param {import('playwright-core').Page} page */
async function sample(page) {
  return page.evaluate(async () => {
    const deep = (/** @type {string} */ selector) => {
      /** @param {Document | ShadowRoot} root @returns {Element | null} */
      const find = (root) => {
        const hit = root.querySelector(selector);
        if (hit) return hit;
        for (const el of root.querySelectorAll('*')) {
          const inner = el.shadowRoot && find(el.shadowRoot);
          if (inner) return inner;
        }
        return null;
      };
      return /** @type {HTMLElement | null} */ (find(document));
    };
    const app = deep('ls-app');
    const stored = await new Promise((resolve) => {
      const open = indexedDB.open('localsight-counts');
      open.onerror = () => resolve(NaN);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('buckets')) return resolve(0);
        const all = db.transaction('buckets').objectStore('buckets').getAll();
        all.onsuccess = () =>
          resolve(
            all.result
              .filter((b) => b.granularity === 'day')
              .reduce((n, b) => n + (b.passersBy ?? 0), 0),
          );
        all.onerror = () => resolve(NaN);
      };
    });
    return {
      frames: Number(deep('ls-stage')?.dataset.frames ?? NaN),
      counted: Number(deep('ls-session-panel')?.dataset.passersBy ?? NaN),
      flushed: Number(app?.dataset.flushedVisits ?? NaN),
      stored: /** @type {number} */ (stored),
      tensors: Number(deep('ls-status-bar')?.dataset.tensors ?? NaN),
      heapMB:
        /** @type {any} */ (performance.memory?.usedJSHeapSize ?? NaN) / 1e6,
    };
  });
}

async function main() {
  const y4m = cameraFile();
  const server = await buildBench(log);
  const { url, close } = await server.serveBuild(OUT_DIR);
  const browser = await launch([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${y4m}`,
    '--enable-precise-memory-info',
  ]);
  /** @type {string[][]} */
  const rows = [
    [
      'elapsed',
      'frames',
      'visits expected',
      'counted',
      'stored',
      'worker tensors',
      'page heap MB',
    ],
  ];
  /** @type {Awaited<ReturnType<typeof sample>>[]} */
  const samples = [];
  let problems = /** @type {string[]} */ ([]);
  try {
    warnIfBusy(log);
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    problems = watchProblems(context, page, new URL(url).origin);
    await page.goto(new URL('?source=camera', url).href);
    await page
      .locator('ls-stage[data-frames]:not([data-frames="0"])')
      .waitFor({ timeout: 120_000 });
    const t0 = Date.now();
    log(
      `fake camera loops visits.mp4 (${VISITS_PER_LOOP} visits per ${LOOP_S} s); ` +
        `${MINUTES} min, a sample every ${SAMPLE_S} s`,
    );
    const end = t0 + MINUTES * 60_000;
    while (Date.now() < end) {
      await page.waitForTimeout(Math.min(SAMPLE_S * 1000, end - Date.now()));
      const s = await sample(page);
      samples.push(s);
      const elapsed = (Date.now() - t0) / 1000;
      const row = [
        `${fmt(elapsed / 60, 1)} min`,
        String(s.frames),
        `~${Math.floor(elapsed / LOOP_S) * VISITS_PER_LOOP}`,
        String(s.counted),
        String(s.stored),
        String(s.tensors),
        fmt(s.heapMB, 1),
      ];
      rows.push(row);
      log(row.join(' | '));
    }
    // Stop the source: open visits end and every count is flushed before reading the store.
    await page.locator('ls-source-picker #stop').click();
    await page.waitForTimeout(5000);
    const last = await sample(page);
    rows.push([
      'stopped',
      String(last.frames),
      '',
      String(last.counted),
      String(last.stored),
      String(last.tensors),
      fmt(last.heapMB, 1),
    ]);
    const tensors = samples.map((s) => s.tensors);
    const heaps = samples.map((s) => s.heapMB);
    const quarter = Math.max(1, Math.floor(heaps.length / 4));
    const heapFirst = median(heaps.slice(0, quarter));
    const heapLast = median(heaps.slice(-quarter));
    console.log('');
    console.log(
      machineLine(browser.version(), `Soak of ${MINUTES} min on ${OUT_DIR}/.`),
    );
    console.log(table(rows));
    const lost = last.counted - last.stored;
    const grew = Math.max(...tensors) !== Math.min(...tensors);
    console.log(
      `Visits counted ${last.counted}, stored ${last.stored} (${lost === 0 ? 'none lost' : `${lost} lost`}); ` +
        `worker tensors ${grew ? `GREW ${Math.min(...tensors)}→${Math.max(...tensors)}` : `flat at ${tensors[0]}`}; ` +
        `page heap median ${fmt(heapFirst, 1)} MB in the first quarter, ${fmt(heapLast, 1)} MB in the last.`,
    );
    for (const p of [...new Set(problems)].slice(0, 10)) log(`problem: ${p}`);
    if (lost !== 0 || grew || problems.length > 0) process.exitCode = 1;
  } finally {
    await browser.close();
    await close();
  }
}

main().catch((err) => {
  console.error(`soak: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
