#!/usr/bin/env node
// The first minute of a demo (issue 19): the built app, served as `npm start` serves it (the
// production build, the app's security headers, its service worker), opened at
// `?source=sample` in a fresh browser profile (cold: nothing cached, no engine measurement),
// then reloaded in the same profile (warm: the offline copy and the engine measurement there).
// Prints, per visit, navigation → first boxed face, with the milestones on the way (worker
// ready, first analysed frame), and the medians. Figures only; it asserts none.

/* global window, document, location -- watchStartup and the waits run in Chromium */

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  benchBuild,
  benchLog,
  benchOptions,
  knob,
  median,
  table,
  warnIfBusy,
} from './lib/bench-common.mjs';
import { chromiumPath } from './lib/prereqs.mjs';

const USAGE = `usage: npm run bench:startup [-- --smoke] [-- --dist DIR]
  Opens the built app at ?source=sample in a fresh Chromium profile, then reloads it, and
  prints navigation → first boxed face for each (cold, warm).
  --smoke     one round (npm test runs this)
  --dist DIR  serve a build already made (e.g. dist/) instead of building into dist-bench/
  BENCH_RUNS  rounds, each in a new profile (default 5)`;

const log = benchLog('startup');
const opts = benchOptions(USAGE, { dist: true });
const ROUNDS = knob('BENCH_RUNS', 5, 1);
const TIMEOUT_MS = 120_000;
/** More of the address, e.g. BENCH_QUERY='&engine=tfjs' (to compare one engine's start). */
const EXTRA = process.env.BENCH_QUERY ?? '';

/**
 * Installed before the page's own scripts: polls the stage (through the open shadow roots)
 * and notes, on the page's clock (0 = navigation start), when the worker was ready, when the
 * first frame was analysed and when the first face box was on screen.
 */
function watchStartup() {
  const w = /** @type {any} */ (window);
  w.__startup = { ready: null, firstFrame: null, firstBox: null, engine: null };
  const tick = () => {
    const app = document.querySelector('ls-app');
    const root = app?.shadowRoot;
    const stage = /** @type {HTMLElement | null | undefined} */ (
      root?.querySelector('ls-stage')
    );
    const s = w.__startup;
    const now = performance.now();
    const bar = root?.querySelector('ls-status-bar');
    if (s.ready === null && bar && /** @type {any} */ (bar).status === 'ready')
      s.ready = now;
    if (s.firstFrame === null && Number(stage?.dataset.frames ?? 0) > 0)
      s.firstFrame = now;
    if (s.firstBox === null && Number(stage?.dataset.faces ?? 0) > 0) {
      s.firstBox = now;
      // The engine that showed it (the reload runs the one the first start measured faster).
      s.engine =
        /** @type {HTMLElement | null | undefined} */ (bar)?.dataset.engine ??
        null;
      return;
    }
    setTimeout(tick, 10);
  };
  tick();
}

/** @param {import('playwright-core').Page} page */
async function visit(page, url, reload) {
  if (reload) await page.reload();
  else await page.goto(url);
  await page.waitForFunction(
    () => /** @type {any} */ (window).__startup?.firstBox !== null,
    undefined,
    { timeout: TIMEOUT_MS, polling: 50 },
  );
  return page.evaluate(() => /** @type {any} */ (window).__startup);
}

async function round(baseUrl) {
  // A fresh profile on disk, as a first visit on a new device (and its HTTP cache and
  // compiled-code cache for the warm visit, as a reload has).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ls-startup-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: CHROMIUM_ARGS,
  });
  /** @type {string[]} */
  const errors = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(watchStartup);
    const url = new URL(`?source=sample${EXTRA}`, baseUrl).href;
    const cold = await visit(page, url, false);
    // The warm visit is what a rep sees on the next start: let the offline copy finish first.
    await page.waitForFunction(
      () => navigator.serviceWorker?.controller !== null,
      undefined,
      { timeout: TIMEOUT_MS, polling: 200 },
    );
    // And the first start's engine measurement (under Auto): the reload runs the faster.
    await page.waitForFunction(
      () =>
        /engine=/.test(location.search) ||
        performance.getEntriesByName('localsight:engines-measured').length > 0,
      undefined,
      { timeout: TIMEOUT_MS, polling: 200 },
    );
    await page.waitForTimeout(2000);
    const warm = await visit(page, url, true);
    return { cold, warm, errors };
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  warnIfBusy(log);
  const { server, dir } = await benchBuild(log, opts.dist);
  const app = await server.serveBuild(dir);
  const rows = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const r = await round(app.url);
      if (r.errors.length)
        throw new Error(`page errors: ${r.errors.join(' / ')}`);
      rows.push(r);
      const f = (/** @type {any} */ v) =>
        `ready ${ms(v.ready)}, first frame ${ms(v.firstFrame)}, first box ${ms(v.firstBox)} (${v.engine ?? 'engine unknown'})`;
      log(`round ${i + 1}: cold ${f(r.cold)}; warm ${f(r.warm)}`);
    }
  } finally {
    await app.close();
  }
  const med = (/** @type {'cold' | 'warm'} */ k, /** @type {string} */ m) =>
    ms(median(rows.map((r) => r[k][m])));
  console.log(
    table([
      ['visit', 'worker ready', 'first analysed frame', 'first boxed face'],
      ...['cold', 'warm'].map((k) => [
        k === 'cold'
          ? 'cold (fresh profile)'
          : 'warm (reload: offline copy, engine measured)',
        med(/** @type {any} */ (k), 'ready'),
        med(/** @type {any} */ (k), 'firstFrame'),
        med(/** @type {any} */ (k), 'firstBox'),
      ]),
    ]),
  );
  const cpus = os.cpus();
  console.log(
    `bench:startup: medians of ${rows.length} round(s), navigation → event on the page's clock; ` +
      `${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, load ${os.loadavg()[0].toFixed(1)}`,
  );
}

/** @param {number | null} v */
function ms(v) {
  return v === null || Number.isNaN(v) ? '—' : `${(v / 1000).toFixed(2)} s`;
}

main().catch((err) => {
  console.error(
    `bench:startup: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});
