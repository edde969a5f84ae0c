// A fake camera fed from a y4m file made from a demo photo: the camera source boxes faces,
// and the camera picker knows the device.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusBackend, waitForStage } from './app-driver';
import { baseURL, fixturePath, openApp, type NetworkLog } from './harness';

describe('camera source (fake device from camera.y4m)', () => {
  let browser: Browser;
  let page: Page;
  let net: NetworkLog;

  beforeAll(async () => {
    ({ browser, page, net } = await openApp({
      fakeCameraFile: fixturePath('camera.y4m'),
      viewport: { width: 768, height: 1024 },
      path: null,
    }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('starts from ?source=camera and boxes the faces in the camera picture', async () => {
    await page.goto(`${baseURL()}?source=camera`);
    const state = await waitForStage(
      page,
      (s) => s.frames >= 5 && s.faces >= 2,
    );
    expect(state.faces).toBeLessThanOrEqual(3);
    expect(await statusBackend(page)).toBe('wasm');
    await expect(
      page.locator('ls-source-picker #camera').getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await expect(page.locator('ls-source-picker #flip').count()).resolves.toBe(
      1,
    );
  });

  it('opens the camera from the Camera button too, after stopping', async () => {
    await page.locator('ls-source-picker #stop').click();
    await waitForStage(page, (s) => s.frames === 0);
    await page.locator('ls-source-picker #camera').click();
    await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 2);
    expect(net.offOrigin(baseURL())).toEqual([]);
  });
});
