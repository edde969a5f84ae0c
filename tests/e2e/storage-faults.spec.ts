// Storage faults and hostile data in the real browser (issue 8): IndexedDB unavailable, held
// open by another tab's older version, out of quota; stored records, settings, address
// parameters and an imported settings file crafted to break the app. Counting goes on, a
// notice says what happened, no count is lost, and nothing from the data reaches the page as
// markup.

import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GRANULARITIES,
  emptyBucket,
  foldVisit,
  validateBucket,
  type Bucket,
} from '../../src/shared/aggregates';
import {
  ALERTS_KEY,
  DEFAULT_SETUP,
  parseAlertSetup,
} from '../../src/alerts/site-setup';
import { SETTINGS_KEY } from '../../src/shared/settings';
import { SCHEMA_VERSION, bucketKey } from '../../src/store/db';
import type { CountsExport } from '../../src/store/export';
import { movedAsideMessage, unreadableMessage } from '../../src/store/notices';
import { A_VISIT } from '../support/visits';
import {
  flushedVisits,
  noticeTexts,
  passersBy,
  stopSource,
} from './app-driver';
import { baseURL, launchChromium, recordVisits, visitsSeen } from './harness';
import {
  countDeep,
  dumpOrigin,
  recordsOf,
  seedBuckets,
  type OriginDump,
} from './storage-dump';

const DB = 'localsight-counts';
const XSS = '<img src=x onerror=alert(1)>';

const storage = (page: Page) =>
  page.locator('ls-app').getAttribute('data-storage');
const notices = async (page: Page) => (await noticeTexts(page)).join('\n');
const seen = async (page: Page) => (await visitsSeen(page)).length;

/** Sum of passers-by over the stored, valid buckets of one granularity. */
function storedTotal(dump: OriginDump, granularity: string): number {
  return recordsOf(dump, DB, 'buckets')
    .filter((r) => String(r.key).startsWith(`${granularity}|`))
    .reduce((s, r) => s + validateBucket(r.value).passersBy, 0);
}

/** Exports JSON from the Privacy view with suppression off (then back to Live, unless not). */
async function exportJson(
  page: Page,
  back = true,
): Promise<{ text: string; json: CountsExport }> {
  await page.locator('ls-app #view-privacy').click();
  const controls = page.locator('ls-app ls-data-controls');
  await controls.locator('#threshold').selectOption('1');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 20_000 }),
    controls.locator('#export-json').click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  if (back) await page.locator('ls-app #view-live').click();
  return { text, json: JSON.parse(text) as CountsExport };
}

/** Stops the source and counts the visits once the ones the stop ended have arrived. */
async function stopAndCount(page: Page): Promise<number> {
  await stopSource(page);
  let before = -1;
  let now = await seen(page);
  while (now !== before) {
    await page.waitForTimeout(1000); // the stop ends open tracks in the worker, async
    [before, now] = [now, await seen(page)];
  }
  return now;
}

/** Waits until the sample footage has ended at least `n` visits in this page. */
async function untilVisits(page: Page, n: number): Promise<void> {
  await expect
    .poll(() => seen(page), { timeout: 90_000 })
    .toBeGreaterThanOrEqual(n);
}

describe('storage faults and hostile data', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  // No service worker in these contexts: its 20 MB offline copy would count against the
  // tiny quota below, and it is not what is tested here.
  const newPage = async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await recordVisits(page);
    return page;
  };

  it('IndexedDB unavailable: counts in memory, says so, and exports them', async () => {
    const page = await newPage();
    // As in private modes that refuse IndexedDB: opening throws.
    await page.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
    });
    await page.goto(`${baseURL()}?source=sample&engine=tfjs`);
    await expect.poll(() => storage(page)).toBe('memory');
    await expect
      .poll(() => notices(page))
      .toContain(
        'IndexedDB is unavailable (The operation is insecure.). Counts are kept in memory only and are lost when this page closes: export them first.',
      );
    await untilVisits(page, 1);
    // The session panel counts on, and so does today's figure, from memory.
    await expect.poll(() => passersBy(page)).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() =>
        page.locator('ls-session-panel').getAttribute('data-today-passers-by'),
      )
      .not.toBe('0');
    const visits = await stopAndCount(page);
    const { json } = await exportJson(page, false);
    for (const g of GRANULARITIES) {
      const total = json.buckets
        .filter((b) => b.granularity === g)
        .reduce((s, b) => s + Number(b.passersBy), 0);
      expect(total, g).toBe(visits);
    }
    expect(await flushedVisits(page)).toBe(0);
    await expect(
      page
        .locator('ls-app ls-data-controls')
        .getByText('Counts are kept in memory only')
        .isVisible(),
    ).resolves.toBe(true);
    await page.context().close();
  });

  it('held open by an older tab, then out of quota: in memory meanwhile, all saved after', async () => {
    const page = await newPage();
    // A tiny quota from the start: Chromium caches an open database's quota for about 30 s,
    // so one lowered later would bite only after that.
    const cdp = await page.context().newCDPSession(page);
    const origin = new URL(baseURL()).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    const holder = await page.context().newPage();
    await holder.goto(`${baseURL()}asset-manifest.json`);
    // An older LocalSight: version 1, and it never lets go when asked to (no onversionchange).
    await holder.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('localsight-counts', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('buckets');
          open.onsuccess = () => {
            (window as unknown as { held: IDBDatabase }).held = open.result;
            resolve();
          };
          open.onerror = () => reject(open.error ?? new Error('open failed'));
        }),
    );
    await page.goto(`${baseURL()}?source=sample&engine=tfjs`);
    await expect
      .poll(() => notices(page))
      .toContain(
        'Another LocalSight tab runs an older version: close it so the counts can be opened.',
      );
    await expect
      .poll(() => notices(page), { timeout: 10_000 })
      .toMatch(/did not open within 4 s: .*Counting goes on in memory/);
    expect(await storage(page)).toBe('memory');
    await untilVisits(page, 1);
    // Export and the inspector answer meanwhile, from memory (the inspector gives up on the
    // database it cannot open).
    const during = await exportJson(page, false);
    expect(during.json.buckets.length).toBeGreaterThanOrEqual(3);
    await expect
      .poll(
        () =>
          page
            .locator('ls-app ls-privacy-inspector')
            .getAttribute('data-records'),
        { timeout: 15_000 },
      )
      .not.toBeNull();
    await page.locator('ls-app #view-live').click();

    // The older tab lets go: the database opens, but the disk is full. The counts wait.
    await holder.evaluate(() =>
      (window as unknown as { held: IDBDatabase }).held.close(),
    );
    await expect
      .poll(() => notices(page), { timeout: 15_000 })
      .toContain(
        'The browser refused to save the counts: storage for this site is full. Export and purge old counts, or free disk space. Nothing from this batch was saved. Counting goes on in memory and is retried every few seconds.',
      );
    expect(await storage(page)).toBe('memory');
    expect(await flushedVisits(page)).toBe(0);
    expect(await passersBy(page)).toBeGreaterThanOrEqual(1);

    // Space is back: everything counted reaches the database, nothing lost or doubled.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    const visits = await stopAndCount(page);
    await expect
      .poll(() => flushedVisits(page), { timeout: 15_000 })
      .toBe(visits);
    expect(await storage(page)).toBe('indexeddb');
    // Said once, with the visits that had waited in memory (later ones were saved as usual).
    expect(await notices(page)).toMatch(
      /The counts are saved to this device again: \d+ visits? counted in memory meanwhile (is|are) now stored\./,
    );
    const dump = await dumpOrigin(page);
    expect(dump.databases.map((d) => [d.name, d.version])).toEqual([
      [DB, SCHEMA_VERSION],
    ]);
    for (const g of GRANULARITIES) expect(storedTotal(dump, g), g).toBe(visits);
    await page.context().close();
  });

  it('crafted records, settings and address: the app counts on, reports them, and renders them inert', async () => {
    const page = await newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const now = Date.now();
    const day = (s: Bucket['source']) => emptyBucket('day', s, now);
    const v1 = (b: Bucket): Partial<Bucket> => {
      const old: Partial<Bucket> = { ...b };
      // v1 had none of these; the migrations add them
      delete old.peakInView;
      delete old.occupancyMs;
      delete old.alerts;
      delete old.crossings;
      delete old.zonePeaks;
      delete old.profiles;
      return old;
    };
    const corruptDay = {
      ...v1(foldVisit(day('sample'), { ...A_VISIT, startedAt: now })),
      passersBy: '1e308',
      note: XSS,
    };
    const hour = emptyBucket('hour', 'camera', now);
    const validHour = v1(foldVisit(hour, { ...A_VISIT, startedAt: now }));
    const minute = emptyBucket('minute', 'video', now - 2 * 3_600_000);
    const hostile: { key: string; value: unknown }[] = [
      // Where today's sample counts will go: in their way, so it must be moved aside.
      {
        key: bucketKey('day', 'sample', day('sample').start),
        value: corruptDay,
      },
      // A good record: migrated and counted.
      { key: bucketKey('hour', 'camera', hour.start), value: validHour },
      {
        key: bucketKey('minute', 'video', minute.start),
        value: { ...v1(minute), glances: -5, dwellMs: Infinity, watchers: NaN },
      },
      {
        key: bucketKey('hour', 'video', hour.start),
        value: {
          ...v1({ ...hour, source: 'video' }),
          ageGroups: `<script>alert(1)</script>`,
        },
      },
      {
        key: XSS,
        value: { [XSS]: XSS, passersBy: 'Infinity', start: 'Infinity' },
      },
    ];
    await page.goto(`${baseURL()}asset-manifest.json`);
    await seedBuckets(page, DB, 1, hostile);
    await page.evaluate(
      ([key, value]) => localStorage.setItem(key, value),
      [
        SETTINGS_KEY,
        JSON.stringify({
          engine: 'tfjs', // usable: kept (and no engine measuring in this test)
          retentionDays: 1e308,
          suppressionThreshold: 'Infinity',
          age: XSS,
          [XSS]: XSS,
        }),
      ],
    );
    const params = new URLSearchParams({
      source: 'sample',
      backend: XSS,
      presentIdleMs: '-1e308',
    });
    await page.goto(`${baseURL()}?${params.toString()}`);
    // Said at once, before later notices push it out of the four shown.
    await expect
      .poll(() => notices(page))
      .toMatch(
        /The saved settings held values this version cannot use \(retentionDays, .*age, 1 unknown field\): they are ignored, and the defaults apply\./,
      );

    await expect.poll(() => storage(page)).toBe('indexeddb');
    await expect.poll(() => notices(page)).toContain(unreadableMessage(4));
    const shown = await notices(page);
    expect(shown).toContain(
      `Ignored backend=${XSS}: expected one of auto, webgl, wasm, cpu.`,
    );
    expect(shown).toContain('Ignored presentIdleMs=-1e308');
    // The crafted settings fell back to their defaults.
    await page.locator('ls-app #view-privacy').click();
    const controls = page.locator('ls-app ls-data-controls');
    await expect(controls.locator('#threshold').inputValue()).resolves.toBe(
      '5',
    );
    await expect(controls.locator('#retention').inputValue()).resolves.toBe(
      '30',
    );
    await page.locator('ls-app #view-live').click();

    // New counts land in a fresh, valid bucket; the record in their way is moved aside.
    await untilVisits(page, 1);
    await expect
      .poll(() => notices(page), { timeout: 15_000 })
      .toContain(movedAsideMessage(1));
    // The one usable stored setting was kept.
    await expect(
      page.locator('ls-status-bar').getAttribute('data-engine'),
    ).resolves.toBe('tfjs');
    const visits = await stopAndCount(page);
    await expect
      .poll(() => flushedVisits(page), { timeout: 10_000 })
      .toBe(visits);
    const dump = await dumpOrigin(page);
    const records = recordsOf(dump, DB, 'buckets');
    const byKey = new Map(records.map((r) => [String(r.key), r.value]));
    const dayKey = bucketKey('day', 'sample', day('sample').start);
    expect(validateBucket(byKey.get(dayKey)).passersBy).toBe(visits);
    const aside = records.filter((r) =>
      String(r.key).startsWith('unreadable|'),
    );
    expect(aside.map((r) => String(r.key))).toEqual([
      expect.stringMatching(
        new RegExp(`^unreadable\\|.*\\|${dayKey.replaceAll('|', '\\|')}$`),
      ),
    ]);
    expect(aside[0].value).toEqual(corruptDay); // unchanged
    for (const r of hostile.slice(1)) {
      if (r.key === bucketKey('hour', 'camera', hour.start)) continue; // migrated
      expect(byKey.get(r.key), r.key).toEqual(r.value); // left exactly as stored
    }
    expect(byKey.get(bucketKey('hour', 'camera', hour.start))).toEqual({
      ...validHour,
      peakInView: 0,
      occupancyMs: validHour.dwellMs,
      alerts: {},
      crossings: {},
      zonePeaks: {},
      profiles: {},
    });

    // Export: valid JSON, only valid buckets, the unreadable records listed in safe words.
    const { text, json } = await exportJson(page);
    // Threshold 1, so no "<5": no angle bracket at all, hence no markup.
    expect(text).not.toMatch(/[<>]/);
    for (const b of json.buckets) expect(validateBucket(b)).toEqual(b);
    expect(
      json.buckets.find((b) => b.granularity === 'day' && b.source === 'sample')
        ?.passersBy,
    ).toBe(visits);
    expect(json.buckets.find((b) => b.source === 'camera')).toBeDefined();
    expect(json.unreadableRecords).toHaveLength(4);
    expect(json.unreadableRecords.map((u) => u.key)).toContain(
      '?img src?x onerror?alert?1??',
    );

    // The inspector shows the raw records as text: nothing became an element, nothing ran.
    await page.locator('ls-app #view-privacy').click();
    const inspector = page.locator('ls-app ls-privacy-inspector');
    await expect
      .poll(() => inspector.getAttribute('data-records'), { timeout: 15_000 })
      .not.toBeNull();
    const raw = await inspector.locator('pre').allTextContents();
    expect(raw.join('\n')).toContain(XSS);
    expect(raw.join('\n')).toContain('<script>alert(1)</script>');
    expect(await countDeep(page, 'img[src="x"], script:not([src])')).toBe(0);
    expect(await countDeep(page, '[onerror]')).toBe(0);
    expect(dialogs).toEqual([]);

    // Settings as a file: exported as they are, and a crafted file imported inert.
    const [exported] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      controls.locator('#export-settings').click(),
    ]);
    expect(JSON.parse(await readFile(await exported.path(), 'utf8'))).toEqual({
      kind: 'localsight-settings',
      version: 1,
      settings: expect.objectContaining({
        suppressionThreshold: 1,
        retentionDays: 30,
        engine: 'tfjs',
      }),
      alerts: DEFAULT_SETUP, // no zones or lines drawn
    });
    const settingsFile = (name: string, body: unknown) =>
      controls.locator('#settings-file').setInputFiles({
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(body)),
      });
    await settingsFile(`${XSS}.json`, {
      kind: 'localsight-settings',
      version: 1,
      settings: {
        retentionDays: 7,
        suppressionThreshold: 1e308,
        age: XSS,
        gender: false,
        [XSS]: XSS,
      },
      // Zones and lines (issue 17): a zone named with markup, one in no slot, lines not a list.
      alerts: {
        zones: [
          {
            id: 'z1',
            name: XSS,
            points: [
              { x: 0.1, y: 0.1 },
              { x: 0.9, y: 0.1 },
              { x: 0.5, y: 0.9 },
            ],
          },
          { id: 'z9', name: 'nowhere', points: [] },
        ],
        lines: XSS,
        hours: { open: XSS, close: '25:00' },
      },
    });
    // Usable fields are taken, but not a shorter retention: it would delete counts unasked.
    await expect
      .poll(() => notices(page))
      .toContain(
        `Settings imported from “${XSS}.json” (gender); ignored, kept as they were: ` +
          'suppressionThreshold, age, 1 unknown field. Its retention (7 days) is shorter ' +
          'than this tablet’s (30 days) and would delete older counts, so it was not ' +
          'applied: choose it under “Keep counts for” if that is meant. Zones and lines: ' +
          '1 zone(s), 0 line(s), 1 unusable one(s) left out.',
      );
    await expect(controls.locator('#retention').inputValue()).resolves.toBe(
      '30',
    );
    // The zone's name is kept as text (control characters aside) and shown as text only.
    const zones = parseAlertSetup(
      JSON.parse(
        (await page.evaluate((k) => localStorage.getItem(k), ALERTS_KEY)) ??
          'null',
      ),
    ).setup;
    expect(zones.zones.map((z) => z.name)).toEqual([XSS]);
    expect(zones.hours).toEqual(DEFAULT_SETUP.hours);
    await expect(controls.locator('#threshold').inputValue()).resolves.toBe(
      '1',
    );
    // A counts export is not a settings file: refused, nothing changed.
    await settingsFile('localsight-counts.json', json);
    await expect
      .poll(() => notices(page))
      .toContain(
        '“localsight-counts.json” is not a LocalSight settings file; nothing was changed.',
      );
    await expect(controls.locator('#retention').inputValue()).resolves.toBe(
      '30',
    );
    expect(await countDeep(page, 'img[src="x"], [onerror]')).toBe(0);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });
});
