// Benchmark (issue 16): the app in Chromium, Firefox and WebKit. Runs the cross-engine core
// flows (tests/engines/core-flows.spec.ts, Vitest project `engines`) with the sample footage's
// frame rate averaged over --seconds, then prints one Markdown table: engine and version, the
// inference engine and backend it fell to, seconds to the first face box, fps, faces found on
// the six demo photos, and the status line's fallback chips. Exits non-zero if a flow fails.
// `npm test` runs it once on its smallest setting (--smoke, the build it already made).
//
// Usage: node scripts/bench-browsers.mjs [--smoke | --seconds 20] [--engines chromium,firefox,webkit]
//          [--dist DIR] [-- <extra vitest arguments>]
// --smoke (or BENCH_SMOKE=1) is --seconds 3.
// Without --dist it builds into dist-bench/ first, as the other benchmarks do.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  benchLog,
  buildBench,
  OUT_DIR,
  table,
  warnIfBusy,
} from './lib/bench-common.mjs';
import {
  DEFAULT_TOOLS,
  chromiumPath,
  ensureSystemTools,
} from './lib/prereqs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);
const ALL = ['chromium', 'firefox', 'webkit'];
const FIGURES = 'test-results/engines';
const log = benchLog('browsers');

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const own = dash < 0 ? argv : argv.slice(0, dash);
const passThrough = dash < 0 ? [] : argv.slice(dash + 1);
/** @param {string} name @param {string} fallback */
const opt = (name, fallback) => {
  const i = own.indexOf(name);
  return i >= 0 && own[i + 1] ? own[i + 1] : fallback;
};
const smoke = own.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const seconds = Number(opt('--seconds', smoke ? '3' : '20'));
const engines = opt('--engines', ALL.join(',')).split(',').filter(Boolean);
const unknown = engines.filter((e) => !ALL.includes(e));
if (!(seconds > 0) || unknown.length > 0) {
  console.error(
    'usage: node scripts/bench-browsers.mjs [--smoke | --seconds N>0] [--engines chromium,firefox,webkit] [--dist DIR] [-- vitest args]',
  );
  process.exit(2);
}

// Chromium, ffmpeg (fixtures), Firefox, WebKitGTK, Xvfb: apt-get installs them when root.
ensureSystemTools({
  tools: DEFAULT_TOOLS.filter((t) => t.pkg !== 'opencv-doc'),
});
let dist = opt('--dist', '');
if (!dist) {
  await buildBench(log);
  dist = OUT_DIR;
}
const fixtures = spawnSync(process.execPath, ['scripts/make-fixtures.mjs'], {
  stdio: 'inherit',
});
if (fixtures.status !== 0) throw new Error('scripts/make-fixtures.mjs failed');
warnIfBusy(log);

for (const e of ALL)
  rmSync(path.join(FIGURES, `figures-${e}.json`), { force: true });
log(`core flows in ${engines.join(', ')}, fps averaged over ${seconds} s`);
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'engines', ...passThrough],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      LS_DIST: dist,
      LS_ENGINES_FPS_SECONDS: String(seconds),
      LOCALSIGHT_ENGINES: engines.join(','),
      LOCALSIGHT_CHROMIUM: chromiumPath(),
    },
  },
);

/** @type {string[][]} */
const rows = [
  [
    'Engine (as tested)',
    'Inference',
    'First box',
    `fps (${seconds} s mean)`,
    'Faces on demo photos',
    'Fallback chips',
  ],
];
for (const e of engines) {
  const file = path.join(FIGURES, `figures-${e}.json`);
  if (!existsSync(file)) {
    rows.push([e, 'no figures (its flows did not run)', '', '', '', '']);
    continue;
  }
  /** @type {Record<string, string | number | undefined>} */
  const f = JSON.parse(readFileSync(file, 'utf8'));
  const show = (/** @type {unknown} */ v, suffix = '') =>
    v === undefined ? '–' : `${v}${suffix}`;
  rows.push([
    show(f.version),
    show(f.backend),
    show(f.firstBoxS, ' s'),
    show(f.fps),
    f.photoFaces === undefined ? '–' : `${f.photoFacesTotal} (${f.photoFaces})`,
    show(f.fallbacks),
  ]);
}
console.log(`\n${table(rows)}\n`);
log(
  'fps: frames analysed per second of the sample footage (the six demo photos as a slideshow), 2 cores, no GPU; figures from one run',
);
process.exit(run.status ?? 1);
