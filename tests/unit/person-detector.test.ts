// The person detector on real CCTV frames: PETS09-S2L1 view 1 (OpenCV's vtest.avi, from Debian's
// opencv-doc) decoded by ffmpeg at test time, the model from public/ (scripts/copy-models.mjs),
// the tfjs WASM backend, against the MOTChallenge ground truth in tests/fixtures/pets09/.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetFetcher } from '../../src/model/asset-fetcher';
import { PERSON_MIN_SCORE } from '../../src/model/constants';
import { selectBackend } from '../../src/model/tfjs/backend';
import { iou as boxIou } from '../../src/shared/geometry';
import { PersonDetector } from '../../src/model/tfjs/person-detector';
import type { PersonBox } from '../../src/shared/types';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CLIP =
  process.env.LS_PETS_CLIP ??
  '/usr/share/doc/opencv-doc/examples/data/vtest.avi';
const TRUTH =
  process.env.LS_PETS_TRUTH ??
  fileURLToPath(
    new URL('../fixtures/pets09/PETS09-S2L1.gt.txt', import.meta.url),
  );
const [W, H] = [768, 576];
/** Frames (from 1, as the truth numbers them) spread over the clip: 6, 3 and 8 people. */
const FRAMES = [101, 401, 701];
/** The score a tracker starts tracks from; weaker boxes only extend existing tracks. */
const HIGH_SCORE = 0.4;

const haveFootage =
  existsSync(CLIP) &&
  existsSync(TRUTH) &&
  existsSync(`${root}public/models/centernet.json`);
if (!haveFootage) {
  console.warn(
    `person-detector.test: skipped: needs ${CLIP} (apt-get install opencv-doc), ${TRUTH} and public/models/centernet.json (node scripts/copy-models.mjs)`,
  );
}

function publicFetch(url: string): Promise<Response> {
  const file = `${root}public${decodeURIComponent(new URL(url).pathname)}`;
  if (!existsSync(file))
    return Promise.resolve(new Response('not found', { status: 404 }));
  return Promise.resolve(new Response(readFileSync(file)));
}

/** The chosen frames as RGB bytes, decoded in one ffmpeg run. */
function decodeFrames(frames: readonly number[]): Uint8Array[] {
  const pick = frames.map((f) => `eq(n\\,${f - 1})`).join('+');
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', CLIP, '-vf', `select=${pick}`, '-vsync', '0'].concat([
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ]),
    { maxBuffer: 64 << 20 },
  );
  const size = W * H * 3;
  return frames.map((_, i) => raw.subarray(i * size, (i + 1) * size));
}

function truthBoxes(frame: number): PersonBox[] {
  return readFileSync(TRUTH, 'utf8')
    .split('\n')
    .map((line) => line.split(',').map(Number))
    .filter((v) => v[0] === frame)
    .map(([, , x, y, width, height]) => ({
      x: x!,
      y: y!,
      width: width!,
      height: height!,
      score: 1,
    }));
}

/** True positives of a greedy one-to-one match, best overlap first. */
function matched(found: PersonBox[], truth: PersonBox[], minIou: number) {
  const pairs = found.flatMap((f, i) =>
    truth.map((t, j) => ({ i, j, iou: boxIou(f, t) })),
  );
  pairs.sort((a, b) => b.iou - a.iou);
  const [usedF, usedT] = [new Set<number>(), new Set<number>()];
  for (const { i, j, iou } of pairs) {
    if (iou < minIou || usedF.has(i) || usedT.has(j)) continue;
    usedF.add(i);
    usedT.add(j);
  }
  return usedF.size;
}

describe.skipIf(!haveFootage)(
  'person detector (node, WASM, PETS09-S2L1)',
  () => {
    let detector: PersonDetector;
    let pixels: Uint8Array[];

    beforeAll(async () => {
      pixels = decodeFrames(FRAMES);
      await selectBackend('wasm', `${root}public/wasm/tfjs/`);
      const fetcher = new AssetFetcher('http://localsight.test/', publicFetch);
      const fractions: number[] = [];
      detector = await PersonDetector.create(fetcher, (f) => fractions.push(f));
      expect(fractions.at(-1)).toBe(1);
    });

    afterAll(() => detector?.dispose());

    it('finds at least 80 % of the people at IoU ≥ 0.4, leaving no tensor behind', async () => {
      let [truths, hits, strong, strongHits] = [0, 0, 0, 0];
      for (const [k, frame] of FRAMES.entries()) {
        const image = tf.tensor3d(Float32Array.from(pixels[k]!), [H, W, 3]);
        const before = tf.memory().numTensors;
        const found = await detector.detect(image);
        expect(tf.memory().numTensors).toBe(before);
        image.dispose();
        for (const box of found) {
          expect(box.score).toBeGreaterThanOrEqual(PERSON_MIN_SCORE);
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.y + box.height).toBeLessThanOrEqual(H);
        }
        const truth = truthBoxes(frame);
        const confident = found.filter((b) => b.score >= HIGH_SCORE);
        truths += truth.length;
        hits += matched(found, truth, 0.4);
        strong += confident.length;
        strongHits += matched(confident, truth, 0.4);
      }
      expect(truths).toBeGreaterThan(12);
      // Every candidate down to the floor, and the confident ones alone.
      expect(hits / truths).toBeGreaterThanOrEqual(0.9);
      expect(strongHits / truths).toBeGreaterThanOrEqual(0.8);
      expect(strongHits / strong).toBeGreaterThanOrEqual(0.8);
    });
  },
);
