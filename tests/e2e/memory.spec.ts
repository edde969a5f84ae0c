// Flat memory under live analysis (issue 7): the fake camera (camera.y4m, four faces) runs for
// about 30 s while the worker reports its live tfjs tensors after every frame (the status bar's
// data-tensors). Every sample must equal the first: no frame leaves a tensor behind. The JS heap
// is only printed: its trend is for the benchmark and the soak, not for an assertion.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForStage, stageState } from './app-driver';
import { baseURL, fixturePath, openApp } from './harness';

const WINDOW_MS = 30_000;
const SAMPLE_MS = 3_000;

async function tensors(page: Page): Promise<number> {
  return Number(
    await page.locator('ls-status-bar').getAttribute('data-tensors'),
  );
}

describe('memory under live analysis (fake camera)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ browser, page } = await openApp({
      fakeCameraFile: fixturePath('camera.y4m'),
      extraArgs: ['--enable-precise-memory-info'],
      path: null,
    }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps the worker tensor count flat over 30 s of camera analysis', async () => {
    await page.goto(`${baseURL()}?source=camera`);
    // Warm: tracks confirmed and their attributes read, so every kind of frame has run.
    const start = await waitForStage(
      page,
      (s) => s.frames >= 30 && s.faces >= 2,
    );
    const first = await tensors(page);
    expect(first).toBeGreaterThan(0); // the attribute models' weights at least
    const samples: { frames: number; tensors: number; heapMB: number }[] = [];
    const deadline = Date.now() + WINDOW_MS;
    while (Date.now() < deadline) {
      await page.waitForTimeout(SAMPLE_MS);
      const heap = await page.evaluate(
        () =>
          (performance as unknown as { memory?: { usedJSHeapSize: number } })
            .memory?.usedJSHeapSize ?? 0,
      );
      samples.push({
        frames: (await stageState(page)).frames,
        tensors: await tensors(page),
        heapMB: Math.round(heap / 1e5) / 10,
      });
    }
    console.log(
      `memory.spec: ${samples.length} samples over ${WINDOW_MS / 1000} s, frames ` +
        `${start.frames}→${samples.at(-1)!.frames}, tensors ${first}, page heap MB ` +
        samples.map((s) => s.heapMB).join(' '),
    );
    // Analysis kept running (not a stalled pump reporting one stale figure)...
    expect(samples.at(-1)!.frames - start.frames).toBeGreaterThanOrEqual(40);
    // ...and no frame left a tensor behind.
    expect(samples.map((s) => s.tensors)).toEqual(samples.map(() => first));
  });
});
