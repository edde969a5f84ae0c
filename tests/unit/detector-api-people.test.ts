// The worker API with the people lane asked for (issue 15), in node: the lane starts after the
// first boxes (issue 19); when the person detector cannot start, the face engine stays loaded,
// peopleReady and every result say why, and faces are still analysed and counted as people.
// The lane's start is replaced (node has no nested workers); the face models are the real
// ones from public/, on the tfjs CPU backend.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDetectorApi } from '../../src/worker/detector-api';
import { PeopleLane } from '../../src/worker/people-lane';

const root = fileURLToPath(new URL('../../', import.meta.url));

function publicFetch(url: string): Promise<Response> {
  const file = `${root}public${decodeURIComponent(new URL(url).pathname)}`;
  if (!existsSync(file))
    return Promise.resolve(new Response('not found', { status: 404 }));
  return Promise.resolve(new Response(readFileSync(file)));
}

/** The face engine every test here loads: the real tfjs models, on the CPU backend. */
const TFJS_ON_CPU = {
  engine: 'tfjs',
  backend: 'cpu',
  modelType: 'full',
  assetBase: 'http://localsight.test/',
} as const;

/** sample1.jpg (three faces) as a raw frame; a fresh copy each call (detect consumes it). */
const sample1 = (() => {
  const decoded = jpeg.decode(
    readFileSync(`${root}node_modules/@vladmandic/face-api/demo/sample1.jpg`),
    { useTArray: true, formatAsRGBA: true },
  );
  return () => ({
    data: decoded.data.slice(),
    width: decoded.width,
    height: decoded.height,
  });
})();

/** A lane that runs (node has no nested workers): it finds nobody; `offered` gets frame times. */
const runningLane = (offered: number[] = []) =>
  ({
    info: { backend: 'cpu', model: 'centernet' },
    error: null,
    offer: (_frame: unknown, t: number) => void offered.push(t),
    take: () => null,
    reset: () => undefined,
    dispose: () => undefined,
    resourceLog: async () => [],
  }) as unknown as PeopleLane;

describe('detector API when the people lane cannot start', () => {
  const start = vi
    .spyOn(PeopleLane, 'start')
    .mockRejectedValue(new Error('models/centernet.bin failed its checksum'));
  const api = createDetectorApi({ fetch: publicFetch, people: true });

  afterAll(() => {
    api.dispose();
    start.mockRestore();
  });

  it('loads the faces anyway, says why people are off, and counts faces as people', async () => {
    const info = await api.init(TFJS_ON_CPU);
    // The lane starts after the first boxes (issue 19).
    expect(start).not.toHaveBeenCalled();
    expect(info).toMatchObject({
      people: null,
      peopleError: null,
      peopleLoading: true,
    });
    const first = await api.detect(sample1(), {
      t: 50,
      wall: 1_700_000_000_050,
    });
    expect(first.inView).toBe(3);
    await expect(api.peopleReady()).resolves.toEqual({
      people: null,
      peopleError: expect.stringMatching(/centernet\.bin failed its checksum/),
    });
    expect(start).toHaveBeenCalledTimes(1);
    const result = await api.detect(sample1(), {
      t: 100,
      wall: 1_700_000_000_100,
    });
    expect(result.tracks).toHaveLength(3);
    expect(result.people).toEqual([]);
    expect(result.inView).toBe(3);
    expect(result.peopleError).toMatch(/centernet/);
    // A new session tries the lane again.
    api.endSession();
    expect(start).toHaveBeenCalledTimes(2);
  });
});

describe('detector API when the people lane fails mid-session (issue 16)', () => {
  const frame = sample1;

  it('starts it again once, a second later, keeping the reason until it runs', async () => {
    const start = vi
      .spyOn(PeopleLane, 'start')
      .mockRejectedValueOnce(new Error('Out of bounds memory access'))
      .mockResolvedValue(runningLane());
    const api = createDetectorApi({ fetch: publicFetch, people: true });
    try {
      const info = await api.init(TFJS_ON_CPU);
      expect(info.peopleError).toBeNull(); // it starts after the first boxes
      await api.detect(frame(), { t: 50, wall: 1 });
      await expect(api.peopleReady()).resolves.toMatchObject({
        peopleError: expect.stringMatching(/Out of bounds/),
      });
      const first = await api.detect(frame(), { t: 100, wall: 1 });
      expect(first.peopleError).toMatch(/Out of bounds/);
      await vi.waitFor(() => expect(start).toHaveBeenCalledTimes(2), {
        timeout: 3000,
      });
      await vi.waitFor(
        async () =>
          expect(
            (await api.detect(frame(), { t: 2000, wall: 2 })).peopleError,
          ).toBeNull(),
        { timeout: 3000 },
      );
    } finally {
      api.dispose();
      start.mockRestore();
    }
  });

  it('tries only once per session: a second failure waits for the next source', async () => {
    const start = vi
      .spyOn(PeopleLane, 'start')
      .mockRejectedValue(new Error('Out of bounds memory access'));
    const api = createDetectorApi({ fetch: publicFetch, people: true });
    try {
      await api.init(TFJS_ON_CPU);
      await api.detect(frame(), { t: 50, wall: 1 }); // the lane starts, and fails
      await api.peopleReady();
      await api.detect(frame(), { t: 100, wall: 1 });
      await vi.waitFor(() => expect(start).toHaveBeenCalledTimes(2), {
        timeout: 3000,
      });
      await new Promise((r) => setTimeout(r, 1500));
      const later = await api.detect(frame(), { t: 3000, wall: 3 });
      expect(later.peopleError).toMatch(/Out of bounds/);
      await new Promise((r) => setTimeout(r, 1500));
      expect(start).toHaveBeenCalledTimes(2);
      api.endSession(); // the next source tries again
      expect(start).toHaveBeenCalledTimes(3);
    } finally {
      api.dispose();
      start.mockRestore();
    }
  });
});

describe('detector API while the people lane is still starting (issue 19)', () => {
  it('is ready without it, starts it after the first boxes, counts faces as people meanwhile, and says when it is up', async () => {
    let open: (lane: PeopleLane) => void = () => undefined;
    const offered: number[] = [];
    const lane = runningLane(offered);
    const start = vi
      .spyOn(PeopleLane, 'start')
      .mockImplementation(() => new Promise((resolve) => (open = resolve)));
    const api = createDetectorApi({ fetch: publicFetch, people: true });
    try {
      const info = await api.init(TFJS_ON_CPU);
      expect(start).not.toHaveBeenCalled(); // it starts after the first boxes
      expect(info).toMatchObject({
        people: null,
        peopleError: null,
        peopleLoading: true,
      });
      const frame = sample1;
      const early = await api.detect(frame(), { t: 100, wall: 1 });
      expect(early.tracks).toHaveLength(3);
      expect(early.inView).toBe(3);
      expect(early.peopleError).toBeNull();
      expect(start).toHaveBeenCalledTimes(1);
      let up: unknown = null;
      void api.peopleReady().then((p) => (up = p));
      await new Promise((r) => setTimeout(r, 20));
      expect(up).toBeNull(); // still starting
      open(lane);
      await vi.waitFor(() =>
        expect(up).toEqual({
          people: { backend: 'cpu', model: 'centernet' },
          peopleError: null,
        }),
      );
      await api.detect(frame(), { t: 200, wall: 2 });
      expect(offered).toEqual([200]); // frames go to the lane once it is up
    } finally {
      api.dispose();
      start.mockRestore();
    }
  });
});
