// The installable, offline app in real Chromium with its real service worker: the first
// visit saves every file (with progress), the server stops and the app still starts and
// analyses the sample footage; a new build is offered and applied only on the user's word
// and never mid-session; the manifest passes Chromium's installability checks.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/security-headers';
import type { PrecacheProgress } from '../../src/shared/sw-messages';
import {
  buildApp,
  freePort,
  serveBuild,
  type AppServer,
} from '../../scripts/lib/app-server';
import {
  checkForUpdate,
  describeOfflineCopy,
  statusEngine,
  untilOfflineReady,
  waitForStage,
} from './app-driver';
import {
  baseURL,
  collectConsole,
  formatConsole,
  launchChromium,
  launchProfile,
  NetworkLog,
} from './harness';

const DIST = process.env.LS_DIST || 'dist';
const NEXT_DIST = 'dist-e2e-next';
const NEXT_BUILD = 'e2e-next';
const TAMPERED_DIST = 'dist-e2e-tampered';

/** Records the service worker's install progress broadcasts in the page. */
const recordProgress = (page: Page) =>
  page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __progress: unknown[] }).__progress = seen;
    new BroadcastChannel('ls-sw').onmessage = (e) => seen.push(e.data);
  });

const progressSeen = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __progress: PrecacheProgress[] }).__progress,
  );

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('installable offline PWA', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    // A second build of the same code under another name: what a deploy looks like.
    await buildApp(NEXT_DIST, NEXT_BUILD);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('saves the app, models and wasm on the first visit, then analyses the sample footage with the server stopped', async () => {
    let server: AppServer | null = await serveBuild(DIST);
    const context = await browser.newContext();
    const net = new NetworkLog(context);
    const page = await context.newPage();
    const consoleLog = collectConsole(page);
    try {
      await recordProgress(page);
      await page.goto(server.url);
      await untilOfflineReady(page);

      // Every model file, wasm binary and sample is in the copy, with its recorded sha256.
      const copy = await describeOfflineCopy(page);
      expect(copy).not.toBeNull();
      const urls = copy!.files.map((f) => f.url);
      for (const needed of [
        'index.html',
        'models/facemesh-detection-full.bin',
        'models/emotion.bin',
        'models/age_gender_model.bin',
        'wasm/tfjs/tfjs-backend-wasm-simd.wasm',
        'sample/sample1.jpg',
        'manifest.webmanifest',
      ]) {
        expect(urls).toContain(needed);
      }
      const hashed = copy!.files.filter((f) => f.integrity);
      expect(hashed.map((f) => f.url).sort()).toEqual(
        urls.filter((u) => /^(models|wasm|sample)\//.test(u)).sort(),
      );
      const totalBytes = copy!.files.reduce((n, f) => n + f.size, 0);
      console.log(
        `precache: ${copy!.files.length} files, ${(totalBytes / 1024 / 1024).toFixed(2)} MB`,
      );

      // The progress the page showed ran to every file and byte.
      const progress = await progressSeen(page);
      expect(progress.length).toBe(copy!.files.length);
      expect(progress.at(-1)).toMatchObject({
        done: copy!.files.length,
        total: copy!.files.length,
        doneBytes: totalBytes,
        totalBytes,
      });

      // The first page's worker has loaded its models: going offline now aborts no fetch of
      // its (a load still running under load used to show up as a failed offline request).
      await statusEngine(page);

      // Offline: the server is gone.
      await server.close();
      server = null;
      const offlineFrom = net.requests.length;
      const response = await page.goto(
        `${new URL(page.url()).origin}/?source=sample`,
      );
      expect(response?.fromServiceWorker()).toBe(true);
      // The service worker adds the headers the server used to send.
      expect(response?.headers()['content-security-policy']).toBe(
        CONTENT_SECURITY_POLICY,
      );
      await expect(page.evaluate(() => crossOriginIsolated)).resolves.toBe(
        true,
      );
      await waitForStage(page, (s) => s.faces >= 1 && s.frames >= 3, 120_000);
      expect(
        await page.locator('ls-status-bar').getAttribute('data-backend'),
      ).toBeTruthy();

      await expect(
        page.locator('ls-app').getAttribute('data-csp-violations'),
      ).resolves.toBe('0');
      const offline = net.requests.slice(offlineFrom);
      expect(offline.length).toBeGreaterThan(5);
      expect(
        offline.filter((r) => r.failure),
        formatConsole(consoleLog),
      ).toEqual([]);
      expect(net.offOrigin(page.url())).toEqual([]);

      // A second tab, opened offline, starts too.
      const tab = await context.newPage();
      await tab.goto(new URL(page.url()).origin);
      await expect
        .poll(() => tab.locator('ls-status-bar[data-backend]').count(), {
          timeout: 90_000,
        })
        .toBe(1);
    } finally {
      await server?.close();
      await context.close();
    }
  });

  it('offers a new build as an update, not during a session, and reloads into it on the user’s word', async () => {
    const port = await freePort();
    let server = await serveBuild(DIST, port);
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await untilOfflineReady(page);
      const firstBuild = await page
        .locator('ls-app')
        .getAttribute('data-build');
      expect(firstBuild).not.toBe(NEXT_BUILD);
      // The first page's workers have loaded their models (the person detector too, since
      // issue 15): closing the server now aborts none of their fetches.
      await statusEngine(page);

      // A deploy: the same origin now serves the next build. A demo is running.
      await server.close();
      server = await serveBuild(NEXT_DIST, port);
      await page.locator('ls-source-picker #sample').click();
      await waitForStage(page, (s) => s.frames >= 2);
      await checkForUpdate(page);
      const banner = page.locator('ls-offline-status[show="update"]');
      await expect
        .poll(() => banner.getAttribute('data-update'), { timeout: 90_000 })
        .toBe('ready');
      // Mid-session it only says so; nothing can restart the demo under the prospect.
      await expect(banner.locator('p').innerText()).resolves.toMatch(
        /when you stop/i,
      );
      await expect(banner.locator('#apply-update').count()).resolves.toBe(0);
      await page.waitForTimeout(1500);
      expect(await page.locator('ls-app').getAttribute('data-build')).toBe(
        firstBuild,
      );

      // Stopped: now the update is offered, and accepting reloads into the new build.
      await page.locator('ls-source-picker #stop').click();
      const apply = banner.locator('#apply-update');
      await apply.waitFor({ timeout: 10_000 });
      await Promise.all([
        page.waitForEvent('load', { timeout: 60_000 }),
        apply.click(),
      ]);
      await expect
        .poll(() => page.locator('ls-app').getAttribute('data-build'), {
          timeout: 30_000,
        })
        .toBe(NEXT_BUILD);
      await untilOfflineReady(page);
      expect((await describeOfflineCopy(page))?.build).toBe(NEXT_BUILD);
      await expect(
        page
          .locator('ls-offline-status[show="update"]')
          .getAttribute('data-update'),
      ).resolves.toBe('none');
    } finally {
      await server.close();
      await context.close();
    }
  });

  it('refuses to save a copy whose sample photo differs from its recorded sha256, and says so', async () => {
    // A deploy with one byte changed in a precached file: its integrity hash no longer holds.
    await rm(TAMPERED_DIST, { recursive: true, force: true });
    await cp(DIST, TAMPERED_DIST, { recursive: true });
    const photo = path.join(TAMPERED_DIST, 'sample/sample6.jpg');
    const bytes = await readFile(photo);
    bytes[bytes.length - 3] ^= 0xff;
    await writeFile(photo, bytes);
    const server = await serveBuild(TAMPERED_DIST);
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      const pill = page.locator('ls-offline-status[show="pill"]');
      await expect
        .poll(() => pill.getAttribute('data-offline'), { timeout: 120_000 })
        .toBe('error');
      await expect(pill.locator('.pill').innerText()).resolves.toContain(
        'Not saved for offline use',
      );
      await expect(
        page.evaluate(() => navigator.serviceWorker.controller),
      ).resolves.toBeNull();
      // The app itself still runs from the server.
      await expect
        .poll(() => page.locator('ls-status-bar[data-backend]').count(), {
          timeout: 90_000,
        })
        .toBe(1);
    } finally {
      await context.close();
      await server.close();
      await rm(TAMPERED_DIST, { recursive: true, force: true });
    }
  });

  it('has a valid manifest and meets Chromium’s installability criteria', async () => {
    const profile = await mkdtemp(path.join(tmpdir(), 'ls-profile-'));
    const context = await launchProfile(profile);
    const page = context.pages()[0] ?? (await context.newPage());
    try {
      await page.goto(baseURL());
      await untilOfflineReady(page);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send(
        'Page.getInstallabilityErrors',
      )) as { installabilityErrors: unknown[] };
      expect(installabilityErrors).toEqual([]);
      const { errors, data, url } = (await cdp.send('Page.getAppManifest')) as {
        errors: unknown[];
        data?: string;
        url: string;
      };
      expect(errors).toEqual([]);
      expect(url).toMatch(/manifest\.webmanifest$/);
      const manifest = JSON.parse(data ?? '{}') as {
        name: string;
        short_name: string;
        display: string;
        start_url: string;
        theme_color: string;
        background_color: string;
        icons: { src: string; sizes: string; purpose?: string }[];
        shortcuts: { url: string; icons: { src: string; sizes: string }[] }[];
      };
      expect(manifest).toMatchObject({
        short_name: 'LocalSight',
        display: 'standalone',
        start_url: '/',
      });
      expect(manifest.name).toMatch(/LocalSight/);
      expect(manifest.theme_color).toMatch(/^#/);
      expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
      expect(manifest.icons.map((i) => i.sizes)).toEqual(
        expect.arrayContaining(['192x192', '512x512']),
      );
      expect(manifest.shortcuts.map((s) => s.url).sort()).toEqual([
        '/?source=camera',
        '/?source=sample',
      ]);
      // Every icon exists at the size the manifest claims.
      const icons = [
        ...manifest.icons,
        ...manifest.shortcuts.flatMap((s) => s.icons),
      ];
      for (const icon of icons) {
        const res = await context.request.get(new URL(icon.src, url).href);
        expect(res.ok(), icon.src).toBe(true);
        const [w, h] = pngSize(await res.body());
        expect(`${w}x${h}`, icon.src).toBe(icon.sizes);
      }
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
