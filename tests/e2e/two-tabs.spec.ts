// Two LocalSight tabs counting at once write into one database: the stored totals are the
// sum of both tabs' visits, none lost and none counted twice.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBucket } from '../../src/shared/aggregates';
import { noticeTexts, statusBackend } from './app-driver';
import {
  baseURL,
  fixturePath,
  openApp,
  recordVisits,
  visitsSeen,
} from './harness';
import { dumpOrigin, recordsOf } from './storage-dump';

const visitsOf = async (p: Page) => (await visitsSeen(p)).length;

describe('two tabs at once', () => {
  let browser: Browser;
  let context: BrowserContext;
  let tabs: Page[];

  beforeAll(async () => {
    let first: Page;
    ({ browser, context, page: first } = await openApp({ path: null }));
    const second = await context.newPage();
    tabs = [first, second];
    for (const tab of tabs) {
      await recordVisits(tab);
      await tab.goto(baseURL());
    }
    await Promise.all(tabs.map((t) => statusBackend(t)));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('store the sum of both tabs’ visits', async () => {
    await Promise.all(
      tabs.map((t) =>
        t
          .locator('ls-app ls-source-picker #video-input')
          .setInputFiles(fixturePath('visits.mp4')),
      ),
    );
    for (const t of tabs) {
      await expect
        .poll(async () => (await noticeTexts(t)).join(' '), {
          timeout: 90_000,
        })
        .toContain('finished');
    }
    // Each tab writes its own visits; wait until both have written all they announced.
    for (const t of tabs) {
      await expect
        .poll(
          async () =>
            (await visitsOf(t)) ===
            Number(
              await t.locator('ls-app').getAttribute('data-flushed-visits'),
            ),
          { timeout: 20_000 },
        )
        .toBe(true);
    }
    const announced = (await Promise.all(tabs.map(visitsOf))).reduce(
      (a, b) => a + b,
    );
    expect(announced).toBeGreaterThanOrEqual(8);
    const days = recordsOf(
      await dumpOrigin(tabs[0]),
      'localsight-counts',
      'buckets',
    )
      .map((r) => validateBucket(r.value))
      .filter((b) => b.granularity === 'day');
    expect(days.reduce((s, b) => s + b.passersBy, 0)).toBe(announced);
  });
});
