// Checks shared by the input-fault specs (issue 8): a refused file or camera shows its
// message, leaves nothing running and the stored counts as they were, and the sample footage
// still works afterwards.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  flushedVisits,
  noticeTexts,
  stageState,
  stopSource,
  waitForStage,
} from './app-driver';
import { formatConsole, visitsSeen, type ConsoleEntry } from './harness';
import { dumpOrigin, recordsOf } from './storage-dump';

const DB = 'localsight-counts';

/**
 * The stored bucket records once every announced visit is written and nothing more arrives
 * for half a second (a stopped source's last visits are flushed after a debounce).
 */
export async function settledBuckets(page: Page): Promise<unknown[]> {
  let last = '';
  const deadline = Date.now() + 20_000;
  for (;;) {
    const now = `${await flushedVisits(page)}/${(await visitsSeen(page)).length}`;
    const [written, announced] = now.split('/');
    if (now === last && written === announced) break;
    if (Date.now() > deadline)
      throw new Error(`counts never settled: ${now} flushed/announced`);
    last = now;
    await page.waitForTimeout(500);
  }
  return recordsOf(await dumpOrigin(page), DB, 'buckets');
}

/** The stored passers-by of every day bucket, all sources together. */
export const storedPassersBy = (buckets: unknown[]): number =>
  buckets
    .map(
      (r) => (r as { value: { granularity: string; passersBy: number } }).value,
    )
    .filter((b) => b.granularity === 'day')
    .reduce((sum, b) => sum + b.passersBy, 0);

/** Waits until the notices show `message` (exactly, as the user reads it). */
export async function expectNotice(page: Page, message: string): Promise<void> {
  await expect
    .poll(async () => (await noticeTexts(page)).map((t) => t.trim()), {
      timeout: 20_000,
    })
    .toContainEqual(message);
}

/**
 * Nothing runs: no Stop button, the Camera button not pressed, no video on the stage, the
 * stage's counters at zero.
 */
export async function expectNoSource(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('ls-source-picker #stop').count())
    .toBe(0);
  expect(
    await page.locator('ls-source-picker #camera').getAttribute('aria-pressed'),
  ).toBe('false');
  expect(await page.locator('ls-stage video').count()).toBe(0);
  expect(await stageState(page)).toEqual({ faces: 0, frames: 0 });
}

/**
 * Gives `files` to the picker's `input` with nothing running, and expects `message`, nothing
 * started, and the stored records exactly as before.
 */
export async function expectFileRefused(
  page: Page,
  input: '#video-input' | '#image-input',
  files: Parameters<Page['setInputFiles']>[1],
  message: string,
): Promise<void> {
  await stopSource(page);
  const before = await settledBuckets(page);
  await page.locator(`ls-source-picker ${input}`).setInputFiles(files);
  await expectNotice(page, message);
  await expectNoSource(page);
  expect(await settledBuckets(page)).toEqual(before);
}

/** The way forward the messages offer: the sample footage starts and its faces are boxed. */
export async function expectSampleWorks(page: Page): Promise<void> {
  const sample = page.locator('ls-source-picker #sample');
  await expect.poll(() => sample.isEnabled()).toBe(true);
  await sample.click();
  await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 1);
  expect(await sample.getAttribute('aria-pressed')).toBe('true');
}

/** Uncaught page errors and crashes among `entries`, one line each ('' when none). */
export const problems = (entries: ConsoleEntry[]): string =>
  formatConsole(
    entries.filter((e) => e.type === 'pageerror' || e.type === 'crash'),
  );
