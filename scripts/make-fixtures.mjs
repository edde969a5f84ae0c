// Generates the e2e video and image fixtures in tests/fixtures/generated/ with ffmpeg from the sample
// photos shipped in @vladmandic/face-api. Idempotent: a file newer than this script (and its
// inputs) is kept. Usage: node scripts/make-fixtures.mjs

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PETS_CLIP, ensureSystemTools } from './lib/prereqs.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..');
export const OUT_DIR = path.join(ROOT, 'tests/fixtures/generated');
const PHOTOS = path.join(ROOT, 'node_modules/@vladmandic/face-api/demo');

const W = 640;
const H = 480;
const FPS = 15;
/** Faces in each sample photo (sample1..sample6); sample5 shows five people (MEASURED.md says 6). */
const FACES = { 1: 3, 2: 3, 3: 3, 4: 4, 5: 5, 6: 4 };

/** @param {number} n @returns {string} */
const photo = (n) => path.join(PHOTOS, `sample${n}.jpg`);

/** Scale a still to fit 640x480 and letterbox it with black; even sizes for yuv420p. */
const FIT = [
  `scale=${W}:${H}:force_original_aspect_ratio=decrease:force_divisible_by=2`,
  `pad=${W}:${H}:(ow-iw)/2:(oh-ih)/2:color=black`,
  'setsar=1',
  `fps=${FPS}`,
  'format=yuv420p',
].join(',');

/** @param {string} flags constant options, no paths @returns {string[]} */
const argv = (flags) => flags.trim().split(/\s+/);

/** @param {number} n @param {number} seconds @returns {string[]} a photo held as a video */
const stillInput = (n, seconds) => [
  ...argv(`-loop 1 -framerate ${FPS} -t ${seconds} -i`),
  photo(n),
];

/** H.264 for browsers: a keyframe every second, moov atom first. */
const H264 = argv(`-r ${FPS} -c:v libx264 -preset veryfast -crf 23 -g ${FPS}
  -pix_fmt yuv420p -movflags +faststart`);
const VP8 = argv(
  `-r ${FPS} -c:v libvpx -b:v 1M -crf 10 -g ${FPS} -pix_fmt yuv420p`,
);

/** @param {string[]} args */
function ffmpeg(args) {
  const all = [...argv('-hide_banner -loglevel error -y'), ...args];
  const res = spawnSync('ffmpeg', all, {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (res.error) throw new Error(`ffmpeg could not run: ${res.error.message}`);
  if (res.status !== 0) {
    throw new Error(
      `ffmpeg failed (exit ${res.status}): ffmpeg ${all.join(' ')}`,
    );
  }
}

/** @param {number} length @returns {Buffer} deterministic, random-looking bytes */
function noise(length) {
  const blocks = [];
  for (let i = 0; i * 32 < length; i++) {
    blocks.push(
      createHash('sha256').update(`localsight-corrupt-${i}`).digest(),
    );
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** A one-second clip of `n` with a 440 Hz tone, for the codec fixtures. */
const clipWithTone = (/** @type {number} */ n) => [
  ...stillInput(n, 1),
  ...argv('-f lavfi -t 1 -i sine=frequency=440:duration=1'),
];

/** CRC-32 of PNG chunk data (ISO 3309, as zlib computes it). @param {Buffer} buf */
function crc32(buf) {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++)
      crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Buffer} data @returns {Buffer} one PNG chunk */
function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/**
 * A `side` × `side` black-and-white PNG of identical rows (1 bit per pixel): a few hundred
 * KB on disk, 4 bytes per pixel once decoded (a "PNG bomb" at 20000 px: 1.6 GB).
 * @param {number} side @returns {Buffer}
 */
function pngBomb(side) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const row = Buffer.alloc(1 + Math.ceil(side / 8), 0x55); // stripes
  row[0] = 0; // filter type: none
  const raw = Buffer.concat(Array.from({ length: side }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Spans of visits.mp4, in seconds; photo: null means a black frame. */
const VISITS = [
  { start: 0, end: 1, photo: null },
  { start: 1, end: 5, photo: 1 },
  { start: 5, end: 6, photo: null },
  { start: 6, end: 9, photo: 5 },
  { start: 9, end: 10, photo: null },
];
const VISITS_END = 10;

/** Builds visits.mp4 in one ffmpeg run: black `color` sources and held photos, concatenated. */
function makeVisits(/** @type {string} */ out) {
  const inputs = [];
  const chains = [];
  let nextInput = 0;
  VISITS.forEach((span, i) => {
    const seconds = span.end - span.start;
    if (span.photo === null) {
      const black = `color=c=black:s=${W}x${H}:r=${FPS}:d=${seconds}`;
      chains.push(`${black},setsar=1,format=yuv420p[v${i}]`);
    } else {
      inputs.push(...stillInput(span.photo, seconds));
      chains.push(`[${nextInput++}:v]${FIT}[v${i}]`);
    }
  });
  const labels = VISITS.map((_, i) => `[v${i}]`).join('');
  chains.push(`${labels}concat=n=${VISITS.length}:v=1:a=0[out]`);
  const graph = chains.join(';');
  const output = [...argv('-map [out]'), ...H264, ...argv('-f mp4'), out];
  ffmpeg([...inputs, '-filter_complex', graph, ...output]);
}

/** What visits.json says: the spans, their frames and how many faces each shows. */
const visitsJson = () => ({
  file: 'visits.mp4',
  width: W,
  height: H,
  fps: FPS,
  duration: VISITS_END,
  frames: VISITS_END * FPS,
  spans: VISITS.map((s) => ({
    start: s.start,
    end: s.end,
    firstFrame: s.start * FPS,
    lastFrame: s.end * FPS - 1,
    photo: s.photo === null ? null : `sample${s.photo}.jpg`,
    faces:
      s.photo === null ? 0 : FACES[/** @type {keyof typeof FACES} */ (s.photo)],
  })),
});

/**
 * Every fixture: file name, what it is made from (besides this script) and how to make it.
 * @type {{ name: string, deps: string[], make: (out: string) => void | Promise<void> }[]}
 */
const FIXTURES = [
  {
    name: 'camera.y4m',
    deps: [photo(1)],
    make: (out) =>
      ffmpeg([
        ...stillInput(1, 6),
        '-vf',
        FIT,
        ...argv(`-r ${FPS} -pix_fmt yuv420p -f yuv4mpegpipe`),
        out,
      ]),
  },
  {
    // Authorised matching (issue 18): one person alone in view (sample1's face 2, the woman on
    // the right, cropped clear of the others) to enrol from the fake camera.
    name: 'camera-one.y4m',
    deps: [photo(1)],
    make: (out) =>
      ffmpeg([
        ...stillInput(1, 4),
        '-vf',
        `crop=600:600:1290:80,${FIT}`,
        ...argv(`-r ${FPS} -pix_fmt yuv420p -f yuv4mpegpipe`),
        out,
      ]),
  },
  {
    name: 'clip.mp4',
    deps: [photo(2)],
    make: (out) =>
      ffmpeg([...stillInput(2, 4), '-vf', FIT, ...H264, '-f', 'mp4', out]),
  },
  {
    name: 'clip.webm',
    deps: [photo(3)],
    make: (out) =>
      ffmpeg([...stillInput(3, 4), '-vf', FIT, ...VP8, '-f', 'webm', out]),
  },
  {
    name: 'corrupt.mp4',
    deps: [path.join(OUT_DIR, 'clip.mp4')],
    make: async (out) => {
      const clip = await fs.readFile(path.join(OUT_DIR, 'clip.mp4'));
      const head = clip.subarray(0, 4096);
      await fs.writeFile(
        out,
        Buffer.concat([head, noise(clip.length - head.length)]),
      );
    },
  },
  {
    name: 'not-a-video.mp4',
    deps: [],
    make: (out) =>
      fs.writeFile(
        out,
        'This is a text file, not a video. LocalSight test fixture.\n',
      ),
  },
  // Input faults (issue 8): files Chromium cannot play or should not decode whole.
  {
    // An iPhone-style .mov: HEVC video, AAC sound. Chromium without an HEVC decoder plays the
    // sound alone, with no picture.
    name: 'hevc-aac.mov',
    deps: [photo(2)],
    make: (out) =>
      ffmpeg([
        ...clipWithTone(2),
        '-vf',
        FIT,
        ...argv(`-r ${FPS} -c:v libx265 -preset ultrafast -x265-params log-level=error
          -tag:v hvc1 -c:a aac -shortest -movflags +faststart -f mov`),
        out,
      ]),
  },
  {
    // MPEG-4 Part 2 (DivX/Xvid era) in an .mp4: refused with "no supported streams".
    name: 'mpeg4-part2.mp4',
    deps: [photo(3)],
    make: (out) =>
      ffmpeg([
        ...stillInput(3, 1),
        '-vf',
        FIT,
        ...argv(`-r ${FPS} -c:v mpeg4 -q:v 5 -movflags +faststart -f mp4`),
        out,
      ]),
  },
  {
    name: 'mpeg4.avi',
    deps: [photo(3)],
    make: (out) =>
      ffmpeg([
        ...stillInput(3, 1),
        '-vf',
        FIT,
        ...argv(`-r ${FPS} -c:v mpeg4 -q:v 5 -f avi`),
        out,
      ]),
  },
  {
    // Opus sound only, in a .webm (which the browser types video/webm).
    name: 'audio-only.webm',
    deps: [],
    make: (out) =>
      ffmpeg([
        ...argv(
          '-f lavfi -i sine=frequency=440:duration=1 -c:a libopus -f webm',
        ),
        out,
      ]),
  },
  {
    name: 'huge.png',
    deps: [],
    make: (out) => fs.writeFile(out, pngBomb(20000)),
  },
  {
    // sample2.jpg at 5× (9600 × 6834, 66 megapixels): over the full-decode limit, so it is
    // decoded scaled down; its three faces must still be found.
    name: 'huge-photo.jpg',
    deps: [photo(2)],
    make: (out) =>
      ffmpeg([
        '-i',
        photo(2),
        ...argv(
          '-vf scale=9600:6834:flags=fast_bilinear -q:v 12 -pix_fmt yuvj420p -f image2',
        ),
        out,
      ]),
  },
  {
    name: 'tiny.png',
    deps: [],
    make: (out) =>
      ffmpeg([
        ...argv('-f lavfi -i color=c=gray:s=64x48 -frames:v 1 -f image2'),
        out,
      ]),
  },
  {
    name: 'visits.mp4',
    deps: [photo(1), photo(5)],
    make: (out) => makeVisits(out),
  },
  {
    // Real CCTV footage (issue 15): PETS 2009 S2.L1 view 1 from Debian's opencv-doc, in H.264
    // (its MPEG-4 Part 2 AVI does not play in browsers). Kept at the file's declared 10 fps,
    // so frame n of the ground truth (tests/fixtures/pets09/) is shown at (n - 1) / 10 s.
    name: 'pets09-s2l1.mp4',
    deps: [PETS_CLIP],
    make: (out) =>
      ffmpeg([
        '-i',
        PETS_CLIP,
        ...argv(`-an -c:v libx264 -preset veryfast -crf 20 -r 10 -g 10
          -pix_fmt yuv420p -movflags +faststart -f mp4`),
        out,
      ]),
  },
  {
    name: 'visits.json',
    deps: [],
    make: (out) =>
      fs.writeFile(out, `${JSON.stringify(visitsJson(), null, 2)}\n`),
  },
];

/** @param {string} file @param {string[]} deps @returns {boolean} exists and newer than inputs */
function isFresh(file, deps) {
  if (!existsSync(file)) return false;
  const mtime = statSync(file).mtimeMs;
  return [SCRIPT, ...deps].every(
    (dep) => existsSync(dep) && statSync(dep).mtimeMs < mtime,
  );
}

/** Makes every missing or stale fixture; prints one line per file. */
export async function makeFixtures() {
  await fs.mkdir(OUT_DIR, { recursive: true });
  for (const { name, deps, make } of FIXTURES) {
    const out = path.join(OUT_DIR, name);
    const rel = path.relative(ROOT, out);
    if (isFresh(out, deps)) {
      console.log(`fixture ${rel}: up to date`);
      continue;
    }
    for (const dep of deps) {
      if (!existsSync(dep))
        throw new Error(`fixture ${rel} needs ${dep}, which is missing`);
    }
    // Write to a temporary name first so an interrupted run never leaves a "fresh" broken file.
    const tmp = path.join(OUT_DIR, `.tmp-${name}`);
    const started = performance.now();
    await make(tmp);
    await fs.rename(tmp, out);
    const kb = Math.round(statSync(out).size / 1024);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`fixture ${rel}: generated (${kb} KB, ${secs} s)`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === SCRIPT) {
  ensureSystemTools({
    tools: [
      { bin: 'ffmpeg', pkg: 'ffmpeg' },
      { bin: PETS_CLIP, pkg: 'opencv-doc', data: true },
    ],
  });
  makeFixtures().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
