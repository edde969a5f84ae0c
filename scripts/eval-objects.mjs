#!/usr/bin/env node
// Object-class demo evaluation (issue 17): runs the app's own PersonDetector (src/, via Vite's
// SSR loader; the same CenterNet run that finds people) on tfjs WASM in node over test images
// that ship in npm and Debian packages, listed with their ground truth and sha256 in
// tests/fixtures/objects/truth.json, and prints image-level precision and recall per class.
// Debian packages are fetched with `apt-get download` (no root needed); nothing is committed.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { ssrServer, wasmAndFetcher } from './lib/app-modules.mjs';
import { readRcc } from './lib/qt-rcc.mjs';

const USAGE = `usage: npm run eval:objects -- [options]
  --smoke           three images only (a scissors and a knife photo, a photo without either):
                    checks the pipeline end to end in well under a minute
  --group G         only images of group G (photo, cctv or drawing)
  --threshold T     score at which a class counts as found (default: the app's OBJECT_MIN_SCORE)
  --list            print every image's best score per class
example: npm run eval:objects`;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TRUTH = path.join(ROOT, 'tests/fixtures/objects/truth.json');
const CACHE = path.join(ROOT, 'test-results/eval-objects');
const LABELS = /** @type {const} */ (['knife', 'scissors', 'baseball bat']);
/** Scores below this are not even decoded; the sweep starts above it. */
const FLOOR = 0.05;
const SWEEP = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];
const SMOKE = [
  'gcompris/src/activities/categorization/resource/images/tools/scissors1.webp',
  'gcompris/src/activities/categorization/resource/images/others/knife.webp',
  'demo/sample1.jpg',
];

/** @typedef {{ deb?: string, npm?: string, version: string, rcc?: string, installed?: boolean }} Source */
/** @typedef {{ source: string, path: string, sha256: string, group: string, truth: string[], frame?: number, note?: string }} Entry */

/** @param {string} message @returns {never} */
function usage(message) {
  console.error(`eval:objects: ${message}\n${USAGE}`);
  process.exit(2);
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const opts = {
    smoke: false,
    /** @type {string | null} */ group: null,
    /** @type {number | null} */ threshold: null,
    list: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a === '--smoke') opts.smoke = true;
    else if (a === '--list') opts.list = true;
    else if (a === '--group')
      opts.group = argv[++i] ?? usage('--group needs a name');
    else if (a === '--threshold') {
      const t = Number(argv[++i]);
      if (!(t > 0 && t < 1)) usage('--threshold needs a number in (0, 1)');
      opts.threshold = t;
    } else usage(`unknown option ${a}`);
  }
  return opts;
}

/** @param {Buffer} bytes */
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [o] */
function run(cmd, args, o = {}) {
  const res = spawnSync(cmd, args, { maxBuffer: 1 << 30, ...o });
  if (res.error) throw new Error(`${cmd} could not run: ${res.error.message}`);
  if (res.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed: ${String(res.stderr)}`);
  return res.stdout;
}

/**
 * The .deb of `source` at its pinned version, downloaded once into the cache.
 * @param {Source} source @returns {string}
 */
function debFile(source) {
  const dir = path.join(CACHE, 'debs');
  // apt-get names it package_version_arch.deb, with an epoch's colon written as %3a.
  const stem = `${source.deb}_${source.version.replace(':', '%3a')}_`;
  const find = () =>
    existsSync(dir)
      ? readdirSync(dir).find((f) => f.startsWith(stem) && f.endsWith('.deb'))
      : undefined;
  let file = find();
  if (!file) {
    mkdirSync(dir, { recursive: true });
    console.error(
      `eval:objects: apt-get download ${source.deb}=${source.version}`,
    );
    run('apt-get', ['download', `${source.deb}=${source.version}`], {
      cwd: dir,
    });
    file = find();
    if (!file) throw new Error(`apt-get download gave no ${stem}*.deb`);
  }
  return path.join(dir, file);
}

/** Files read out of packages and .rcc containers, by source and path. */
const unpacked = new Map();

/**
 * The bytes of `entry`, from its package, checked against its sha256.
 * @param {Entry} entry @param {Source} source @returns {Promise<Buffer>}
 */
async function bytesOf(entry, source) {
  /** @type {Buffer | undefined} */
  let bytes;
  if (source.npm) {
    bytes = await fs.readFile(
      path.join(ROOT, 'node_modules', source.npm, entry.path),
    );
  } else if (source.installed && existsSync(`/${entry.path}`)) {
    bytes = await fs.readFile(`/${entry.path}`);
  } else if (source.rcc) {
    const key = `${entry.source}:${source.rcc}`;
    if (!unpacked.has(key)) {
      const rcc = run('dpkg-deb', ['--fsys-tarfile', debFile(source)]);
      const member = run('tar', ['-xO', `./${source.rcc}`], { input: rcc });
      unpacked.set(key, readRcc(member));
    }
    bytes = unpacked.get(key).get(entry.path);
  } else {
    const tar = run('dpkg-deb', ['--fsys-tarfile', debFile(source)]);
    bytes = run('tar', ['-xO', `./${entry.path}`], { input: tar });
  }
  if (!bytes?.length) throw new Error(`${entry.source}: no ${entry.path}`);
  const sum = sha256(bytes);
  if (sum !== entry.sha256)
    throw new Error(`${entry.path}: sha256 ${sum}, expected ${entry.sha256}`);
  return bytes;
}

/**
 * `file` (an image, or frame `frame` of a video) as RGB bytes, transparency flattened onto
 * white, decoded by ffmpeg.
 * @param {string} file @param {number | undefined} frame
 */
function decode(file, frame) {
  const probe = run(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height',
      '-of',
      'csv=p=0',
      file,
    ],
    { encoding: 'utf8' },
  );
  const [width, height] = String(probe).trim().split(',').map(Number);
  const select = frame ? `select=eq(n\\,${frame - 1}),` : '';
  const graph = `[0:v]${select}format=rgba,split[a][b];[b]drawbox=c=white:t=fill[bg];[bg][a]overlay=format=auto,format=rgb24`;
  const rgb = run('ffmpeg', [
    '-v',
    'error',
    '-nostdin',
    '-i',
    file,
    '-filter_complex',
    graph,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ]);
  if (rgb.length !== width * height * 3)
    throw new Error(
      `${file}: decoded ${rgb.length} bytes for ${width}×${height}`,
    );
  return { rgb, width, height };
}

/** The app's modules through Vite's SSR loader; tfjs stays external (one shared engine). */
async function loadApp() {
  const server = await ssrServer();
  const load = (/** @type {string} */ file) => server.ssrLoadModule(file);
  try {
    const [backend, fetcher, detector, constants] = await Promise.all([
      load('/src/model/tfjs/backend.ts'),
      load('/src/model/asset-fetcher.ts'),
      load('/src/model/tfjs/person-detector.ts'),
      load('/src/model/constants.ts'),
    ]);
    return { backend, fetcher, detector, constants };
  } finally {
    await server.close();
  }
}

/**
 * Image-level counts per class at `threshold`.
 * @param {{ entry: Entry, best: Record<string, number> }[]} results @param {number} threshold
 */
function score(results, threshold) {
  return LABELS.map((label) => {
    let [tp, fp, fn, positives] = [0, 0, 0, 0];
    /** @type {string[]} */ const misses = [];
    /** @type {string[]} */ const alarms = [];
    for (const { entry, best } of results) {
      const truth = entry.truth.includes(label);
      const found = (best[label] ?? 0) >= threshold;
      if (truth) positives++;
      if (truth && found) tp++;
      else if (truth) {
        fn++;
        misses.push(name(entry));
      } else if (found) {
        fp++;
        alarms.push(name(entry));
      }
    }
    return {
      label,
      tp,
      fp,
      fn,
      positives,
      images: results.length,
      misses,
      alarms,
    };
  });
}

/** @param {Entry} e */
const name = (e) => `${path.basename(e.path)}${e.frame ? `#${e.frame}` : ''}`;
/** @param {number} n @param {number} d */
const ratio = (n, d) => (d === 0 ? '  n/a' : (n / d).toFixed(2).padStart(5));

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  /** @type {{ sources: Record<string, Source>, images: Entry[] }} */
  const truth = JSON.parse(readFileSync(TRUTH, 'utf8'));
  let entries = truth.images;
  if (opts.smoke) entries = entries.filter((e) => SMOKE.includes(e.path));
  if (opts.group) entries = entries.filter((e) => e.group === opts.group);
  if (entries.length === 0) usage('no images selected');

  const app = await loadApp();
  const threshold = opts.threshold ?? app.constants.OBJECT_MIN_SCORE;
  const { reason, fetcher } = await wasmAndFetcher(app);
  const detector = await app.detector.PersonDetector.create(fetcher);
  const warm = tf.zeros([64, 64, 3]);
  await detector.detectAll(warm, true, FLOOR).finally(() => warm.dispose());
  const tensorsBefore = tf.memory().numTensors;

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'eval-objects-'));
  /** @type {{ entry: Entry, best: Record<string, number> }[]} */
  const results = [];
  const started = performance.now();
  try {
    for (const entry of entries) {
      const source = truth.sources[entry.source];
      if (!source)
        throw new Error(`${entry.path}: unknown source ${entry.source}`);
      const bytes = await bytesOf(entry, source);
      const file = path.join(
        tmp,
        `${results.length}${path.extname(entry.path)}`,
      );
      await fs.writeFile(file, bytes);
      const { rgb, width, height } = decode(file, entry.frame);
      await fs.rm(file);
      const image = tf.tensor3d(Float32Array.from(rgb), [height, width, 3]);
      const { objects } = await detector
        .detectAll(image, true, FLOOR)
        .finally(() => image.dispose());
      /** @type {Record<string, number>} */
      const best = {};
      for (const o of objects)
        best[o.label] = Math.max(best[o.label] ?? 0, o.score);
      results.push({ entry, best });
      if (opts.list) {
        const shown = LABELS.map(
          (l) => `${l} ${(best[l] ?? 0).toFixed(2)}`,
        ).join(', ');
        console.log(
          `  ${entry.group.padEnd(7)} ${name(entry).padEnd(34)} truth [${entry.truth.join(', ')}]  best: ${shown}`,
        );
      }
    }
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const leaked = tf.memory().numTensors - tensorsBefore;
  detector.dispose();

  const lines = [
    `eval:objects: ${results.length} images, threshold ${threshold} (image-level: a class is found when any box of it scores ≥ the threshold)`,
  ];
  const groups = [...new Set(results.map((r) => r.entry.group))];
  for (const group of [...groups, ...(groups.length > 1 ? ['all'] : [])]) {
    const subset =
      group === 'all'
        ? results
        : results.filter((r) => r.entry.group === group);
    lines.push(`  ${group}: ${subset.length} images`);
    lines.push('    class          n+   TP   FP   FN  precision  recall');
    for (const s of score(subset, threshold)) {
      lines.push(
        `    ${s.label.padEnd(13)} ${String(s.positives).padStart(3)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}      ${ratio(s.tp, s.tp + s.fp)}   ${ratio(s.tp, s.positives)}`,
      );
      if (s.alarms.length)
        lines.push(`      false alarms: ${s.alarms.join(', ')}`);
      if (s.misses.length) lines.push(`      missed: ${s.misses.join(', ')}`);
    }
  }
  lines.push('  sweep (all three classes together, per group: TP/FP/FN):');
  for (const t of SWEEP) {
    const cells = groups.map((g) => {
      const s = score(
        results.filter((r) => r.entry.group === g),
        t,
      );
      const sum = (/** @type {'tp'|'fp'|'fn'} */ k) =>
        s.reduce((a, x) => a + x[k], 0);
      return `${g} ${sum('tp')}/${sum('fp')}/${sum('fn')}`;
    });
    lines.push(`    ≥ ${t.toFixed(2)}  ${cells.join('   ')}`);
  }
  lines.push(
    `  ${seconds.toFixed(1)} s, ${((seconds * 1000) / results.length).toFixed(0)} ms per image (extract, decode, detect); tfjs ${reason}; Node ${process.version}${leaked ? `; WARNING: ${leaked} tensors leaked` : ''}`,
  );
  console.log(lines.join('\n'));
  if (leaked) process.exit(1);
}

main().catch((err) => {
  console.error(
    `eval:objects: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});
