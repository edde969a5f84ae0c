// Detection accuracy through the real UI, on each engine: each of the six @vladmandic/face-api
// demo photos is opened as an image (file picker); ground truth 3,3,3,4,5,4 faces; at least 20
// must be found.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  maxFacesOver,
  statusEngine,
  stopSource,
  waitForStage,
} from './app-driver';
import { baseURL, openApp, type NetworkLog, samplePhoto } from './harness';

// MEASURED.md and the issue say 3,3,3,4,6,4; sample5.jpg shows five people (checked by eye), so 22.
const GROUND_TRUTH = [3, 3, 3, 4, 5, 4];

describe.each(['tfjs', 'mediapipe'])('the six demo photos on %s', (engine) => {
  let browser: Browser;
  let page: Page;
  let net: NetworkLog;

  beforeAll(async () => {
    ({ browser, page, net } = await openApp({
      viewport: { width: 1024, height: 768 },
      path: `?engine=${engine}`,
    }));
    expect(await statusEngine(page)).toBe(engine);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('finds at least 20 of the 22 faces, never more than are there', async () => {
    const found: number[] = [];
    for (let n = 1; n <= 6; n++) {
      await stopSource(page);
      await page
        .locator('ls-source-picker #image-input')
        .setInputFiles(samplePhoto(n));
      await waitForStage(page, (s) => s.frames >= 1);
      found.push(await maxFacesOver(page, 3));
    }
    console.log(
      `${engine}: faces found per photo: ${found.join(',')} (truth ${GROUND_TRUTH.join(',')})`,
    );
    const total = found.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(20);
    found.forEach((f, i) => expect(f).toBeLessThanOrEqual(GROUND_TRUTH[i]));
    expect(net.offOrigin(baseURL())).toEqual([]);
  });
});
