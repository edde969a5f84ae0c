// Faults the user cannot cause but a device can suffer (issue 8): the analysis worker dies
// mid-session (the page says so, restarts it after a back-off, and analysis goes on with the
// session's counts kept), and a model file fails its checksum (the face detector: the page
// names the file, and the camera that was asked for does not stay on with nothing analysing
// it; an attribute model: faces go on without attributes, and the page says why). A source picked
// while the worker restarts starts once it is back.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  noticeTexts,
  passersBy,
  stageState,
  stopSource,
  waitForStage,
} from './app-driver';
import {
  baseURL,
  fixturePath,
  launchChromium,
  NetworkLog,
  openApp,
} from './harness';

/** Throws an uncaught error inside the detector worker, as a crash in a model would. */
async function crashWorker(page: Page): Promise<void> {
  const worker = page.workers().find((w) => /detector\.worker/.test(w.url()));
  if (!worker) throw new Error('no detector worker');
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    }, 0);
  });
}

describe('faults: the analysis worker crashes', () => {
  let browser: Browser;
  let page: Page;
  let net: NetworkLog;

  beforeAll(async () => {
    ({ browser, page, net } = await openApp({ path: null }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('says so, restarts the worker after a second and goes on counting, keeping the counts', async () => {
    await page.goto(`${baseURL()}?source=sample`);
    await waitForStage(page, (s) => s.frames >= 5 && s.faces >= 1);
    await expect
      .poll(() => passersBy(page), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(1);
    const before = await passersBy(page);
    await crashWorker(page);
    await expect
      .poll(() => noticeTexts(page), { timeout: 10_000 })
      .toContainEqual(
        expect.stringMatching(
          /analysis worker crashed: .*simulated crash.*Restarting it in 1 s; the counts so far are kept/,
        ),
      );
    await expect
      .poll(() => noticeTexts(page), { timeout: 60_000 })
      .toContainEqual(expect.stringMatching(/restarted; analysis goes on/));
    // Frames are analysed again by the new worker, and faces found.
    const resumed = (await stageState(page)).frames;
    await waitForStage(page, (s) => s.frames >= resumed + 5 && s.faces >= 1);
    expect(await passersBy(page)).toBeGreaterThanOrEqual(before);
    expect(
      page.workers().filter((w) => /detector\.worker/.test(w.url())),
    ).toHaveLength(1);
    expect(net.offOrigin(baseURL())).toEqual([]);
  });

  it('starts a source picked while the worker restarts once it is back', async () => {
    await crashWorker(page);
    // The second crash within a minute waits 2 s: pick the sample footage again meanwhile.
    await expect
      .poll(() => noticeTexts(page), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(/Restarting it in 2 s/));
    await stopSource(page);
    await page.locator('ls-source-picker #sample').click();
    await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 1);
    const refused = (await noticeTexts(page)).filter((t) =>
      /Could not start/.test(t),
    );
    expect(refused).toEqual([]);
  });
});

describe('faults: a model file fails its checksum', () => {
  let browser: Browser;

  afterAll(async () => {
    await browser?.close();
  });

  /** A browser whose requests for `file` get it with one byte flipped (no service worker). */
  async function withTampered(file: string) {
    browser = await launchChromium({
      fakeCameraFile: fixturePath('camera.y4m'),
    });
    // No service worker, so the route below answers the worker's request itself.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const net = new NetworkLog(context);
    await context.route(`**/models/${file}`, async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      body[body.length >> 1] ^= 0xff; // one flipped byte, same size
      await route.fulfill({ response, body });
    });
    return { context, net, page: await context.newPage() };
  }

  it('the face detector: names the file, and the camera asked for does not stay on', async () => {
    const { context, net, page } = await withTampered(
      'facemesh-detection-full.bin',
    );
    await page.goto(`${baseURL()}?source=camera&engine=tfjs`);
    await expect
      .poll(() => noticeTexts(page), { timeout: 60_000 })
      .toContainEqual(
        expect.stringMatching(
          /^The face detector could not load: models\/facemesh-detection-full\.bin failed its checksum/,
        ),
      );
    // The camera was opened while the models loaded; it is released again.
    await expect
      .poll(
        () =>
          page.locator('ls-source-picker #camera').getAttribute('aria-pressed'),
        { timeout: 10_000 },
      )
      .toBe('false');
    expect((await stageState(page)).frames).toBe(0);
    expect(net.offOrigin(baseURL())).toEqual([]);
    await context.close();
    await browser.close();
  });

  it('an attribute model (loaded after the detector): faces are boxed and counted without age, gender and mood, and the page says why', async () => {
    const { net, page } = await withTampered('emotion.bin');
    await page.goto(`${baseURL()}?source=camera`);
    await waitForStage(page, (s) => s.frames >= 5 && s.faces >= 2);
    await expect
      .poll(() => noticeTexts(page), { timeout: 60_000 })
      .toContainEqual(
        expect.stringMatching(
          /^Age, gender and mood are not estimated: the attribute models could not load \(models\/emotion\.bin failed its checksum/,
        ),
      );
    const ages = await page
      .locator('ls-stage li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-age')));
    expect(ages.length).toBeGreaterThan(0);
    expect(ages.every((a) => a === '')).toBe(true);
    expect(net.offOrigin(baseURL())).toEqual([]);
  });
});

describe('faults: the person detector fails its checksum (issue 15)', () => {
  let browser: Browser;

  afterAll(async () => {
    await browser?.close();
  });

  it('says people are not detected, and faces are still analysed and counted', async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const net = new NetworkLog(context);
    // The people worker's own request, answered here (no service worker in between).
    await context.route('**/models/centernet.bin', async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      body[body.length >> 1] ^= 0xff;
      await route.fulfill({ response, body });
    });
    const page = await context.newPage();
    await page.goto(`${baseURL()}?source=sample`);
    await expect
      .poll(() => noticeTexts(page), { timeout: 60_000 })
      .toContainEqual(
        expect.stringMatching(
          /^People are not detected \(.*models\/centernet\.bin failed its checksum.*\): faces are still analysed/,
        ),
      );
    const state = await waitForStage(
      page,
      (s) => s.frames >= 5 && s.faces >= 1,
    );
    expect(state.faces).toBeGreaterThanOrEqual(1);
    await expect(
      page.locator('ls-status-bar .people-lane').innerText(),
    ).resolves.toMatch(/faces only/);
    expect(net.offOrigin(baseURL())).toEqual([]);
  });
});
