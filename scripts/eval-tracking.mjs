#!/usr/bin/env node
// Tracking evaluation (issue 15): runs the app's own PersonDetector and PeopleSession (the
// person tracker and the visit rules the analysis worker uses; src/, via Vite's SSR loader) over every frame of a video, decoded by ffmpeg, on tfjs WASM in node;
// deterministic, not real time. Writes the tracks in MOTChallenge format and prints CLEAR MOT
// and identity metrics against a MOTChallenge ground truth (scripts/lib/mot-metrics.mjs).

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { ssrServer, wasmAndFetcher } from './lib/app-modules.mjs';
import { evaluate, formatMot, parseMot } from './lib/mot-metrics.mjs';

/** @import { IdBox, Sequence } from './lib/mot-metrics.mjs' */

const USAGE = `usage: npm run eval:tracking -- VIDEO GROUND_TRUTH.txt [options]
  --stride K        run the person detector on every K-th frame; the tracker predicts the
                    frames in between (default 2)
  --max-frames N    stop after N frames (a smoke run: --max-frames 20)
  --fps F           the sequence's frame rate, for the tracker's clock (default 7: PETS09)
  --out FILE        tracks in MOTChallenge format (default test-results/eval-tracking/
                    VIDEO-sK.txt)
  --tracker K=V,…   PersonTracker options, e.g. --tracker highScore=0.4,minHits=2
  --all-truth       keep ground-truth rows with conf 0 (MOTChallenge's "ignore"; dropped by
                    default, as py-motmetrics and TrackEval do)
example: npm run eval:tracking -- /usr/share/doc/opencv-doc/examples/data/vtest.avi \\
  tests/fixtures/pets09/PETS09-S2L1.gt.txt`;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The matching IoU of CLEAR MOT and IDF1, as MOTChallenge uses. */
const MATCH_IOU = 0.5;

/** @param {string} message @returns {never} */
function usage(message) {
  console.error(`eval:tracking: ${message}\n${USAGE}`);
  process.exit(2);
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const opts = {
    /** @type {string[]} */ files: [],
    stride: 2,
    maxFrames: Infinity,
    fps: 7,
    /** @type {string | null} */ out: null,
    /** @type {Record<string, number>} */ tracker: {},
    allTruth: false,
  };
  const number = (/** @type {string} */ flag, /** @type {string=} */ v) => {
    const n = Number(v);
    if (v === undefined || !(n > 0)) usage(`${flag} needs a positive number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a === '--stride') opts.stride = Math.round(number(a, argv[++i]));
    else if (a === '--max-frames')
      opts.maxFrames = Math.round(number(a, argv[++i]));
    else if (a === '--fps') opts.fps = number(a, argv[++i]);
    else if (a === '--out') opts.out = argv[++i] ?? usage('--out needs a file');
    else if (a === '--all-truth') opts.allTruth = true;
    else if (a === '--tracker') {
      for (const pair of (argv[++i] ?? '').split(',').filter(Boolean)) {
        const [key, value] = pair.split('=');
        if (!key || !Number.isFinite(Number(value)))
          usage(`--tracker wants key=number pairs, got "${pair}"`);
        opts.tracker[key] = Number(value);
      }
    } else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else opts.files.push(a);
  }
  if (opts.files.length !== 2) usage('give a video and its ground truth');
  for (const f of opts.files) if (!existsSync(f)) usage(`no such file: ${f}`);
  return opts;
}

/** @param {string} video @returns {{ width: number, height: number }} */
function videoSize(video) {
  const probe = spawnSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries'].concat([
      'stream=width,height',
      '-of',
      'csv=p=0',
      video,
    ]),
    { encoding: 'utf8' },
  );
  if (probe.error || probe.status !== 0)
    throw new Error(
      `ffprobe could not read ${video}: ${probe.error?.message ?? probe.stderr}` +
        ' (apt-get install ffmpeg)',
    );
  const [width, height] = probe.stdout.trim().split(',').map(Number);
  return { width, height };
}

/**
 * Every frame of `video` as RGBA bytes, decoded by ffmpeg onto a pipe, in order. The buffer is
 * reused: a frame is valid until the next one is requested.
 * @param {string} video @param {{ width: number, height: number }} size @param {number} max
 * @returns {AsyncGenerator<Uint8Array>}
 */
async function* rgbaFrames(video, { width, height }, max) {
  const limit = Number.isFinite(max) ? ['-frames:v', String(max)] : [];
  const ffmpeg = spawn(
    'ffmpeg',
    ['-v', 'error', '-nostdin', '-i', video, ...limit].concat([
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      'pipe:1',
    ]),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  ffmpeg.stderr.on('data', (d) => (stderr += d));
  ffmpeg.on('error', (err) => (stderr += err.message));
  const exited = new Promise((resolve) => ffmpeg.on('close', resolve));
  const frame = new Uint8Array(width * height * 4);
  let filled = 0;
  try {
    for await (const chunk of ffmpeg.stdout) {
      for (let at = 0; at < chunk.length;) {
        const n = Math.min(chunk.length - at, frame.length - filled);
        frame.set(chunk.subarray(at, at + n), filled);
        [at, filled] = [at + n, filled + n];
        if (filled === frame.length) {
          yield frame;
          filled = 0;
        }
      }
    }
    const code = await exited;
    if (code !== 0) throw new Error(`ffmpeg failed (${code}): ${stderr}`);
  } finally {
    if (ffmpeg.exitCode === null) ffmpeg.kill();
  }
}

/**
 * RGBA bytes to the float32 [h,w,3] RGB 0..255 tensor PreparedFrame.tensor() gives the models.
 * @param {Uint8Array} rgba @param {Float32Array} rgb scratch, width·height·3
 * @param {{ width: number, height: number }} size
 */
function rgbTensor(rgba, rgb, { width, height }) {
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i];
    rgb[j + 1] = rgba[i + 1];
    rgb[j + 2] = rgba[i + 2];
  }
  return tf.tensor3d(rgb, [height, width, 3]);
}

/**
 * The app's modules, through Vite's SSR loader (Node 20 cannot import TypeScript); tfjs stays
 * external, so they share this script's tfjs engine.
 */
async function loadApp() {
  const server = await ssrServer();
  const load = (/** @type {string} */ file) => server.ssrLoadModule(file);
  try {
    const [backend, fetcher, detector, tracker, session] = await Promise.all([
      load('/src/model/tfjs/backend.ts'),
      load('/src/model/asset-fetcher.ts'),
      load('/src/model/tfjs/person-detector.ts'),
      load('/src/people/person-tracker.ts'),
      load('/src/people/people-session.ts'),
    ]);
    return { backend, fetcher, detector, tracker, session };
  } finally {
    await server.close();
  }
}

/** @param {number[]} values */
const median = (values) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const pct = (/** @type {number} */ v) => `${(100 * v).toFixed(1)} %`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const [video, truthFile] = opts.files;
  const size = videoSize(video);
  const loadBefore = os.loadavg()[0];
  const app = await loadApp();
  const { reason, fetcher } = await wasmAndFetcher(app);
  const detector = await app.detector.PersonDetector.create(fetcher);
  const known = app.tracker.DEFAULT_PERSON_TRACKER_OPTIONS;
  for (const key of Object.keys(opts.tracker))
    if (known && !(key in known)) usage(`PersonTracker has no option ${key}`);
  let nextId = 0;
  // Counted ids make the output file the same on every run.
  const session = new app.session.PeopleSession({
    tracker: { ...opts.tracker, newId: () => String(++nextId) },
  });
  let visits = 0;

  /** @type {Sequence} */
  const tracks = new Map();
  const rgb = new Float32Array(size.width * size.height * 3);
  /** @type {number[]} */
  const detectMs = [];
  let stepMs = 0;
  // One untimed run first: the first inference sets up every kernel.
  const blank = tf.zeros([size.height, size.width, 3]);
  await detector.detect(blank).finally(() => blank.dispose());
  const tensorsBefore = tf.memory().numTensors;
  let frames = 0;
  const started = performance.now();
  for await (const rgba of rgbaFrames(video, size, opts.maxFrames)) {
    frames += 1;
    const t = ((frames - 1) * 1000) / opts.fps;
    const t0 = performance.now();
    /** @type {{ id: string, box: import('../src/shared/types.ts').PersonBox }[]} */
    let detected = null;
    if ((frames - 1) % opts.stride === 0) {
      const image = rgbTensor(rgba, rgb, size);
      const people = await detector
        .detect(image)
        .finally(() => image.dispose());
      detectMs.push(performance.now() - t0);
      detected = { t, ...size, people };
    }
    // No faces at this size (MEASURED.md): the session sees people only, as the app does here.
    visits += session.update([], { t, wall: t }, detected).ended.length;
    const shown = session.people();
    stepMs += performance.now() - t0;
    /** @type {IdBox[]} */
    const boxes = shown.map(({ id, box }) => ({ id, ...box }));
    tracks.set(frames, boxes);
    if (frames % 100 === 0)
      console.error(`eval:tracking: frame ${frames}, ${boxes.length} in view`);
  }
  const wallS = (performance.now() - started) / 1000;
  visits += session.flush().length;
  const leaked = tf.memory().numTensors - tensorsBefore;
  detector.dispose();

  const truth = parseMot(readFileSync(truthFile, 'utf8'), {
    minConfidence: opts.allTruth ? -Infinity : 1,
  });
  const r = evaluate(truth, tracks, { frames, threshold: MATCH_IOU });
  const base = path.basename(video).replace(/\.[^.]+$/, '');
  const out =
    opts.out ??
    path.join(
      ROOT,
      'test-results/eval-tracking',
      `${base}-s${opts.stride}.txt`,
    );
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, formatMot(tracks));

  const fps = frames / (stepMs / 1000);
  // The tracker is tuned often: name the exact source the figures came from.
  const trackerSha = createHash('sha256')
    .update(readFileSync(path.join(ROOT, 'src/people/person-tracker.ts')))
    .digest('hex')
    .slice(0, 12);
  const cpus = os.cpus();
  const tracker0 = Object.entries(opts.tracker)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  console.log(
    [
      `eval:tracking ${base}: ${frames} frames ${size.width}×${size.height} at ${opts.fps} fps, detector every ${opts.stride} frame(s), tracker ${tracker0 || 'defaults'} (person-tracker.ts sha256 ${trackerSha})`,
      `  distinct people   ${r.trackIds} tracks shown, ${visits} visits counted (truth ${r.truthIds})`,
      `  peak in view      ${r.trackPeak} (truth ${r.truthPeak})`,
      `  MOTA ${pct(r.mota)}  IDF1 ${pct(r.idf1)} (IDP ${pct(r.idp)}, IDR ${pct(r.idr)})  MOTP ${pct(r.motp)}`,
      `  ID switches ${r.idSwitches}  FP ${r.fp}  FN ${r.fn}  TP ${r.tp} of ${r.truthBoxes} truth boxes (IoU ≥ ${MATCH_IOU})`,
      `  precision ${pct(r.precision)}  recall ${pct(r.recall)}`,
      `  speed ${fps.toFixed(1)} fps (detection + tracking), ${median(detectMs).toFixed(0)} ms median per detected frame (pixels to boxes); ${(frames / wallS).toFixed(1)} fps with decoding`,
      `  tracks written to ${path.relative(process.cwd(), out)}${leaked ? `; WARNING: ${leaked} tensors leaked` : ''}`,
      `machine: ${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, load average ${loadBefore.toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end; Node ${process.version}; tfjs ${reason}`,
    ].join('\n'),
  );
}

main().catch((err) => {
  console.error(
    `eval:tracking: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});
