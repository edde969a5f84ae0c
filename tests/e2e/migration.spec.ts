// Databases left by other versions, in the real browser: a v1 database (before `meta` and
// `peakInView`) and a v2 one (before `occupancyMs`, and the v4 alert fields) are migrated to
// the current version with their counts kept, and
// a record that is not a bucket of its version is left as it was; one from a newer LocalSight
// is left untouched, and the app counts in memory and says so, until the user asks for a wipe.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GRANULARITIES,
  emptyBucket,
  foldPeak,
  foldVisit,
  type Bucket,
} from '../../src/shared/aggregates';
import { SCHEMA_VERSION, bucketKey } from '../../src/store/db';
import { unreadableMessage } from '../../src/store/notices';
import { A_VISIT } from '../support/visits';
import { noticeTexts } from './app-driver';
import { baseURL, launchChromium } from './harness';
import {
  dumpOrigin,
  recordsOf,
  seedBuckets,
  type OriginDump,
} from './storage-dump';

const DB = 'localsight-counts';
const START = Date.UTC(2026, 10, 28, 9, 0);

/** Creates `localsight-counts` at `version` holding `records`, from a same-origin page. */
async function seed(
  page: Page,
  version: number,
  records: { key: string; value: unknown }[],
  layout: 'v1' | 'v2' = 'v1',
  meta: { key: string; value: unknown }[] = [],
): Promise<void> {
  // Any same-origin document will do, as long as the app has not run yet.
  await page.goto(`${baseURL()}asset-manifest.json`);
  await seedBuckets(page, DB, version, records, layout, meta);
}

/** What v4 added (issue 17), back-filled empty: no alert, crossing or zone peak. */
const SITE0 = { alerts: {}, crossings: {}, zonePeaks: {}, profiles: {} };

/** `bucket` as schema v2 stored it: before occupancyMs, alerts, crossings and zonePeaks. */
function asV2(bucket: Bucket): Partial<Bucket> {
  const v2: Partial<Bucket> = { ...bucket };
  delete v2.occupancyMs;
  delete v2.alerts;
  delete v2.crossings;
  delete v2.zonePeaks;
  delete v2.profiles;
  return v2;
}

/** The meta keys stored: opening purges and records the retention in use. */
const metaKeys = (dump: OriginDump): unknown[] =>
  recordsOf(dump, DB, 'meta')
    .map((r) => r.key)
    .sort();

describe('databases from other versions', () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('migrates a v1 database through v2 and v3 to v4 and keeps its counts', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    // v1 did not record peakInView, nor v2 occupancyMs, nor v3 alerts, crossings, zonePeaks,
    // nor v4 profiles.
    const {
      peakInView,
      occupancyMs,
      alerts,
      crossings,
      zonePeaks,
      profiles,
      ...v1
    } = foldVisit(emptyBucket('hour', 'camera', START), {
      ...A_VISIT,
      startedAt: START,
    });
    expect([
      peakInView,
      occupancyMs,
      alerts,
      crossings,
      zonePeaks,
      profiles,
    ]).toEqual([0, 0, ...Object.values(SITE0)]);
    await seed(page, 1, [
      { key: bucketKey('hour', 'camera', START), value: v1 },
    ]);
    await page.goto(baseURL());
    await expect
      .poll(() => page.locator('ls-app').getAttribute('data-storage'))
      .toBe('indexeddb');
    const dump = await dumpOrigin(page);
    expect(dump.databases.map((d) => [d.name, d.version])).toEqual([
      [DB, SCHEMA_VERSION],
    ]);
    const [bucket] = recordsOf(dump, DB, 'buckets');
    expect(bucket.value).toEqual({
      ...v1,
      peakInView: 0,
      occupancyMs: A_VISIT.dwellMs,
      ...SITE0,
    });
    expect(metaKeys(dump)).toEqual(['lastPurgeAt', 'retentionDays']);
    await context.close();
  });

  it('migrates a v2 database to v4, keeping every count and leaving a bad record as it was', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const v2 = GRANULARITIES.map((g) => {
      const b = foldPeak(
        foldVisit(
          foldVisit(emptyBucket(g, 'video', START), {
            ...A_VISIT,
            startedAt: START,
          }),
          { ...A_VISIT, startedAt: START, dwellMs: 42_000, gender: null },
        ),
        2,
      );
      return { key: bucketKey(g, 'video', b.start), value: asV2(b) };
    });
    const bad = {
      key: bucketKey('minute', 'camera', START),
      value: { ...v2[0].value, source: 'camera', note: '<b>x</b>' },
    };
    const meta = [
      { key: 'retentionDays', value: 3650 },
      { key: 'lastPurgeAt', value: START },
    ];
    await seed(page, 2, [...v2, bad], 'v2', meta);
    await page.goto(baseURL());
    await expect
      .poll(() => page.locator('ls-app').getAttribute('data-storage'))
      .toBe('indexeddb');
    await expect
      .poll(async () => (await noticeTexts(page)).join(' '))
      .toContain(unreadableMessage(1));
    const dump = await dumpOrigin(page);
    expect(dump.databases.map((d) => [d.name, d.version])).toEqual([
      [DB, SCHEMA_VERSION],
    ]);
    const stored = new Map(
      recordsOf(dump, DB, 'buckets').map((r) => [r.key, r.value]),
    );
    expect(stored.size).toBe(v2.length + 1);
    // Every count as it was, and the visits' dwell as their person-time in view.
    for (const { key, value } of v2) {
      expect(stored.get(key), key).toEqual({
        ...value,
        occupancyMs: A_VISIT.dwellMs + 42_000,
        ...SITE0,
      });
    }
    expect(stored.get(bad.key)).toEqual(bad.value);
    // Meta kept its store; opening purges and records the retention in use.
    expect(metaKeys(dump)).toEqual(['lastPurgeAt', 'retentionDays']);
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
