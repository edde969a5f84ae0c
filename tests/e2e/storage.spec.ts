// What the app stores, judged by the browser's own storage APIs: after real sessions on a
// video file, the fake camera and the sample footage, only aggregate buckets exist and
// their totals are the visits the app announced. Export equals what is stored; a reload
// keeps what was flushed; retention purges by the (faked) clock; wipe leaves nothing.

import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GRANULARITIES,
  validateBucket,
  type Bucket,
} from '../../src/shared/aggregates';
import { bucketKey } from '../../src/store/db';
import {
  describeOfflineCopy,
  flushedVisits,
  noticeTexts,
  statusBackend,
  untilOfflineReady,
  waitForStage,
} from './app-driver';
import {
  baseURL,
  fixturePath,
  openApp,
  recordVisits,
  visitsSeen,
  type NetworkLog,
} from './harness';
import {
  dumpOrigin,
  expectOnlyAggregates,
  expectOnlyOfflineCopy,
  recordsOf,
  type OriginDump,
} from './storage-dump';

const DB = 'localsight-counts';
const DAY = 86_400_000;

const app = (page: Page, selector: string) =>
  page.locator(`ls-app ${selector}`);

/** Buckets of one granularity, checked to be exactly valid buckets under their own keys. */
function bucketsOf(dump: OriginDump, granularity: string): Bucket[] {
  return recordsOf(dump, DB, 'buckets')
    .map(({ key, value }) => {
      const b = validateBucket(value);
      expect(b).toEqual(value); // nothing extra, nothing missing, right types
      expect(key).toBe(bucketKey(b.granularity, b.source, b.start));
      return b;
    })
    .filter((b) => b.granularity === granularity);
}

const total = (
  bs: Bucket[],
  f: 'passersBy' | 'watchers' | 'dwellMs' | 'occupancyMs',
) => bs.reduce((s, b) => s + b[f], 0);

describe('aggregates-only storage', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let net: NetworkLog;

  beforeAll(async () => {
    ({ browser, context, page, net } = await openApp({
      fakeCameraFile: fixturePath('camera.y4m'),
      beforeGoto: recordVisits,
    }));
    await statusBackend(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('after a video and the camera, stores only buckets whose totals are the visits', async () => {
    await app(page, 'ls-source-picker #video-input').setInputFiles(
      fixturePath('visits.mp4'),
    );
    await expect
      .poll(async () => (await noticeTexts(page)).join(' '), {
        timeout: 60_000,
      })
      .toContain('visits.mp4” finished');
    await expect
      .poll(async () => (await visitsSeen(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(8);
    await app(page, 'ls-source-picker #camera').click();
    await waitForStage(page, (s) => s.frames >= 10 && s.faces >= 2);
    // While the camera is live, people in view are told what is estimated (AI Act Art. 50(3)).
    const notice = app(page, 'ls-camera-notice [role="region"]');
    await expect.poll(() => notice.isVisible()).toBe(true);
    await expect(notice.innerText()).resolves.toMatch(/age|gender|mood/i);
    await app(page, 'ls-source-picker #stop').click();
    await expect
      .poll(async () => (await visitsSeen(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(10);
    const visits = await visitsSeen(page);
    // Every announced visit reaches the database within a few seconds.
    await expect
      .poll(() => flushedVisits(page), { timeout: 15_000 })
      .toBe(visits.length);

    await untilOfflineReady(page);
    const dump = await dumpOrigin(page);
    expectOnlyAggregates(dump, await describeOfflineCopy(page), baseURL());
    const records = recordsOf(dump, DB, 'buckets');
    console.log(
      `stored: ${records.length} bucket records, ${JSON.stringify(records).length} bytes as JSON, for ${visits.length} visits`,
    );
    const dwell = visits.reduce((s, v) => s + Math.round(v.dwellMs), 0);
    // Person-time in view: each flush adds the same amount to a minute, an hour and a day.
    const occupancy = total(bucketsOf(dump, 'day'), 'occupancyMs');
    console.log(
      `person-time in view: ${occupancy} ms; visits' dwell: ${dwell} ms`,
    );
    expect(occupancy).toBeGreaterThan(0);
    for (const g of GRANULARITIES) {
      const bs = bucketsOf(dump, g);
      expect(total(bs, 'passersBy')).toBe(visits.length);
      expect(total(bs, 'watchers')).toBe(
        visits.filter((v) => v.watcher).length,
      );
      expect(total(bs, 'dwellMs')).toBe(dwell);
      expect(total(bs, 'occupancyMs')).toBe(occupancy);
      expect(new Set(bs.map((b) => b.source))).toEqual(
        new Set(['video', 'camera']),
      );
      expect(Math.max(...bs.map((b) => b.peakInView))).toBeGreaterThanOrEqual(
        3,
      );
    }
    expect(net.offOrigin(baseURL())).toEqual([]);

    // The app's own evidence agrees: the inspector finds nothing and no request left.
    await app(page, '#view-privacy').click();
    const inspector = app(page, 'ls-privacy-inspector');
    await expect
      .poll(() => inspector.getAttribute('data-findings'), { timeout: 15_000 })
      .toBe('0');
    await expect(inspector.getAttribute('data-off-origin')).resolves.toBe('0');
    expect(
      Number(await inspector.getAttribute('data-requests')),
    ).toBeGreaterThan(10);
    expect(Number(await inspector.getAttribute('data-records'))).toBe(
      recordsOf(dump, DB, 'buckets').length +
        recordsOf(dump, DB, 'meta').length,
    );
    await expect(inspector.locator('li.clause.holds').count()).resolves.toBe(4);
    // The app says how much it keeps on the device: counts plus the ~7 MB offline copy.
    await expect(
      app(page, 'ls-data-controls #usage').innerText(),
    ).resolves.toMatch(/uses \d+\.\d MB/);

    // And the history shows the stored total (above the threshold of 5).
    await app(page, '#view-history').click();
    await expect
      .poll(() =>
        app(page, 'ls-history-charts').getAttribute('data-total-passers-by'),
      )
      .toBe(String(visits.length));
    await expect(
      app(page, 'ls-history-charts #chart-visits canvas').getAttribute(
        'aria-label',
      ),
    ).resolves.toMatch(/\d/);
    // Three views, charts, the inspector: nothing tripped the strict CSP.
    await expect(
      page.locator('ls-app').getAttribute('data-csp-violations'),
    ).resolves.toBe('0');
  });

  it('exports exactly what is stored, as JSON and CSV', async () => {
    await app(page, '#view-privacy').click();
    const controls = app(page, 'ls-data-controls');
    await controls.locator('#threshold').selectOption('1');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      controls.locator('#export-json').click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/^localsight-counts-.*\.json$/);
    const exported = JSON.parse(await readFile(await json.path(), 'utf8')) as {
      suppressionThreshold: number;
      buckets: Bucket[];
    };
    const stored = recordsOf(await dumpOrigin(page), DB, 'buckets').map(
      (r) => r.value,
    );
    expect(exported.suppressionThreshold).toBe(1);
    expect(exported.buckets).toEqual(stored);

    await controls.locator('#threshold').selectOption('5');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      controls.locator('#export-csv').click(),
    ]);
    const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(stored.length + 1);
    // The camera's three visits are fewer than 5: their count is suppressed.
    const cameraDay = lines.find((l) => l.startsWith('day,camera'));
    expect(cameraDay?.split(',')).toContain('<5');
  });

  it('keeps the flushed counts when the page reloads mid-session', async () => {
    await app(page, '#view-live').click();
    const before = await flushedVisits(page);
    await app(page, 'ls-source-picker #sample').click();
    await expect
      .poll(() => flushedVisits(page), { timeout: 60_000 })
      .toBeGreaterThan(before);
    const kept = total(bucketsOf(await dumpOrigin(page), 'day'), 'passersBy');
    await page.reload();
    await expect
      .poll(() => page.locator('ls-app').getAttribute('data-storage'))
      .toBe('indexeddb');
    const after = bucketsOf(await dumpOrigin(page), 'day');
    expect(total(after, 'passersBy')).toBeGreaterThanOrEqual(kept);
    // Today's stored figure on the live panel is what the database holds (threshold 5).
    const stored = total(after, 'passersBy');
    await expect
      .poll(() =>
        app(page, 'ls-session-panel').getAttribute('data-today-passers-by'),
      )
      .toBe(stored >= 5 ? String(stored) : stored === 0 ? '0' : '<5');
    await page.close();
  });

  it('purges buckets older than the retention, by the clock', async () => {
    const stored = (p: OriginDump) => recordsOf(p, DB, 'buckets').length;
    const at = async (offsetMs: number) => {
      const p = await context.newPage();
      await p.clock.setFixedTime(Date.now() + offsetMs);
      await p.goto(baseURL());
      await expect
        .poll(() => p.locator('ls-app').getAttribute('data-storage'))
        .toBe('indexeddb');
      await p.waitForTimeout(500); // the purge runs right after opening
      const dump = await dumpOrigin(p);
      await p.close();
      return dump;
    };
    const before = stored(await at(0));
    expect(before).toBeGreaterThan(0);
    expect(stored(await at(10 * DAY))).toBe(before);
    const later = await at(32 * DAY);
    expect(stored(later)).toBe(0);
    const meta = Object.fromEntries(
      recordsOf(later, DB, 'meta').map((r) => [r.key, r.value]),
    );
    expect(meta.retentionDays).toBe(30);
  });

  it('wipe leaves nothing behind', async () => {
    const p = await context.newPage();
    await p.goto(baseURL());
    await app(p, '#view-privacy').click();
    const controls = app(p, 'ls-data-controls');
    await controls.locator('#wipe').click();
    await controls.locator('#wipe-settings').check();
    await controls.locator('#wipe-confirm').click();
    await expect
      .poll(async () => (await noticeTexts(p)).join(' '))
      .toContain('Every stored count and setting was deleted');
    const dump = await dumpOrigin(p);
    expect(dump.databases).toEqual([]);
    expect(dump.localStorage).toEqual({});
    // Wipe deletes data, not the app: the offline copy stays, and holds nothing else.
    expectOnlyOfflineCopy(dump, await describeOfflineCopy(p), baseURL());
    await p.close();
  });
});
