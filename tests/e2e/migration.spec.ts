// Databases left by other versions, in the real browser: a v1 database (before `meta` and
// `peakInView`) is migrated with its counts kept; one from a newer LocalSight is left
// untouched, and the app counts in memory and says so, until the user asks for a wipe.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyBucket, foldVisit } from '../../src/shared/aggregates';
import { bucketKey } from '../../src/store/db';
import { A_VISIT } from '../support/visits';
import { noticeTexts } from './app-driver';
import { baseURL, launchChromium } from './harness';
import { dumpOrigin, recordsOf, seedBuckets } from './storage-dump';

const DB = 'localsight-counts';
const START = Date.UTC(2026, 10, 28, 9, 0);

/** Creates `localsight-counts` at `version` with one store holding `records`, from a same-origin page. */
async function seed(
  page: Page,
  version: number,
  records: { key: string; value: unknown }[],
): Promise<void> {
  // Any same-origin document will do, as long as the app has not run yet.
  await page.goto(`${baseURL()}asset-manifest.json`);
  await seedBuckets(page, DB, version, records);
}

describe('databases from other versions', () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('migrates a v1 database and keeps its counts', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    // v1 did not record peakInView.
    const { peakInView, ...v1 } = foldVisit(
      emptyBucket('hour', 'camera', START),
      { ...A_VISIT, startedAt: START },
    );
    expect(peakInView).toBe(0);
    await seed(page, 1, [
      { key: bucketKey('hour', 'camera', START), value: v1 },
    ]);
    await page.goto(baseURL());
    await expect
      .poll(() => page.locator('ls-app').getAttribute('data-storage'))
      .toBe('indexeddb');
    const dump = await dumpOrigin(page);
    expect(dump.databases.map((d) => [d.name, d.version])).toEqual([[DB, 2]]);
    const [bucket] = recordsOf(dump, DB, 'buckets');
    expect(bucket.value).toEqual({ ...v1, peakInView: 0 });
    expect(
      recordsOf(dump, DB, 'meta')
        .map((r) => r.key)
        .sort(),
    ).toEqual(['lastPurgeAt', 'retentionDays']);
    await context.close();
  });

  it('leaves a newer database alone and counts in memory, saying so', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await seed(page, 99, [{ key: 'from-the-future', value: { n: 1 } }]);
    await page.goto(baseURL());
    await expect
      .poll(() => page.locator('ls-app').getAttribute('data-storage'))
      .toBe('memory');
    await expect
      .poll(async () => (await noticeTexts(page)).join(' '))
      .toMatch(/newer LocalSight.*kept in memory only/s);
    const dump = await dumpOrigin(page);
    expect(dump.databases.map((d) => [d.name, d.version])).toEqual([[DB, 99]]);
    expect(recordsOf(dump, DB, 'buckets')).toEqual([
      { key: 'from-the-future', value: { n: 1 } },
    ]);

    // The notice offers a wipe: asked for, it deletes that database too.
    await page.locator('ls-app #view-privacy').click();
    const controls = page.locator('ls-app ls-data-controls');
    await controls.locator('#wipe').click();
    await controls.locator('#wipe-confirm').click();
    await expect
      .poll(async () => (await noticeTexts(page)).join(' '))
      .toContain('Every stored count was deleted.');
    expect((await dumpOrigin(page)).databases).toEqual([]);
    await expect
      .poll(() => page.locator('ls-app').getAttribute('data-storage'))
      .toBe('indexeddb');
    await context.close();
  });
});
