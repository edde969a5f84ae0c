// The backend chain: WebGL can be forced with ?backend=webgl (here on SwiftShader, slowly)
// and still boxes faces; an unknown kiosk value is ignored with a visible warning.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeTexts, statusBackend, waitForStage } from './app-driver';
import { baseURL, openApp, type NetworkLog } from './harness';

describe('backend selection', () => {
  let browser: Browser;
  let page: Page;
  let net: NetworkLog;

  beforeAll(async () => {
    ({ browser, page, net } = await openApp({ path: null }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('runs on WebGL when asked with ?backend=webgl', async () => {
    await page.goto(`${baseURL()}?source=sample&backend=webgl`);
    expect(await statusBackend(page)).toBe('webgl');
    await waitForStage(page, (s) => s.frames >= 2 && s.faces >= 1, 150_000);
  });

  it('ignores an unknown backend with a warning and picks one itself', async () => {
    await page.goto(`${baseURL()}?backend=gpu&model=short`);
    await expect
      .poll(async () => (await noticeTexts(page)).join(' '))
      .toContain('backend=gpu');
    expect(await statusBackend(page)).toBe('wasm');
    const modelChip = page.locator('ls-status-bar .chip', {
      hasText: 'short-range',
    });
    await expect(modelChip.count()).resolves.toBe(1);
    expect(net.offOrigin(baseURL())).toEqual([]);
  });
});
