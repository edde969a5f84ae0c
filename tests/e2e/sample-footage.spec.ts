// The bundled sample footage, started from the kiosk URL: faces boxed live, backend and
// figures shown, and not one request leaves the origin.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusBackend, statusNumber, waitForStage } from './app-driver';
import { baseURL, openApp, type NetworkLog } from './harness';

describe('sample footage from ?source=sample', () => {
  let browser: Browser;
  let page: Page;
  let net: NetworkLog;

  beforeAll(async () => {
    ({ browser, page, net } = await openApp({
      path: '?source=sample',
    }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('boxes the faces of the sample footage live', async () => {
    const state = await waitForStage(
      page,
      (s) => s.frames >= 5 && s.faces >= 1,
    );
    expect(state.faces).toBeGreaterThanOrEqual(1);
    const boxes = await page.locator('ls-stage canvas.overlay').count();
    expect(boxes).toBe(1);
  });

  it('reports the active backend (WASM, since WebGL is software-rendered here), fps and latency', async () => {
    expect(await statusBackend(page)).toBe('wasm');
    await expect
      .poll(() => statusNumber(page, 'fps'), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await statusNumber(page, 'latency')).toBeGreaterThan(0);
    const reason = await page.locator('ls-status-bar .reason').innerText();
    expect(reason).toMatch(/WASM \(SIMD/);
    expect(reason).toMatch(/software-rendered/);
  });

  it('runs inference in a dedicated worker that fetched the model from the app origin', () => {
    const workers = page.workers().map((w) => w.url());
    expect(workers.some((u) => /detector\.worker/.test(u))).toBe(true);
    const modelFiles = net.requests.filter((r) =>
      r.url.includes('/models/facemesh-detection-full'),
    );
    expect(modelFiles.length).toBeGreaterThanOrEqual(2);
  });

  it('made no request outside the app origin', () => {
    expect(net.requests.length).toBeGreaterThan(5);
    expect(net.offOrigin(baseURL())).toEqual([]);
    expect(net.failed().filter((r) => !r.url.endsWith('favicon.ico'))).toEqual(
      [],
    );
  });
});
