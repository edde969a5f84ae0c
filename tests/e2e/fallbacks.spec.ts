// The paths the app takes where a browser lacks a feature, proven in Chromium by removing the
// features from the page before the app loads (WebKit lacks ImageDecoder and storage.persist;
// older Firefox and Safari lack requestVideoFrameCallback): the sample footage and a video
// file are still analysed and shown, the status line names each fallback, a huge JPEG is
// refused rather than decoded scaled down, and no error goes uncaught. Likewise without
// Trusted Types, served as such a browser reads the CSP. A normal page names none, and shows
// the errors it does not catch.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBuild, type AppServer } from '../../scripts/lib/app-server';
import {
  CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
} from '../../src/shared/security-headers';
import {
  noticeTexts,
  stageState,
  stopSource,
  waitForStage,
} from './app-driver';
import { fixturePath, openApp } from './harness';

/** The ids the status line shows for the features removeFeatures() takes away. */
const REMOVED = [
  'no-imagedecoder',
  'no-persist',
  'no-video-frame-callback',
  'no-videoframe',
  'no-wake-lock',
];

/** Runs in the page before its scripts: deletes the features as a browser without them lacks them. */
function removeFeatures(): void {
  const w = window as unknown as Record<string, unknown>;
  delete w.VideoFrame;
  delete w.ImageDecoder;
  delete (StorageManager.prototype as unknown as Record<string, unknown>)
    .persist;
  delete (Navigator.prototype as unknown as Record<string, unknown>).wakeLock;
  delete (HTMLVideoElement.prototype as unknown as Record<string, unknown>)
    .requestVideoFrameCallback;
}

/** The status line's fallback chips: id, visible words and title. */
function fallbackChips(page: Page) {
  return page.locator('ls-status-bar .chip.fallback').evaluateAll((chips) =>
    chips.map((c) => ({
      id: (c as HTMLElement).dataset.fallback ?? '',
      text: (c as HTMLElement).innerText,
      title: c.getAttribute('title') ?? '',
    })),
  );
}

const uncaughtErrors = (page: Page) =>
  page.locator('ls-app').getAttribute('data-uncaught-errors');

/**
 * Mean brightness (0–255) of the stage's source picture while the stage reports a face: the
 * sample footage has black gaps between its scenes, so the two are read in one evaluation.
 */
function pictureWithFaces(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const stage = document
      .querySelector('ls-app')
      ?.shadowRoot?.querySelector<HTMLElement>('ls-stage');
    const media = stage?.shadowRoot?.querySelector<
      HTMLCanvasElement | HTMLVideoElement
    >('.frame > :not(.overlay)');
    if (!stage || !media || Number(stage.dataset.faces) < 1) return null;
    const ctx = document
      .createElement('canvas')
      .getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(media, 0, 0, 16, 16);
    const px = ctx.getImageData(0, 0, 16, 16).data;
    let sum = 0;
    for (let i = 0; i < px.length; i += 4) sum += px[i] + px[i + 1] + px[i + 2];
    return sum / (256 * 3);
  });
}

describe('without VideoFrame, ImageDecoder, requestVideoFrameCallback, storage.persist and Wake Lock', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ browser, page } = await openApp({
      path: '?source=sample',
      beforeGoto: (p) => p.addInitScript(removeFeatures),
    }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the page really lacks them', async () => {
    const missing = await page.evaluate(() => ({
      videoFrame: typeof (window as { VideoFrame?: unknown }).VideoFrame,
      imageDecoder: typeof (window as { ImageDecoder?: unknown }).ImageDecoder,
      persist: typeof navigator.storage.persist,
      wakeLock: 'wakeLock' in navigator,
      rvfc: 'requestVideoFrameCallback' in HTMLVideoElement.prototype,
    }));
    expect(missing).toEqual({
      videoFrame: 'undefined',
      imageDecoder: 'undefined',
      persist: 'undefined',
      wakeLock: false,
      rvfc: false,
    });
  });

  it('analyses the sample footage and shows its picture, faces boxed', async () => {
    await waitForStage(page, (s) => s.frames >= 5 && s.faces >= 1);
    // Not a blank stage: the source canvas holds a picture while the faces are boxed.
    await expect
      .poll(() => pictureWithFaces(page), { timeout: 20_000, interval: 100 })
      .toBeGreaterThan(25);
    expect(await page.locator('ls-stage canvas.overlay').count()).toBe(1);
    expect(await uncaughtErrors(page)).toBe('0');
  });

  it('names one fallback per missing feature on the status line, each with its detail', async () => {
    const chips = await fallbackChips(page);
    expect(chips.map((c) => c.id).sort()).toEqual(REMOVED);
    for (const chip of chips) {
      expect(chip.text.length, chip.id).toBeGreaterThan(3);
      expect(chip.title, chip.id).toMatch(/^This browser .+\.$/);
    }
    expect(chips.find((c) => c.id === 'no-videoframe')?.text).toBe(
      'Frames as bitmaps',
    );
    // A tap shows the detail for touch screens, which have no hover for the title.
    const chip = page.locator(
      'ls-status-bar [data-fallback="no-imagedecoder"]',
    );
    await chip.click();
    await expect
      .poll(() => page.locator('ls-status-bar .fallback-detail').innerText())
      .toMatch(/^This browser has no ImageDecoder: .*50 megapixels/);
    expect(await chip.getAttribute('aria-expanded')).toBe('true');
    await chip.click();
    expect(await page.locator('ls-status-bar .fallback-detail').count()).toBe(
      0,
    );
  });

  it('plays a video file without requestVideoFrameCallback and boxes its faces', async () => {
    await stopSource(page);
    await page
      .locator('ls-source-picker #video-input')
      .setInputFiles(fixturePath('clip.mp4'));
    const first = await waitForStage(
      page,
      (s) => s.frames >= 3 && s.faces >= 1,
    );
    // Frames keep coming: the refresh-driven wait does not stop after the first.
    await waitForStage(page, (s) => s.frames >= first.frames + 5);
    expect(await page.locator('ls-stage video').count()).toBe(1);
  });

  it('refuses a 66-megapixel JPEG with a message, having no ImageDecoder to scale it down', async () => {
    await stopSource(page);
    await page
      .locator('ls-source-picker #image-input')
      .setInputFiles(fixturePath('huge-photo.jpg'));
    await expect
      .poll(async () => (await noticeTexts(page)).join(' / '), {
        timeout: 20_000,
      })
      .toMatch(
        /“huge-photo\.jpg” is too large to open here: \d+ × \d+ pixels \(\d+ megapixels; the limit is 50 megapixels\)/,
      );
    expect((await stageState(page)).frames).toBe(0);
  });

  it('caught every error along the way', async () => {
    expect(await uncaughtErrors(page)).toBe('0');
    expect((await noticeTexts(page)).join(' / ')).not.toMatch(
      /Something went wrong/,
    );
  });
});

describe('without Trusted Types', () => {
  // Deleting window.trustedTypes alone does not make such a browser: Chromium still enforces
  // the CSP's require-trusted-types-for, refuses every string Lit hands to innerHTML, and the
  // shell renders nothing (tried: its shadow root stayed empty). A browser without Trusted Types
  // ignores the two directives, so this server leaves them out and keeps the rest of the CSP.
  const CSP_WITHOUT_TT = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !/^(require-)?trusted-types/.test(d))
    .join('; ');
  let server: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await serveBuild(process.env.LS_DIST || 'dist', undefined, {
      ...SECURITY_HEADERS,
      'Content-Security-Policy': CSP_WITHOUT_TT,
    });
    ({ browser, page } = await openApp({
      path: null,
      beforeGoto: (p) =>
        p.addInitScript(() => {
          delete (window as { trustedTypes?: unknown }).trustedTypes;
        }),
    }));
    await page.goto(`${server.url}?source=sample`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('analyses the sample footage, names the fallback, and breaks no policy', async () => {
    expect(CSP_WITHOUT_TT).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CSP_WITHOUT_TT).not.toContain('trusted-types');
    await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 1);
    expect((await fallbackChips(page)).map((c) => c.id)).toEqual([
      'no-trusted-types',
    ]);
    expect(await uncaughtErrors(page)).toBe('0');
    expect(
      await page.locator('ls-app').getAttribute('data-csp-violations'),
    ).toBe('0');
  });
});

describe('a normal Chromium page', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ browser, page } = await openApp({ path: '?source=sample' }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('names no fallback and has no uncaught error', async () => {
    await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 1);
    expect(await page.locator('ls-status-bar .chip').count()).toBeGreaterThan(
      3,
    );
    expect(await fallbackChips(page)).toEqual([]);
    expect(await uncaughtErrors(page)).toBe('0');
  });

  it('shows a measured rate in strong.fps, never "0.0"', async () => {
    const fps = page.locator('ls-status-bar strong.fps');
    await fps.waitFor({ timeout: 20_000 });
    expect(Number(await fps.innerText())).toBeGreaterThan(0);
  });

  it('counts an uncaught error and an unhandled rejection, tells the user, ignores an AbortError', async () => {
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('test fault thrown');
      });
      void Promise.reject(new Error('test fault rejected'));
      void Promise.reject(new DOMException('stopped on purpose', 'AbortError'));
    });
    await expect.poll(() => uncaughtErrors(page)).toBe('2');
    const notices = (await noticeTexts(page)).join(' / ');
    expect(notices).toContain(
      'Something went wrong: test fault thrown. Counts already stored are safe; pick the source again if the stage stops.',
    );
    expect(notices).toContain('Something went wrong: test fault rejected.');
    expect(notices).not.toContain('stopped on purpose');
  });
});
