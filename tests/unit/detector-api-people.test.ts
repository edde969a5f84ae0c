// The worker API with the people lane asked for (issue 15), in node: when the person detector
// cannot start, the face engine stays loaded, init says why, and faces are still analysed and
// counted as people. The lane's start is replaced (node has no nested workers); the face
// models are the real ones from public/, on the tfjs CPU backend.

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
    const info = await api.init({
      engine: 'tfjs',
      backend: 'cpu',
      modelType: 'full',
      assetBase: 'http://localsight.test/',
    });
    expect(start).toHaveBeenCalledTimes(1);
    expect(info.people).toBeNull();
    expect(info.peopleError).toMatch(/centernet\.bin failed its checksum/);
    const decoded = jpeg.decode(
      readFileSync(`${root}node_modules/@vladmandic/face-api/demo/sample1.jpg`),
      { useTArray: true, formatAsRGBA: true },
    );
    const frame = {
      data: decoded.data,
      width: decoded.width,
      height: decoded.height,
    };
    const result = await api.detect(frame, { t: 100, wall: 1_700_000_000_100 });
    expect(result.tracks).toHaveLength(3);
    expect(result.people).toEqual([]);
    expect(result.inView).toBe(3);
    expect(result.peopleError).toMatch(/centernet/);
    // A new session tries the lane again.
    api.endSession();
    expect(start).toHaveBeenCalledTimes(2);
  });
});
