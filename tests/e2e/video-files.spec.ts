// Video files: an H.264 mp4 through the file picker, a VP8 webm dropped on the page, and a
// file that is not a video, which must produce a clear message rather than a blank stage.

import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, noticeTexts, stopSource, waitForStage } from './app-driver';
import { baseURL, fixturePath, openApp, type NetworkLog } from './harness';

describe('video files', () => {
  let browser: Browser;
  let page: Page;
  let net: NetworkLog;

  beforeAll(async () => {
    ({ browser, page, net } = await openApp());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('plays an mp4 (H.264) picked with the file picker and boxes its faces', async () => {
    await page
      .locator('ls-source-picker #video-input')
      .setInputFiles(fixturePath('clip.mp4'));
    const state = await waitForStage(
      page,
      (s) => s.frames >= 3 && s.faces >= 1,
    );
    expect(state.faces).toBeLessThanOrEqual(3);
    await expect(page.locator('ls-stage video').count()).resolves.toBe(1);
  });

  it('plays a webm (VP8) dropped on the page', async () => {
    await stopSource(page);
    const base64 = readFileSync(fixturePath('clip.webm')).toString('base64');
    await dropFiles(page, [{ name: 'clip.webm', type: 'video/webm', base64 }]);
    const state = await waitForStage(
      page,
      (s) => s.frames >= 3 && s.faces >= 1,
    );
    expect(state.faces).toBeLessThanOrEqual(3);
  });

  it('explains a file that is not a playable video', async () => {
    await stopSource(page);
    await page
      .locator('ls-source-picker #video-input')
      .setInputFiles(fixturePath('not-a-video.mp4'));
    await expect
      .poll(async () => (await noticeTexts(page)).join(' '), {
        timeout: 20_000,
      })
      .toMatch(/not-a-video\.mp4.*(can’t be played|could not be decoded)/);
    expect(net.offOrigin(baseURL())).toEqual([]);
  });
});
