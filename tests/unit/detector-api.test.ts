// The worker's API called directly in node: real weights from public/ (copied and verified by
// scripts/copy-models.mjs), the tfjs CPU backend, the face-api demo photos decoded by jpeg-js.

import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import {
  createDetectorApi,
  type DetectorApi,
} from '../../src/worker/detector-api';
import type { RawFrame } from '../../src/shared/types';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BASE = 'http://localsight.test/';
let clock = 0;
/** Frame times 100 ms apart, as a 10 fps source would give. */
const tick = () => ({ t: (clock += 100), wall: 1_700_000_000_000 + clock });

function publicFetch(url: string): Promise<Response> {
  const { pathname } = new URL(url);
  const file = `${root}public${decodeURIComponent(pathname)}`;
  if (!existsSync(file))
    return Promise.resolve(new Response('not found', { status: 404 }));
  return Promise.resolve(new Response(readFileSync(file)));
}

function photo(n: number): RawFrame {
  const decoded = jpeg.decode(
    readFileSync(
      `${root}node_modules/@vladmandic/face-api/demo/sample${n}.jpg`,
    ),
    {
      useTArray: true,
      formatAsRGBA: true,
    },
  );
  return { data: decoded.data, width: decoded.width, height: decoded.height };
}

describe('detector API (node, CPU backend, real model)', () => {
  let api: DetectorApi;

  beforeAll(async () => {
    api = createDetectorApi({ fetch: publicFetch });
    // 'auto' would time MediaPipe too, which needs a browser: the engines spec covers it.
    const info = await api.init({
      engine: 'tfjs',
      backend: 'cpu',
      modelType: 'full',
      assetBase: BASE,
    });
    // The attribute models load after the detector: the tests below read attributes.
    await api.attributesLoaded();
    expect(info.backend).toBe('cpu');
    expect(info.backendReason).toContain('requested');
    expect(info).toMatchObject({
      engine: 'tfjs',
      delegate: null,
      calibration: null,
      timings: [],
    });
  });

  afterAll(() => api.dispose());

  it('finds the three faces of sample1.jpg with boxes inside the frame', async () => {
    const frame = photo(1);
    const result = await api.detect(frame, tick());
    expect(result.dropped).toBe(false);
    expect(result.tracks).toHaveLength(3);
    for (const { box: f } of result.tracks) {
      expect(f.score).toBeGreaterThan(0.6);
      expect(f.x).toBeGreaterThanOrEqual(0);
      expect(f.x + f.width).toBeLessThanOrEqual(frame.width);
      expect(f.keypoints).toHaveLength(6);
    }
  });

  it('leaves no tensors behind after a frame, and reports that count with each result', async () => {
    const frame = photo(2);
    await api.detect(frame, tick());
    const before = api.liveTensors();
    const second = await api.detect(frame, tick());
    const third = await api.detect(frame, tick());
    // The attribute models ran on these frames (tracks still need samples), so a frame tensor
    // was made: the figure reported is the count after it was freed.
    expect(second.attributeFaces + third.attributeFaces).toBeGreaterThan(0);
    expect([second.tensors, third.tensors]).toEqual([before, before]);
    expect(api.liveTensors()).toBe(before);
  });

  it('runs the full job on every face in per-frame mode, keeping nothing (benchmarks)', async () => {
    api.endSession();
    const before = api.liveTensors();
    for (let i = 0; i < 3; i++) {
      const result = await api.analyseAll(photo(4));
      expect(result.faces).toBe(4);
      expect(result.detectMs).toBeGreaterThan(0);
      expect(result.attributeMs).toBeGreaterThan(0);
    }
    expect(api.liveTensors()).toBe(before);
    // Three tracked frames would confirm four tracks (minHits 3) and ending the session would
    // return their visits; per-frame mode started none.
    expect(api.endSession()).toEqual([]);
  });

  it('times the models alone for the model floor, leaving no tensor or track behind', async () => {
    api.endSession();
    const before = api.liveTensors();
    const floor = await api.modelFloor(photo(5));
    expect(floor.faces).toBe(5);
    expect(floor.detectorMs).toBeGreaterThan(0);
    expect(floor.ageGenderMs).toBeGreaterThan(0);
    expect(floor.expressionMs).toBeGreaterThan(0);
    expect(api.liveTensors()).toBe(before);
    expect(api.endSession()).toEqual([]);
  });

  it('lets a reload wait for the frame in flight instead of disposing its engine', async () => {
    const frame = photo(3);
    const [result, info] = await Promise.all([
      api.detect(frame, tick()),
      api.init({
        engine: 'tfjs',
        backend: 'cpu',
        modelType: 'full',
        assetBase: BASE,
      }),
    ]);
    expect(result.dropped).toBe(false);
    expect(result.tracks.length).toBeGreaterThan(0);
    expect(info.engine).toBe('tfjs');
    await api.attributesLoaded(); // reloaded: the next tests read attributes again
    const after = await api.detect(frame, tick());
    expect(after.dropped).toBe(false);
  });

  it('drops a frame that arrives while one is in flight instead of queueing it', async () => {
    const frame = photo(3);
    const [first, second] = await Promise.all([
      api.detect(frame, tick()),
      api.detect(frame, tick()),
    ]);
    expect(first.dropped).toBe(false);
    expect(second.dropped).toBe(true);
    expect(second.tracks).toEqual([]);
  });

  it('labels each tracked face, then turns the ended tracks into anonymous visits', async () => {
    api.endSession();
    const frame = photo(1);
    let last = await api.detect(frame, tick());
    for (let i = 0; i < 7; i++) last = await api.detect(frame, tick());
    expect(last.tracks).toHaveLength(3);
    for (const track of last.tracks) {
      expect(track.id).toMatch(/^[0-9a-f]{8}$/);
      expect(track.gender).toBe('female');
      expect(track.ageGroup).not.toBeNull();
      expect(track.mood).not.toBeNull();
      expect(track.dwellMs).toBe(700);
    }
    // The laughing woman on the right of sample1.jpg.
    const rightmost = [...last.tracks].sort((a, b) => b.box.x - a.box.x)[0];
    expect(rightmost.mood).toBe('positive');
    // Models stop running on a track once it has enough readings.
    expect(last.attributeFaces).toBe(0);
    const visits = api.endSession();
    expect(visits).toHaveLength(3);
    for (const v of visits) {
      expect(v.dwellMs).toBe(700);
      expect(v.gender).toBe('female');
      expect(Object.keys(v).sort()).toEqual(
        [
          'ageGroup',
          'attentionMs',
          'dwellMs',
          'expression',
          'gender',
          'glances',
          'mood',
          'startedAt',
          'watcher',
        ].sort(),
      );
    }
    expect(api.endSession()).toEqual([]);
  });

  it('keeps a frame in flight when the session ends out of the next session', async () => {
    api.endSession();
    const frame = photo(1);
    for (let i = 0; i < 4; i++) await api.detect(frame, tick());
    // The source stops while a frame is still being analysed.
    const inFlight = api.detect(frame, tick());
    const visits = api.endSession();
    expect(visits).toHaveLength(3);
    const late = await inFlight;
    expect(late.tracks).toEqual([]);
    // The next source starts with nobody in it, and nothing of the old one ends later.
    const next = await api.detect(photo(2), tick());
    expect(next.tracks.filter((t) => t.dwellMs > 0)).toEqual([]);
    expect(api.endSession()).toEqual([]);
  });

  it('does not run a switched-off attribute model', async () => {
    api.endSession();
    api.setAttributes({ age: false, gender: true, expression: false });
    const frame = photo(1);
    let last = await api.detect(frame, tick());
    for (let i = 0; i < 3; i++) last = await api.detect(frame, tick());
    for (const track of last.tracks) {
      expect(track.gender).toBe('female');
      expect(track.ageGroup).toBeNull();
      expect(track.mood).toBeNull();
    }
    api.setAttributes({ age: true, gender: true, expression: true });
    api.endSession();
  });

  it('rejects a model file that fails its checksum, naming the file', async () => {
    const tampered = createDetectorApi({
      fetch: async (url) =>
        url.endsWith('.bin')
          ? new Response(new Uint8Array(1000))
          : publicFetch(url),
    });
    await expect(
      tampered.init({ backend: 'cpu', modelType: 'short', assetBase: BASE }),
    ).rejects.toThrow(
      /models\/facemesh-detection-short\.bin failed its checksum/,
    );
  });

  it('boxes faces before the attribute models load, and goes on without them when they fail, saying why', async () => {
    const tampered = createDetectorApi({
      fetch: async (url) => {
        if (!url.endsWith('emotion.bin')) return publicFetch(url);
        const body = new Uint8Array(
          await (await publicFetch(url)).arrayBuffer(),
        );
        body[body.length >> 1]! ^= 0xff; // one flipped byte, same size
        return new Response(body);
      },
    });
    await tampered.init({
      engine: 'tfjs',
      backend: 'cpu',
      modelType: 'full',
      assetBase: BASE,
    });
    await tampered.attributesLoaded();
    const result = await tampered.detect(photo(1), tick());
    expect(result.tracks).toHaveLength(3);
    expect(result.attributesError).toMatch(
      /models\/emotion\.bin failed its checksum/,
    );
    expect(result.tracks.every((t) => t.ageGroup === null)).toBe(true);
    expect(result.attributeMs).toBe(0);
    tampered.dispose();
  });

  it('asks for the attribute models only after the first frame, whose boxes do not wait for them', async () => {
    const asked: string[] = [];
    const later = createDetectorApi({
      fetch: (url) => {
        asked.push(new URL(url).pathname);
        return publicFetch(url);
      },
    });
    await later.init({
      engine: 'tfjs',
      backend: 'cpu',
      modelType: 'full',
      assetBase: BASE,
    });
    const isAttributeModel = (p: string) =>
      /\/models\/(emotion|age_gender)/.test(p);
    expect(asked).toContain('/models/facemesh-detection-full.bin');
    expect(asked.filter(isAttributeModel)).toEqual([]);
    const first = await later.detect(photo(1), tick());
    expect(first.tracks).toHaveLength(3);
    expect(first.attributeMs).toBe(0); // not loaded yet: the boxes came without them
    await later.attributesLoaded();
    expect(asked.filter(isAttributeModel)).toEqual(
      expect.arrayContaining([
        '/models/emotion.json',
        '/models/age_gender_model-weights_manifest.json',
      ]),
    );
    later.dispose();
  });

  it('under Auto runs TensorFlow.js at once and measures the other engine after the first frame', async () => {
    const auto = createDetectorApi({ fetch: publicFetch });
    const info = await auto.init({
      engine: 'auto',
      backend: 'cpu',
      modelType: 'full',
      assetBase: BASE,
    });
    expect(info).toMatchObject({
      engine: 'tfjs',
      measuring: true,
      calibration: null,
    });
    expect(info.engineReason).toMatch(/MediaPipe is measured against it/);
    let measured:
      Awaited<ReturnType<DetectorApi['engineMeasured']>> | undefined;
    void auto.engineMeasured().then((m) => (measured = m));
    // Nothing is measured before the first frame (the idle timer is 1.5 s).
    await new Promise((r) => setTimeout(r, 100));
    expect(measured).toBeUndefined();
    const result = await auto.detect(photo(1), tick());
    expect(result.tracks).toHaveLength(3);
    // Node has no createImageBitmap for the bundled photos: the measurement says so and
    // TensorFlow.js keeps running, never left "measuring".
    await expect.poll(() => measured, { timeout: 10_000 }).toBeDefined();
    expect(measured).toMatchObject({ engine: 'tfjs', measuring: false });
    expect(measured!.engineReason).toMatch(/could not measure here/);
    expect((await auto.detect(photo(1), tick())).tracks).toHaveLength(3);
    auto.dispose();
  });

  it('hands a warm start over: TensorFlow.js first, MediaPipe after the first frame, or says why not', async () => {
    // MediaPipe's runtime missing (Node could not run it anyway): the handover must fail well.
    const warm = createDetectorApi({
      fetch: (url) =>
        url.includes('/wasm/mediapipe/')
          ? Promise.resolve(new Response('', { status: 404 }))
          : publicFetch(url),
    });
    const info = await warm.init({
      engine: 'mediapipe',
      handover: true,
      backend: 'cpu',
      modelType: 'full',
      assetBase: BASE,
    });
    expect(info).toMatchObject({ engine: 'tfjs', handingOver: true });
    expect(info.engineReason).toMatch(
      /shows the first boxes while MediaPipe loads/,
    );
    let handed: Awaited<ReturnType<DetectorApi['engineMeasured']>> | undefined;
    void warm.engineMeasured().then((m) => (handed = m));
    await new Promise((r) => setTimeout(r, 100));
    expect(handed).toBeUndefined(); // nothing before the first frame
    // The first boxes come from TensorFlow.js.
    expect((await warm.detect(photo(1), tick())).tracks).toHaveLength(3);
    // TensorFlow.js goes on, and the info says why; the handover is over either way.
    await expect.poll(() => handed, { timeout: 20_000 }).toBeDefined();
    expect(handed).toMatchObject({ engine: 'tfjs', handingOver: false });
    expect(handed!.engineReason).toMatch(
      /MediaPipe could not run here \(Could not load wasm\/mediapipe\/.*HTTP 404\)/,
    );
    expect((await warm.detect(photo(1), tick())).tracks).toHaveLength(3);
    warm.dispose();
  });

  it('says what to do when the models were never copied', async () => {
    const empty = createDetectorApi({
      fetch: async () => new Response('', { status: 404 }),
    });
    await expect(
      empty.init({ backend: 'cpu', modelType: 'full', assetBase: BASE }),
    ).rejects.toThrow(/asset-manifest\.json is missing/);
  });

  it('validates options before loading anything', async () => {
    const bad = createDetectorApi({ fetch: publicFetch });
    await expect(
      bad.init({ backend: 'cpu', maxFaces: 0, assetBase: BASE }),
    ).rejects.toThrow(/maxFaces/);
  });
});
