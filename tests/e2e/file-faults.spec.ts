// Hard files (issue 8): videos whose codec or container Chromium cannot play, sound without
// pictures, a 4 GB video (streamed from disk, never read into memory), a 20000 × 20000 PNG
// bomb, a 66-megapixel photo, and 500 images dropped at once. Each says what happened and what
// to do, leaves nothing running and the stored counts as they were; the sample still works.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dropFiles,
  noticeTexts,
  passersBy,
  stopSource,
  waitForStage,
} from './app-driver';
import {
  baseURL,
  collectConsole,
  fixturePath,
  openApp,
  recordVisits,
  samplePhoto,
  type ConsoleEntry,
  type NetworkLog,
} from './harness';
import {
  expectFileRefused,
  expectNotice,
  expectSampleWorks,
  problems,
  settledBuckets,
  storedPassersBy,
} from './input-fault-checks';

const CONVERT =
  'Convert it to MP4 (H.264) or WebM (VP9), or use the sample footage.';
const MB = 1024 * 1024;
const GB = 1024 * MB;

/**
 * A valid 4 GiB MP4 in a temporary folder: clip.mp4 (moov first), then a 'free' box with a
 * 64-bit size that runs to the end of the file, left sparse so it takes no disk space.
 */
async function makeBigVideo(dir: string): Promise<string> {
  const file = path.join(dir, 'big-4gb.mp4');
  const clip = readFileSync(fixturePath('clip.mp4'));
  const free = Buffer.alloc(16);
  free.writeUInt32BE(1, 0); // the size is the 64-bit one that follows
  free.write('free', 4, 'latin1');
  free.writeBigUInt64BE(BigInt(4 * GB - clip.length), 8);
  await fs.writeFile(file, Buffer.concat([clip, free]));
  await fs.truncate(file, 4 * GB);
  return file;
}

/** The page's JS heap and ArrayBuffer backing stores after a garbage collection, in bytes. */
async function pageMemory(
  cdp: CDPSession,
): Promise<{ heap: number; buffers: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as {
    usedSize: number;
    backingStorageSize?: number;
  };
  return { heap: usage.usedSize, buffers: usage.backingStorageSize ?? 0 };
}

/** Resident memory of every process this test process started (Chromium's, on Linux), in bytes. */
function childrenRss(): number | null {
  if (!existsSync('/proc/self/status')) return null;
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const todo = [...(children.get(process.pid) ?? [])];
  for (let pid = todo.pop(); pid !== undefined; pid = todo.pop()) {
    todo.push(...(children.get(pid) ?? []));
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(
        readFileSync(`/proc/${pid}/status`, 'utf8'),
      );
      total += kb ? Number(kb[1]) * 1024 : 0;
    } catch {
      // ended
    }
  }
  return total;
}

const mb = (bytes: number): string => `${Math.round(bytes / MB)} MB`;

/**
 * Drops a folder on the app. Playwright cannot drag a real directory, so the drop event
 * carries a stand-in DataTransfer whose one item is a folder entry (webkitGetAsEntry) that
 * reads like Chromium's FileSystemDirectoryEntry: batches of at most 100 entries, then an
 * empty one. `tree` maps a file name to its bytes, a folder name to its own tree.
 */
async function dropFolder(
  page: Page,
  name: string,
  tree: FolderTree,
): Promise<void> {
  await page.evaluate(
    ({ name, tree }) => {
      type Tree = { [name: string]: { type: string; base64: string } | Tree };
      const entry = (entryName: string, node: Tree[string]): object => {
        if (typeof node.base64 === 'string') {
          const { type, base64 } = node as { type: string; base64: string };
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          return {
            isFile: true,
            isDirectory: false,
            name: entryName,
            file: (ok: (f: File) => void) =>
              setTimeout(() => ok(new File([bytes], entryName, { type })), 0),
          };
        }
        const children = Object.entries(node as Tree).map(([n, c]) =>
          entry(n, c),
        );
        return {
          isFile: false,
          isDirectory: true,
          name: entryName,
          createReader: () => {
            let at = 0;
            return {
              readEntries: (ok: (batch: object[]) => void) => {
                const batch = children.slice(at, at + 100);
                at += batch.length;
                setTimeout(() => ok(batch), 0);
              },
            };
          },
        };
      };
      const folder = entry(name, tree);
      const dataTransfer = {
        types: ['Files'],
        // What Chromium gives for a folder: an untyped, empty File.
        files: [new File([], name)],
        items: [
          {
            kind: 'file',
            webkitGetAsEntry: () => folder,
            getAsFile: () => new File([], name),
          },
        ],
      };
      const app = document.querySelector('ls-app');
      if (!app) throw new Error('no ls-app');
      for (const type of ['dragover', 'drop']) {
        const event = new DragEvent(type, { bubbles: true, cancelable: true });
        Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
        app.dispatchEvent(event);
      }
    },
    { name, tree },
  );
}

interface FolderTree {
  [name: string]: { type: string; base64: string } | FolderTree;
}

describe('file faults: codecs, size and number', () => {
  let browser: Browser;
  let page: Page;
  let net: NetworkLog;
  let consoleEntries: ConsoleEntry[];
  let tmp: string;

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'localsight-files-'));
    ({ browser, page, net } = await openApp({
      path: null,
      beforeGoto: recordVisits,
    }));
    consoleEntries = collectConsole(page);
    // One engine, so the first start does not time both (the choice is engines.spec's subject).
    await page.goto(`${baseURL()}?engine=tfjs`);
  });

  afterAll(async () => {
    await browser?.close();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('first, the sample footage counts and stores people, so there are counts to keep', async () => {
    await expectSampleWorks(page);
    await expect
      .poll(() => passersBy(page), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    await stopSource(page);
    const stored = storedPassersBy(await settledBuckets(page));
    expect(stored).toBeGreaterThanOrEqual(1);
  });

  it('a codec or container Chromium cannot play: named, nothing left running; the sample still works', async () => {
    // An iPhone-style .mov: Chromium would play its sound alone, with no picture.
    await expectFileRefused(
      page,
      '#video-input',
      fixturePath('hevc-aac.mov'),
      `“hevc-aac.mov” uses a video codec this browser cannot play: HEVC (H.265). ${CONVERT}`,
    );
    await expectFileRefused(
      page,
      '#video-input',
      fixturePath('mpeg4-part2.mp4'),
      `“mpeg4-part2.mp4” uses a video codec this browser cannot play: MPEG-4 Part 2. ${CONVERT}`,
    );
    await expectFileRefused(
      page,
      '#video-input',
      fixturePath('mpeg4.avi'),
      `“mpeg4.avi” is an AVI file, a format this browser cannot play. ${CONVERT}`,
    );
    await expectSampleWorks(page);
    expect(problems(consoleEntries)).toBe('');
  });

  it('sound without pictures: says it has no video track, rather than analysing a black stage', async () => {
    const message = (name: string) =>
      `“${name}” has no video track, only audio. Choose a video file, or use the sample footage.`;
    await expectFileRefused(
      page,
      '#video-input',
      fixturePath('audio-only.webm'), // typed video/webm by the browser
      message('audio-only.webm'),
    );
    const before = await settledBuckets(page);
    const base64 = readFileSync(fixturePath('audio-only.webm')).toString(
      'base64',
    );
    await dropFiles(page, [{ name: 'voice.m4a', type: 'audio/mp4', base64 }]);
    await expectNotice(page, message('voice.m4a'));
    expect(await settledBuckets(page)).toEqual(before);
    expect(problems(consoleEntries)).toBe('');
  });

  it('a 4 GB video streams from disk: faces are boxed while memory stays far below its size', async () => {
    await stopSource(page);
    const big = await makeBigVideo(tmp);
    const cdp = await page.context().newCDPSession(page);
    const before = await pageMemory(cdp);
    const rssBefore = childrenRss();
    const started = Date.now();
    // A path, not bytes: playwright-core hands a local browser the path (DOM.setFileInputFiles),
    // as a user's file picker would; it refuses buffers over 50 MB anyway.
    await page.locator('ls-source-picker #video-input').setInputFiles(big);
    const state = await waitForStage(
      page,
      (s) => s.frames >= 5 && s.faces >= 1,
    );
    const during = await pageMemory(cdp);
    const rssDuring = childrenRss();
    const video = await page
      .locator('ls-stage video')
      .evaluate((v: HTMLVideoElement) => ({
        duration: v.duration,
        width: v.videoWidth,
      }));
    // The page sees the whole 4 GiB file, through a probe input of the test's own.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'memory-probe';
      document.body.append(input);
    });
    await page.locator('#memory-probe').setInputFiles(big);
    const size = await page.evaluate(
      () =>
        (document.querySelector('#memory-probe') as HTMLInputElement).files![0]
          .size,
    );
    // The measure would catch reading the file: 64 MB of it read into an ArrayBuffer shows up.
    await page.evaluate(async () => {
      const file = (document.querySelector('#memory-probe') as HTMLInputElement)
        .files![0];
      (window as unknown as { __held: ArrayBuffer }).__held = await file
        .slice(0, 64 * 1024 * 1024)
        .arrayBuffer();
    });
    const control = await pageMemory(cdp);
    await page.evaluate(() => {
      delete (window as unknown as { __held?: ArrayBuffer }).__held;
      document.querySelector('#memory-probe')?.remove();
    });
    await cdp.detach();
    const grew = during.heap + during.buffers - (before.heap + before.buffers);
    const rssGrew =
      rssBefore !== null && rssDuring !== null ? rssDuring - rssBefore : null;
    console.log(
      `4 GiB video: ${state.frames} frames, ${state.faces} faces after ${Date.now() - started} ms; ` +
        `page heap ${mb(before.heap)} → ${mb(during.heap)}, ArrayBuffers ${mb(before.buffers)} → ${mb(during.buffers)} ` +
        `(64 MB read on purpose: ${mb(control.buffers)}); ` +
        `Chromium processes' RSS ${rssGrew === null ? 'n/a' : `${mb(rssBefore!)} → ${mb(rssDuring!)}`}`,
    );
    expect(size).toBe(4 * GB);
    expect(video).toEqual({ duration: expect.closeTo(4, 0), width: 640 });
    expect(control.buffers - during.buffers).toBeGreaterThanOrEqual(60 * MB);
    expect(grew).toBeLessThan(64 * MB);
    if (rssGrew !== null) expect(rssGrew).toBeLessThan(512 * MB);
    expect(problems(consoleEntries)).toBe('');
    await stopSource(page);
    await fs.rm(big, { force: true });
  });

  it('a 20000 × 20000 PNG bomb is refused before decoding (1.6 GB of pixels); the tab lives on', async () => {
    const started = Date.now();
    await expectFileRefused(
      page,
      '#image-input',
      fixturePath('huge.png'),
      '“huge.png” is too large to open here: 20000 × 20000 pixels (400 megapixels; the limit is 50 megapixels). Scale it down, or use the sample footage.',
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(problems(consoleEntries)).toBe('');
  });

  it('a 66-megapixel photo is decoded scaled down and its faces are boxed', async () => {
    await stopSource(page);
    await page
      .locator('ls-source-picker #image-input')
      .setInputFiles(fixturePath('huge-photo.jpg'));
    await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 2);
    const canvas = await page
      .locator('ls-stage canvas')
      .first()
      .evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    expect(Math.max(...canvas)).toBeLessThanOrEqual(960);
    expect(problems(consoleEntries)).toBe('');
  });

  it('500 images dropped at once: the first 100 play, the rest and the bad ones are named', async () => {
    await stopSource(page);
    const photo = readFileSync(samplePhoto(2)).toString('base64');
    const bomb = readFileSync(fixturePath('huge.png')).toString('base64');
    const tiny = readFileSync(fixturePath('tiny.png')).toString('base64');
    const files = Array.from({ length: 500 }, (_, i) => ({
      name: `grey-${String(i).padStart(3, '0')}.png`,
      type: 'image/png',
      base64: tiny,
    }));
    files[0] = { name: 'sample2.jpg', type: 'image/jpeg', base64: photo };
    files[1] = { name: 'huge.png', type: 'image/png', base64: bomb };
    files[2] = { name: 'empty.png', type: 'image/png', base64: '' };
    const started = Date.now();
    await dropFiles(page, files);
    await expectNotice(
      page,
      'Playing the first 100 of 500 images; the other 400 were left out (at most 100 at a time).',
    );
    await expectNotice(
      page,
      'Skipped “huge.png”: too large (20000 × 20000 pixels; the limit is 50 megapixels).',
    );
    await expectNotice(page, 'Skipped “empty.png”: empty (0 bytes).');
    await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 1);
    console.log(
      `500 images dropped: boxed faces after ${Date.now() - started} ms`,
    );
    expect((await noticeTexts(page)).join(' / ')).not.toMatch(/grey-1\d\d/);
    await stopSource(page);
    expect(problems(consoleEntries)).toBe('');
    expect(net.offOrigin(baseURL())).toEqual([]);
  });

  it('a dropped folder plays its images, subfolders too; what is not an image is named', async () => {
    await stopSource(page);
    const photo = readFileSync(samplePhoto(2)).toString('base64');
    const tiny = readFileSync(fixturePath('tiny.png')).toString('base64');
    const text = Buffer.from('not an image').toString('base64');
    const started = Date.now();
    await dropFolder(page, 'holiday', {
      '.DS_Store': { type: '', base64: text },
      'notes.txt': { type: 'text/plain', base64: text },
      'a-sample2.jpg': { type: 'image/jpeg', base64: photo },
      'day 2': { 'b-grey.png': { type: 'image/png', base64: tiny } },
    });
    await expectNotice(page, 'Skipped “notes.txt”: not a video or an image.');
    await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 1);
    console.log(
      `a dropped folder: boxed faces after ${Date.now() - started} ms`,
    );
    const notices = (await noticeTexts(page)).join(' / ');
    expect(notices).not.toMatch(/DS_Store|“holiday” is not/);
    await stopSource(page);
    expect(problems(consoleEntries)).toBe('');
  });
});
