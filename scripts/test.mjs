// `npm test`: system tools, models, format/lint/types, unit tests, build, fixtures, every
// evaluation and benchmark once on its smallest setting, e2e tests in Chromium, then the core
// flows in Chromium, Firefox and WebKit (bench:browsers on its smallest setting).
// Stops at the first failing step, and always ends with one line:
// `tests: <P> passed, <F> failed[, <S> skipped]`.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PETS_CLIP, chromiumPath, ensureSystemTools } from './lib/prereqs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

const USAGE = `usage: node scripts/test.mjs [--unit | --e2e] [--skip-lint]
  --unit       only tools, models, checks and unit tests
  --e2e        skip format/lint/typecheck and unit tests
  --skip-lint  skip format:check, lint and typecheck`;

const args = process.argv.slice(2);
const known = ['--unit', '--e2e', '--skip-lint', '--help'];
const unknown = args.filter((a) => !known.includes(a));
if (
  args.includes('--help') ||
  unknown.length > 0 ||
  (args.includes('--unit') && args.includes('--e2e'))
) {
  if (unknown.length > 0) console.error(`unknown option: ${unknown.join(' ')}`);
  console.log(USAGE);
  process.exit(args.includes('--help') && unknown.length === 0 ? 0 : 2);
}
const onlyUnit = args.includes('--unit');
const onlyE2e = args.includes('--e2e');
const checks = !onlyE2e && !args.includes('--skip-lint');

// Test counts, summed over the Vitest JSON reports read so far.
const counts = { passed: 0, failed: 0, skipped: 0 };
let current = 'start'; // the step running now
const started = Date.now();
const secs = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;

// The summary is printed on every exit, including process.exit() in a helper or a crash.
process.on('exit', (code) => {
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // make the failure visible
  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
  const outcome = code === 0 ? 'all steps passed' : `FAILED at: ${current}`;
  console.log(`\n${outcome} (${secs(Date.now() - started)} in total)`);
  console.log(
    `tests: ${counts.passed} passed, ${counts.failed} failed${skipped}`,
  );
});

/** Prints a step heading with the time elapsed so far. @param {string} title */
function heading(title) {
  current = title;
  console.log(`\n=== ${title}  [t+${secs(Date.now() - started)}]`);
}

/**
 * Runs one command with inherited stdio; returns whether it exited with 0.
 * @param {string} title @param {string} cmd @param {string[]} argv @param {NodeJS.ProcessEnv} [env]
 */
function run(title, cmd, argv, env = process.env) {
  heading(title);
  const t0 = Date.now();
  const res = spawnSync(cmd, argv, { stdio: 'inherit', shell: false, env });
  const how = res.error
    ? res.error.message
    : res.signal
      ? `signal ${res.signal}`
      : `exit ${res.status}`;
  const ok = res.status === 0;
  console.log(
    `--- ${title}: ${ok ? 'ok' : `FAILED (${how})`} in ${secs(Date.now() - t0)}`,
  );
  return ok;
}

/**
 * Runs one Vitest project, adds its JSON report to the counts, stops if it failed. `via` runs
 * it through a script that passes what follows `--` on to Vitest (bench-browsers.mjs).
 * @param {'unit' | 'e2e' | 'engines' | 'bench'} project @param {NodeJS.ProcessEnv} [env]
 * @param {string[]} [via] @param {string} [title] the step's name
 */
function vitest(
  project,
  env = process.env,
  via = [],
  title = `${project} tests`,
) {
  const report = `test-results/${project}.json`;
  rmSync(report, { force: true }); // never count a stale report
  const reporters = [
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`,
  ];
  const ok =
    via.length > 0
      ? run(title, process.execPath, [...via, '--', ...reporters], env)
      : run(
          title,
          'npx',
          ['vitest', 'run', '--project', project, ...reporters],
          env,
        );
  if (existsSync(report)) {
    /** @type {Record<string, number | undefined>} Vitest's JSON reporter output */
    const json = JSON.parse(readFileSync(report, 'utf8'));
    counts.passed += json.numPassedTests ?? 0;
    counts.failed += json.numFailedTests ?? 0;
    counts.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  } else {
    console.log(`(no report at ${report})`);
  }
  if (!ok) process.exit(1);
}

/** Runs a step; the first failure ends the run. @param {string} title @param {string} cmd @param {string[]} argv */
const step = (title, cmd, argv) => run(title, cmd, argv) || process.exit(1);

// a) chromium, ffmpeg, opencv-doc (apt-get installs them when root; otherwise it says what to run)
heading(
  'system tools (chromium, firefox-esr, webkit2gtk-driver, xvfb, ffmpeg, opencv-doc)',
);
ensureSystemTools();
// b) model files copied from npm packages into public/ and verified
step('models', 'npm', ['run', 'models']);
// c) static checks
if (checks) {
  step('format:check', 'npm', ['run', 'format:check']);
  step('lint', 'npm', ['run', 'lint']);
  step('typecheck', 'npm', ['run', 'typecheck']);
}
// d) unit tests
if (!onlyE2e) vitest('unit');
if (!onlyUnit) {
  // e) production build, f) video fixtures, g) browser tests against the built app
  step('build', 'npx', ['vite', 'build']);
  step('fixtures', process.execPath, ['scripts/make-fixtures.mjs']);
  // Benchmarks and evaluations print figures and are never timed assertions; each runs once on
  // its smallest setting here so that none can break unnoticed (npm run eval:tracking).
  step('eval:tracking, smallest setting', process.execPath, [
    'scripts/eval-tracking.mjs',
    PETS_CLIP,
    'tests/fixtures/pets09/PETS09-S2L1.gt.txt',
    '--max-frames',
    '20',
    '--out',
    'test-results/eval-tracking/smoke.txt',
  ]);
  // The object-class demo's precision and recall (issue 17), on three images.
  step('eval:objects, smallest setting', process.execPath, [
    'scripts/eval-objects.mjs',
    '--smoke',
  ]);
  // The face-recognition candidates' error rates (issue 18), on two images.
  step('eval:matching, smallest setting', process.execPath, [
    'scripts/eval-matching.mjs',
    '--smoke',
  ]);
  // Every benchmark once on its smallest setting (--smoke: one round, a few frames or seconds;
  // a run that cannot measure fails), the built app where one is served; bench:browsers is
  // the engines project, last. `npm run bench` runs them in full.
  const dist = process.env.LS_DIST || 'dist';
  vitest(
    'bench',
    { ...process.env, BENCH_SMOKE: '1' },
    [],
    'bench:attributes, smallest setting',
  );
  /** @type {[string, string[]][]} the npm script's name, the script and its options */
  const benches = [
    ['bench:engines', ['scripts/bench-engines.mjs', '--dist', dist]],
    ['bench:isolation', ['scripts/bench-isolation.mjs', '--dist', dist]],
    ['bench:startup', ['scripts/bench-startup.mjs', '--dist', dist]],
    ['bench:peers', ['scripts/bench-peers.mjs']], // its page built like the app, served with its headers
    ['bench:video', ['scripts/bench-video.mjs']],
  ];
  for (const [name, argv] of benches) {
    step(`${name}, smallest setting`, process.execPath, [...argv, '--smoke']);
  }
  vitest('e2e', { ...process.env, LOCALSIGHT_CHROMIUM: chromiumPath() });
  // h) the core flows in Chromium, Firefox and WebKit (tests/engines/), through their
  // benchmark on its smallest setting, which prints the browser-support figures
  vitest('engines', process.env, [
    'scripts/bench-browsers.mjs',
    '--smoke',
    '--dist',
    dist,
  ]);
}
process.exit(0);
