// Authorised matching in the worker's API (issue 18), called directly in node with the real
// models from public/: nothing of the recognizer is fetched while matching is off, enrolment
// takes exactly one usable face, an enrolled face is labelled and counted once per visit, and
// turning matching off frees every tensor it made. On tfjs WASM, not CPU: the recognizer takes
// about 600 ms a face on the CPU backend, 20 ms on WASM.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norm } from '../../src/matching/descriptor-math';
import { MATCH_THRESHOLD } from '../../src/model/constants';
import { selectBackend } from '../../src/model/tfjs/backend';
import {
  createDetectorApi,
  type DetectorApi,
} from '../../src/worker/detector-api';
import type {
  DetectResult,
  FaceBox,
  MatchingConfig,
  RawFrame,
} from '../../src/shared/types';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BASE = 'http://localsight.test/';
const RECOGNITION = /face_recognition_model/;
let clock = 0;
/** Frame times 100 ms apart, as a 10 fps source would give. */
const tick = () => ({ t: (clock += 100), wall: 1_700_000_000_000 + clock });

const requests: string[] = [];
function publicFetch(url: string): Promise<Response> {
  requests.push(url);
  const file = `${root}public${decodeURIComponent(new URL(url).pathname)}`;
  if (!existsSync(file))
    return Promise.resolve(new Response('not found', { status: 404 }));
  return Promise.resolve(new Response(readFileSync(file)));
}

function photo(n: number): RawFrame {
  const { data, width, height } = jpeg.decode(
    readFileSync(
      `${root}node_modules/@vladmandic/face-api/demo/sample${n}.jpg`,
    ),
    { useTArray: true, formatAsRGBA: true },
  );
  return { data, width, height };
}

/** A rectangle of `frame` (clamped to it), as a frame of its own. */
function cut(
  frame: RawFrame,
  x0: number,
  y0: number,
  w0: number,
  h0: number,
): RawFrame {
  const x = Math.max(0, Math.round(x0));
  const y = Math.max(0, Math.round(y0));
  const width = Math.min(frame.width - x, Math.round(w0));
  const height = Math.min(frame.height - y, Math.round(h0));
  const data = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row++)
    data.set(
      frame.data.subarray(
        ((y + row) * frame.width + x) * 4,
        ((y + row) * frame.width + x + width) * 4,
      ),
      row * width * 4,
    );
  return { data, width, height };
}

/** `frame` shrunk by an integer factor (nearest pixel). */
function shrink(frame: RawFrame, factor: number): RawFrame {
  const width = Math.floor(frame.width / factor);
  const height = Math.floor(frame.height / factor);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      data.set(
        frame.data.subarray(
          (y * factor * frame.width + x * factor) * 4,
          (y * factor * frame.width + x * factor) * 4 + 4,
        ),
        (y * width + x) * 4,
      );
  return { data, width, height };
}

/** `frame` pasted at (x, y) into `into` (which it must fit). */
function paste(
  frame: RawFrame,
  into: RawFrame,
  x: number,
  y: number,
): RawFrame {
  for (let row = 0; row < frame.height; row++)
    into.data.set(
      frame.data.subarray(row * frame.width * 4, (row + 1) * frame.width * 4),
      ((y + row) * into.width + x) * 4,
    );
  return into;
}

const blank = (width = 320, height = 240): RawFrame => ({
  data: new Uint8Array(width * height * 4),
  width,
  height,
});

describe('authorised matching in the worker API (node, WASM backend, real models)', () => {
  let api: DetectorApi;
  let sample1: RawFrame;
  /** sample1's faces, left to right, found by the app's detector. */
  let faces: FaceBox[];
  /** sample1's leftmost face alone, in a frame 2.5 × its box. */
  let single: RawFrame;

  beforeAll(async () => {
    // The WASM binary from disk: init then finds the backend ready and fetches no wasm.
    await selectBackend('wasm', `${root}public/wasm/tfjs/`);
    api = createDetectorApi({ fetch: publicFetch });
    await api.init({
      engine: 'tfjs',
      backend: 'wasm',
      modelType: 'full',
      assetBase: BASE,
    });
    // The attribute models load after the detector: the tests below read attributes.
    await api.attributesLoaded();
    sample1 = photo(1);
    const result = await api.detect(sample1, tick());
    faces = result.tracks.map((t) => t.box).sort((a, b) => a.x - b.x);
    expect(faces).toHaveLength(3);
    const f = faces[0]!;
    const side = 2.5 * Math.max(f.width, f.height);
    single = cut(
      sample1,
      f.x + f.width / 2 - side / 2,
      f.y + f.height / 2 - side / 2,
      side,
      side,
    );
    api.endSession();
  });

  afterAll(() => api.dispose());

  it('fetches and computes nothing of the recognizer while matching is off', async () => {
    const results: DetectResult[] = [];
    for (let i = 0; i < 4; i++) results.push(await api.detect(sample1, tick()));
    for (const r of results) {
      expect(r.profilesSeen).toEqual([]);
      expect(r.matchMs).toBe(0);
      for (const t of r.tracks) expect(t.match).toBeNull();
    }
    await expect(api.enrolDescriptor(single)).rejects.toThrow(
      /Matching is off/,
    );
    await api.setMatching(null); // off while off: nothing to load or free
    expect(requests.filter((u) => RECOGNITION.test(u))).toEqual([]);
    expect(requests.length).toBeGreaterThan(0); // the stub did see the other models
    api.endSession();
  });

  it('refuses to turn matching on before the detector is started', async () => {
    const idle = createDetectorApi({ fetch: publicFetch });
    await expect(
      idle.setMatching({ gallery: [], threshold: MATCH_THRESHOLD }),
    ).rejects.toThrow(/Start the detector/);
    expect(requests.filter((u) => RECOGNITION.test(u))).toEqual([]);
  });

  it('enrols one face, labels it live once matched, counts it once per visit, and frees everything when off', async () => {
    const before = api.liveTensors();
    await api.setMatching({ gallery: [], threshold: MATCH_THRESHOLD });
    expect(requests.filter((u) => RECOGNITION.test(u))).toEqual([
      `${BASE}models/face_recognition_model-weights_manifest.json`,
      `${BASE}models/face_recognition_model.bin`,
    ]);

    // On with no one enrolled: faces are tracked, none is described.
    const idle = await api.detect(sample1, tick());
    expect(idle.tracks.length).toBeGreaterThan(0);
    expect(idle.matchMs).toBe(0);
    api.endSession();

    // Enrolment: exactly one face of usable size.
    const descriptor = await api.enrolDescriptor(single);
    expect(descriptor).toBeInstanceOf(Float32Array);
    expect(descriptor.length).toBe(128);
    expect(norm(descriptor)).toBeCloseTo(1, 5);
    await expect(api.enrolDescriptor(blank())).rejects.toThrow(
      /^No face found: /,
    );
    await expect(api.enrolDescriptor(sample1)).rejects.toThrow(
      '3 faces in view: enrol one person at a time.',
    );
    // The face at about 30 px, in a 640×480 frame.
    const factor = Math.ceil(Math.min(faces[0]!.width, faces[0]!.height) / 30);
    const far = paste(shrink(single, factor), blank(640, 480), 300, 200);
    await expect(api.enrolDescriptor(far)).rejects.toThrow(
      /^The face is too small: /,
    );

    const config: MatchingConfig = {
      gallery: [
        { id: 'p1', label: 'Enrolled person', descriptors: [descriptor] },
      ],
      threshold: MATCH_THRESHOLD,
    };
    await api.setMatching(config);

    // A visit: the enrolled face among two others, for 1.5 s at 10 fps.
    const visit = async () => {
      const seen: string[] = [];
      let last: DetectResult | null = null;
      const matchMs: number[] = [];
      for (let i = 0; i < 15; i++) {
        last = await api.detect(sample1, tick());
        seen.push(...last.profilesSeen!);
        if (last.matchMs) matchMs.push(last.matchMs);
      }
      return { seen, last: last!, matchMs };
    };
    const first = await visit();
    expect(first.seen).toEqual(['p1']);
    const byX = [...first.last.tracks].sort((a, b) => a.box.x - b.box.x);
    expect(byX.map((t) => t.match)).toEqual([
      { profileId: 'p1', label: 'Enrolled person' },
      null,
      null,
    ]);
    console.log(
      `matching-worker-api: matchMs per frame on tfjs WASM (node): ${first.matchMs.map((m) => m.toFixed(0)).join(', ')}`,
    );

    // The face leaves (longer than the tracker's 1 s miss window) and comes back: a new visit,
    // counted again, once.
    for (let i = 0; i < 12; i++) {
      const gone = await api.detect(blank(), tick());
      expect(gone.profilesSeen).toEqual([]);
    }
    expect((await visit()).seen).toEqual(['p1']);

    // The gallery again, relabelled (e.g. after another profile was enrolled): the label stays
    // on screen from the first frame, with its new words, and is not counted again.
    await api.setMatching({
      gallery: [{ id: 'p1', label: 'Relabelled', descriptors: [descriptor] }],
      threshold: MATCH_THRESHOLD,
    });
    const next = await api.detect(sample1, tick());
    expect(next.tracks.map((t) => t.match).filter(Boolean)).toEqual([
      { profileId: 'p1', label: 'Relabelled' },
    ]);
    const again = await visit();
    expect([...next.profilesSeen!, ...again.seen]).toEqual([]);
    expect(again.last.tracks.some((t) => t.match?.profileId === 'p1')).toBe(
      true,
    );

    // The profile deleted: its label goes at once.
    await api.setMatching({ gallery: [], threshold: MATCH_THRESHOLD });
    const deleted = await api.detect(sample1, tick());
    expect(deleted.tracks.every((t) => t.match === null)).toBe(true);

    // Off: no match, nothing counted, and every tensor of the recognizer freed.
    await api.setMatching(null);
    const off = await api.detect(sample1, tick());
    expect(off.profilesSeen).toEqual([]);
    expect(off.tracks.every((t) => t.match === null)).toBe(true);
    expect(api.liveTensors()).toBe(before);
    expect(off.tensors).toBe(before);
    await expect(api.enrolDescriptor(single)).rejects.toThrow(
      /Matching is off/,
    );
    api.endSession();
  });
});
