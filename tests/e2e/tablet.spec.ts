// Tablets, in real Chromium with the sample footage running: at six portrait and landscape
// sizes no view scrolls sideways, every visible control is a 44×44 px touch target and the
// stage is large (panels below it in portrait, beside it in landscape); nothing covers anything
// else (face labels on a crowded frame, the video beside History and Privacy, running or
// idle); screenshots for the docs. Presentation mode (full screen or its fallback, wake lock, controls that hide when
// idle) and the one-tap demo reset (everything stored is gone; Cancel keeps it).

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_KEY } from '../../src/shared/settings';
import { noticeTexts, stageState, waitForStage } from './app-driver';
import {
  baseURL,
  collectConsole,
  formatConsole,
  launchChromium,
  type ConsoleEntry,
} from './harness';
import {
  auditCover,
  auditLabels,
  auditLayout,
  closeOpenedDetails,
  expectFits,
  openAllDetails,
  showView,
  settle,
  waitForCrowdedPicture,
  waitForPicture,
  type View,
} from './layout-audit';
import {
  fakeWakeLock,
  installFakeWakeLock,
  openTablet,
  pageErrors,
  presentState,
  removeFullscreenAndWakeLock,
} from './present-driver';
import { dumpOrigin, recordsOf } from './storage-dump';

const SIZES: [number, number][] = [
  [768, 1024],
  [1024, 768],
  [800, 1280],
  [1280, 800],
  [1024, 1366],
  [1366, 1024],
];
const VIEWS: View[] = ['live', 'history', 'privacy'];
/** Full-page screenshots for docs/screenshots (npm run screenshots). */
const SHOTS: Record<string, View[]> = {
  '768x1024': ['live'],
  '1280x800': ['live', 'history', 'privacy'],
};
const SHOT_DIR = process.env.LS_SCREENSHOT_DIR ?? 'test-results/screenshots';
/** Presentation's idle time in the test (?presentIdleMs): short, with room for a slow CI. */
const IDLE_MS = 1500;

describe('tablet layouts', () => {
  let browser: Browser;
  let page: Page;
  let logs: ConsoleEntry[];

  beforeAll(async () => {
    await mkdir(SHOT_DIR, { recursive: true });
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      hasTouch: true,
    });
    page = await context.newPage();
    logs = collectConsole(page);
    await page.goto(`${baseURL()}?source=sample`);
    await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 1);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(SIZES)('fits %i×%i in every view', async (width, height) => {
    const size = `${width}x${height}`;
    const portrait = height > width;
    await page.setViewportSize({ width, height });
    for (const view of VIEWS) {
      await showView(page, view);
      if (SHOTS[size]?.includes(view)) {
        // The live view with a crowded frame's labels on screen, not between two scenes.
        if (view === 'live') await waitForCrowdedPicture(page);
        await page.screenshot({
          path: path.join(SHOT_DIR, `${view}-${size}.png`),
          fullPage: true,
        });
      }
      await openAllDetails(page);
      await settle(page, 200);
      const audit = await auditLayout(page);
      expectFits(audit, `${view} at ${size}`);
      if (view !== 'live') {
        // The video keeps playing beside the page, in view, over none of it (details open).
        const cover = await auditCover(page);
        await closeOpenedDetails(page);
        console.log(
          `${size} ${view}: the video's place ${Math.round(cover.video?.width ?? 0)}×${Math.round(cover.video?.height ?? 0)}, the page ${Math.round(cover.content?.width ?? 0)} px wide; ${cover.measured} boxes on screen measured, ${cover.covered.length} under the video`,
        );
        expect(cover.video, `${view} at ${size}: video`).toBeTruthy();
        expect(cover.covered, `${view} at ${size}: under the video`).toEqual(
          [],
        );
        continue;
      }
      await closeOpenedDetails(page);
      await expectLabelsApart(page, size);

      const { stage, aside, viewport } = audit;
      expect(stage && aside).toBeTruthy();
      if (!stage || !aside) return;
      const share = (stage.width * stage.height) / (width * height);
      console.log(
        `${size}: stage ${Math.round(stage.width)}×${Math.round(stage.height)} = ${Math.round(share * 100)} % of the screen`,
      );
      if (portrait) {
        // Full width (but the page's padding), the panels below it.
        expect(stage.width).toBeGreaterThanOrEqual(viewport.width - 32);
        expect(aside.top).toBeGreaterThanOrEqual(stage.bottom);
        expect(share).toBeGreaterThanOrEqual(0.3);
      } else {
        // The panels beside it, the stage at least 45 % of the screen.
        expect(aside.left).toBeGreaterThanOrEqual(stage.right);
        expect(aside.top).toBeLessThan(stage.bottom);
        expect(share).toBeGreaterThanOrEqual(0.45);
      }
    }
    expect(pageErrors(logs), formatConsole(logs)).toEqual([]);
  });
});

/**
 * Waits for a crowded frame of the sample footage (photos 4–6 have 4–5 faces), then checks the
 * stage's labels on several frames: none overlaps another, none leaves the picture, none is
 * left out for want of room.
 */
async function expectLabelsApart(page: Page, size: string): Promise<void> {
  await expect
    .poll(async () => (await auditLabels(page)).faces, {
      timeout: 45_000,
      interval: 100,
    })
    .toBeGreaterThanOrEqual(4);
  const seen = { frames: 0, labels: 0, shortened: 0, leaders: 0 };
  for (let i = 0; i < 8; i++) {
    const a = await auditLabels(page);
    expect(a.overlapping, `labels overlap at ${size}`).toEqual([]);
    expect(a.outside, `labels outside the picture at ${size}`).toEqual([]);
    expect(a.dropped, `labels left out at ${size}`).toBe(0);
    expect(a.labels).toBeGreaterThanOrEqual(a.faces);
    seen.frames++;
    seen.labels += a.labels;
    seen.shortened += a.shortened;
    seen.leaders += a.leaders;
    await page.waitForTimeout(150);
  }
  console.log(
    `${size}: ${seen.labels} labels on ${seen.frames} crowded frames, none overlapping; ${seen.shortened} shortened, ${seen.leaders} with a leader line`,
  );
}

describe('the video off the live view, idle', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(baseURL()); // no source
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(SIZES)(
    'leaves History and Privacy the whole width at %i×%i',
    async (width, height) => {
      await page.setViewportSize({ width, height });
      for (const view of ['history', 'privacy'] as const) {
        await showView(page, view);
        const cover = await auditCover(page);
        expect(cover.video, `${view}: no video`).toBeNull();
        // No empty column where the video would be: the page spans the app's padding box.
        expect(cover.content!.right).toBeGreaterThanOrEqual(width - 13);
      }
    },
  );
});

const app = (page: Page, selector: string) =>
  page.locator(`ls-app ${selector}`);
describe('presentation mode and demo reset', () => {
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(SHOT_DIR, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('presents the stage and counters full screen; controls hide when idle and return on a tap', async () => {
    const { page, logs } = await openTablet(
      browser,
      `?source=sample&presentIdleMs=${IDLE_MS}`,
    );
    await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 1);
    await app(page, '#present').click();
    // At once: the full-viewport layout with its controls up (full screen may follow).
    expect(await presentState(page)).toMatchObject({ controls: 'shown' });
    const exit = app(page, '#present-exit');
    expect(await exit.isVisible()).toBe(true);
    // Presenting once the wake lock has answered (held, or refused/unsupported).
    await expect
      .poll(async () => (await presentState(page)).wakeLock)
      .not.toBe('released');
    const st = await presentState(page);
    console.log(`presenting: ${st.presenting}, wake lock: ${st.wakeLock}`);
    expect(st.presenting).toMatch(/^(fullscreen|css)$/);
    expect(st.covers).toBe(true);
    if (st.presenting === 'fullscreen')
      expect(st.fullscreen).toEqual({ document: 'ls-app', shadow: 'main' });
    if (st.presenting === 'css' || st.wakeLock === 'unavailable')
      await expect(app(page, '#present-notice').innerText()).resolves.toMatch(
        st.presenting === 'css' ? /full screen/i : /awake/i,
      );
    // The prospect sees the video and the session's counters; the rep's panels are gone.
    expect(await app(page, 'main > aside').isVisible()).toBe(false);
    expect(await app(page, 'ls-present-counters').isVisible()).toBe(true);
    const stage = await app(page, 'ls-stage').boundingBox();
    expect((stage!.width * stage!.height) / (1280 * 800)).toBeGreaterThan(0.6);

    await expect
      .poll(async () => (await presentState(page)).controls, { timeout: 5000 })
      .toBe('hidden');
    await expect.poll(() => exit.isVisible()).toBe(false); // after a 0.3 s fade
    await waitForPicture(page); // boxes on a picture, not between two scenes
    await page.touchscreen.tap(400, 400);
    await expect
      .poll(async () => (await presentState(page)).controls)
      .toBe('shown');
    expect(await exit.isVisible()).toBe(true);
    await page.screenshot({
      path: path.join(SHOT_DIR, 'present-1280x800.png'),
    });
    await expect
      .poll(async () => (await presentState(page)).controls, { timeout: 5000 })
      .toBe('hidden');
    await page.mouse.move(500, 300);
    await page.mouse.move(520, 320);
    await expect
      .poll(async () => (await presentState(page)).controls)
      .toBe('shown');

    // Focus inside the controls keeps them up (keyboard users must reach Exit).
    await exit.focus();
    await page.waitForTimeout(IDLE_MS + 500);
    expect((await presentState(page)).controls).toBe('shown');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await presentState(page)).presenting)
      .toBeNull();
    const after = await presentState(page);
    expect(after.fullscreen).toEqual({ document: null, shadow: null });
    expect(after.wakeLock).toBe(
      st.wakeLock === 'held' ? 'released' : 'unavailable',
    );
    expect(await app(page, 'main > aside').isVisible()).toBe(true);
    expect(await app(page, 'ls-present-counters').count()).toBe(0);

    // Esc leaves it too.
    await app(page, '#present').click();
    await expect
      .poll(async () => (await presentState(page)).presenting)
      .not.toBeNull();
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => (await presentState(page)).presenting)
      .toBeNull();
    expect((await presentState(page)).fullscreen.document).toBeNull();
    expect(pageErrors(logs), formatConsole(logs)).toEqual([]);
  });

  it('holds a wake lock, asks again when the page is shown again, releases it on exit', async () => {
    const { page, logs } = await openTablet(browser, '', installFakeWakeLock);
    await app(page, '#present').click();
    await expect
      .poll(async () => (await presentState(page)).wakeLock)
      .toBe('held');
    expect(await fakeWakeLock(page)).toEqual({ requests: 1, held: 1 });
    await expect(app(page, '#present-notice').count()).resolves.toBe(0);
    // Hidden: the system releases the lock; shown again: the app asks for a new one.
    await page.evaluate(() =>
      (window as unknown as { __wake: { hide(): void } }).__wake.hide(),
    );
    await expect
      .poll(async () => (await presentState(page)).wakeLock)
      .toBe('released');
    expect((await presentState(page)).presenting).not.toBeNull();
    await page.evaluate(() =>
      (window as unknown as { __wake: { show(): void } }).__wake.show(),
    );
    await expect
      .poll(async () => (await presentState(page)).wakeLock)
      .toBe('held');
    expect(await fakeWakeLock(page)).toEqual({ requests: 2, held: 1 });
    await page.touchscreen.tap(400, 400);
    await app(page, '#present-exit').click();
    await expect
      .poll(async () => (await presentState(page)).wakeLock)
      .toBe('released');
    expect(await fakeWakeLock(page)).toEqual({ requests: 2, held: 0 });
    expect(pageErrors(logs), formatConsole(logs)).toEqual([]);
  });

  it('falls back to covering the viewport, with a notice, without full screen and wake lock', async () => {
    const { page, logs } = await openTablet(
      browser,
      '',
      removeFullscreenAndWakeLock,
    );
    await app(page, '#present').click();
    await expect
      .poll(async () => (await presentState(page)).wakeLock)
      .toBe('unavailable');
    const st = await presentState(page);
    expect(st.presenting).toBe('css');
    expect(st.covers).toBe(true);
    const notice = await app(page, '#present-notice').innerText();
    expect(notice).toMatch(/full screen/i);
    expect(notice).toMatch(/awake/i);
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => (await presentState(page)).presenting)
      .toBeNull();
    expect(pageErrors(logs), formatConsole(logs)).toEqual([]);
  });

  it('resets the demo after confirmation: nothing stored, session at zero, settings kept; Cancel keeps all', async () => {
    const { page, logs } = await openTablet(browser, '?source=sample');
    await page.setViewportSize({ width: 1024, height: 768 });
    await app(page, '#switch-gender').uncheck(); // a setting the reset must keep
    const flushed = async () =>
      Number(await page.locator('ls-app').getAttribute('data-flushed-visits'));
    await expect.poll(flushed, { timeout: 90_000 }).toBeGreaterThan(0);
    const buckets = async () =>
      recordsOf(await dumpOrigin(page), 'localsight-counts', 'buckets').length;
    expect(await buckets()).toBeGreaterThan(0);
    const panel = app(page, 'ls-session-panel');
    const passersBy = async () =>
      Number(await panel.getAttribute('data-passers-by'));
    expect(await passersBy()).toBeGreaterThan(0);

    // Cancel: the dialog says what goes and what stays, and nothing changes.
    const dialog = app(page, '#reset-demo-dialog');
    await app(page, '#reset-demo').click();
    expect(await dialog.isVisible()).toBe(true);
    await expect(dialog.innerText()).resolves.toMatch(/settings are kept/i);
    const audit = await auditLayout(page);
    expect(audit.smallTargets).toEqual([]);
    await app(page, '#reset-demo-cancel').click();
    expect(await dialog.isVisible()).toBe(false);
    const frames = (await stageState(page)).frames;
    await waitForStage(page, (s) => s.frames > frames + 2);
    expect(await buckets()).toBeGreaterThan(0);
    expect(await passersBy()).toBeGreaterThan(0);

    await app(page, '#reset-demo').click();
    await app(page, '#reset-demo-confirm').click();
    await expect
      .poll(async () => (await noticeTexts(page)).join(' '), {
        timeout: 15_000,
      })
      .toContain('Demo reset:');
    expect(await buckets()).toBe(0);
    expect(await passersBy()).toBe(0);
    expect(await panel.getAttribute('data-today-passers-by')).toBe('0');
    expect(await stageState(page)).toEqual({ faces: 0, frames: 0 });
    // Nothing trickles in afterwards (a flush runs every 3 s).
    await page.waitForTimeout(4000);
    expect(await buckets()).toBe(0);
    expect(await app(page, '#switch-gender').isChecked()).toBe(false);
    const saved = await page.evaluate(
      (key) => localStorage.getItem(key),
      SETTINGS_KEY,
    );
    expect(JSON.parse(saved ?? '{}')).toMatchObject({ gender: false });
    expect(pageErrors(logs), formatConsole(logs)).toEqual([]);
  });
});
