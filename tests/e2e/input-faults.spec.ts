// Failures of the user's input that the app already handles (issue 8): the camera refused,
// missing, busy or unplugged mid-session, and files that are empty, not media, or damaged.
// Each gets its own message, another source still works afterwards, and stored counts stay.
// Unsupported codecs, huge and many files: file-faults.spec.ts.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passersBy, stopSource, waitForStage } from './app-driver';
import {
  baseURL,
  collectConsole,
  fixturePath,
  openApp,
  recordVisits,
  type ConsoleEntry,
  type NetworkLog,
} from './harness';
import {
  expectFileRefused,
  expectNoSource,
  expectNotice,
  expectSampleWorks,
  problems,
  settledBuckets,
  storedPassersBy,
} from './input-fault-checks';

/** The context's browserContextId, for Browser.* CDP commands aimed at it. */
async function contextId(context: BrowserContext, page: Page): Promise<string> {
  const cdp = await context.newCDPSession(page);
  const { targetInfo } = (await cdp.send('Target.getTargetInfo')) as {
    targetInfo: { browserContextId?: string };
  };
  await cdp.detach();
  if (!targetInfo.browserContextId) throw new Error('no browserContextId');
  return targetInfo.browserContextId;
}

/** Finds the <video> playing a MediaStream in the app's shadow roots and ends its tracks. */
function endCameraTracks(page: Page): Promise<number> {
  return page.evaluate(() => {
    const find = (root: Document | ShadowRoot): HTMLVideoElement | null => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (
          el instanceof HTMLVideoElement &&
          el.srcObject instanceof MediaStream
        )
          return el;
        const inner = el.shadowRoot ? find(el.shadowRoot) : null;
        if (inner) return inner;
      }
      return null;
    };
    const video = find(document);
    if (!video) throw new Error('no <video> with a camera stream');
    const tracks = (video.srcObject as MediaStream).getVideoTracks();
    // What Chromium fires when a device is unplugged; there is no CDP call to unplug the
    // fake one, and track.stop() fires no 'ended' event (by spec).
    for (const track of tracks) track.dispatchEvent(new Event('ended'));
    return tracks.length;
  });
}

describe('input faults: the camera (fake device, permission decided per test)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let net: NetworkLog;
  let consoleEntries: ConsoleEntry[];

  beforeAll(async () => {
    ({ browser, context, page, net } = await openApp({
      fakeCameraFile: fixturePath('camera.y4m'),
      autoAcceptCamera: false,
      path: null,
      beforeGoto: recordVisits,
    }));
    consoleEntries = collectConsole(page);
    // Denied as if the user had refused the prompt (the site setting says "Block").
    await (
      await browser.newBrowserCDPSession()
    ).send('Browser.setPermission', {
      permission: { name: 'camera' },
      setting: 'denied',
      origin: new URL(baseURL()).origin,
      browserContextId: await contextId(context, page),
    });
    await page.goto(baseURL());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('camera denied: says how to allow it; the sample footage still boxes faces', async () => {
    const before = await settledBuckets(page);
    await page.locator('ls-source-picker #camera').click();
    await expectNotice(
      page,
      'Camera access was denied. Allow the camera in the browser’s site settings, or use the sample footage.',
    );
    await expectNoSource(page);
    expect(await settledBuckets(page)).toEqual(before);
    await expectSampleWorks(page);
    // Let the first scene's people leave, so later tests have counts to keep.
    await expect
      .poll(() => passersBy(page), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    expect(problems(consoleEntries)).toBe('');
    expect(net.offOrigin(baseURL())).toEqual([]);
  });

  it('camera in use: says to close the other app; the sample footage still works', async () => {
    await stopSource(page);
    const before = await settledBuckets(page);
    const session = await passersBy(page);
    expect(storedPassersBy(before)).toBeGreaterThanOrEqual(1);
    // What Chromium reports when another app holds the device. On the live page, not with
    // addInitScript, so the loaded detector is kept for the next tests.
    await page.evaluate(() => {
      const media = navigator.mediaDevices;
      const w = window as unknown as {
        __realGetUserMedia: typeof media.getUserMedia;
      };
      w.__realGetUserMedia = media.getUserMedia.bind(media);
      media.getUserMedia = () =>
        Promise.reject(
          new DOMException('Could not start video source', 'NotReadableError'),
        );
    });
    await page.locator('ls-source-picker #camera').click();
    await expectNotice(
      page,
      'The camera is in use by another app or could not start. Close the other app and try again.',
    );
    await expectNoSource(page);
    expect(await settledBuckets(page)).toEqual(before);
    expect(await passersBy(page)).toBe(session);
    await page.evaluate(() => {
      const w = window as unknown as {
        __realGetUserMedia: MediaDevices['getUserMedia'];
      };
      navigator.mediaDevices.getUserMedia = w.__realGetUserMedia;
    });
    await expectSampleWorks(page);
    expect(problems(consoleEntries)).toBe('');
    expect(net.offOrigin(baseURL())).toEqual([]);
  });

  it('camera unplugged mid-session: says so, stops the source, keeps the counts', async () => {
    await stopSource(page);
    const storedBefore = storedPassersBy(await settledBuckets(page));
    const sessionBefore = await passersBy(page);
    expect(sessionBefore).toBeGreaterThanOrEqual(1);
    await context.grantPermissions(['camera'], {
      origin: new URL(baseURL()).origin,
    });
    await page.locator('ls-source-picker #camera').click();
    await waitForStage(page, (s) => s.frames >= 5 && s.faces >= 2);
    expect(await endCameraTracks(page)).toBeGreaterThanOrEqual(1);
    await expectNotice(
      page,
      'The camera stopped (unplugged or taken by another app). Pick another source to continue.',
    );
    await expectNoSource(page);
    // The people the camera saw are counted when it stops, never the session wiped.
    const sessionAfter = await passersBy(page);
    expect(sessionAfter).toBeGreaterThan(sessionBefore);
    const storedAfter = storedPassersBy(await settledBuckets(page));
    expect(storedAfter).toBe(storedBefore + sessionAfter - sessionBefore);
    await expectSampleWorks(page);
    expect(problems(consoleEntries)).toBe('');
    expect(net.offOrigin(baseURL())).toEqual([]);
  });

  it('an empty video file: says it is empty (0 bytes); the sample footage still works', async () => {
    await expectFileRefused(
      page,
      '#video-input',
      { name: 'empty.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(0) },
      '“empty.mp4” is empty (0 bytes). Choose another file, or use the sample footage.',
    );
    await expectSampleWorks(page);
    expect(net.offOrigin(baseURL())).toEqual([]);
  });

  it('an empty image file: says it is empty (0 bytes), as for an empty video', async () => {
    await expectFileRefused(
      page,
      '#image-input',
      { name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) },
      '“empty.jpg” is empty (0 bytes). Choose another file, or use the sample footage.',
    );
    expect(net.offOrigin(baseURL())).toEqual([]);
  });

  it('a text file: says it is not a video or an image; the sample footage still works', async () => {
    await expectFileRefused(
      page,
      '#video-input',
      {
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Not a video. LocalSight test.\n'),
      },
      '“notes.txt” is not a video or an image. Choose another file, or use the sample footage.',
    );
    await expectSampleWorks(page);
    expect(net.offOrigin(baseURL())).toEqual([]);
  });

  it('a damaged video: says it could not be decoded; the sample footage still works', async () => {
    // clip.mp4's first 4 KiB (ftyp and the start of moov), then noise.
    await expectFileRefused(
      page,
      '#video-input',
      fixturePath('corrupt.mp4'),
      // The same words whether it fails while opening or a moment after it starts playing.
      '“corrupt.mp4” could not be decoded; it may be damaged or incomplete. Pick another source to continue.',
    );
    await expectSampleWorks(page);
    expect(problems(consoleEntries)).toBe('');
    expect(net.offOrigin(baseURL())).toEqual([]);
  });
});

describe('input faults: no camera at all (no fake device)', () => {
  let browser: Browser;
  let page: Page;
  let net: NetworkLog;

  beforeAll(async () => {
    ({ browser, page, net } = await openApp({ path: null }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('says none was found; the sample footage still boxes faces', async () => {
    await page.goto(baseURL());
    // Without the fake device Chromium finds none here and getUserMedia rejects with
    // NotFoundError; on a machine with a real camera, say what Chromium would say.
    await page.evaluate(async () => {
      const media = navigator.mediaDevices;
      const devices = await media.enumerateDevices();
      if (devices.some((d) => d.kind === 'videoinput'))
        media.getUserMedia = () =>
          Promise.reject(
            new DOMException('Requested device not found', 'NotFoundError'),
          );
    });
    await page.locator('ls-source-picker #camera').click();
    await expectNotice(
      page,
      'No camera was found. Connect one, or use the sample footage.',
    );
    await expectNoSource(page);
    await expectSampleWorks(page);
    expect(net.offOrigin(baseURL())).toEqual([]);
  });
});
