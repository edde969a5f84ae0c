// The documents a privacy reviewer asks for follow the app's real settings: the data
// inventory's retention, the notice's estimates (no mood in workplace mode), the DPIA as a
// download, and a notice sign that prints on one page. The history's range switch works.

import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './harness';

describe('reviewer documents and history controls', () => {
  let browser: Browser;
  let page: Page;
  const docs = () => page.locator('ls-app ls-reviewer-docs');

  beforeAll(async () => {
    ({ browser, page } = await openApp());
    await page.locator('ls-app #view-privacy').click();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists every stored field with the retention that is set', async () => {
    await docs().locator('#inventory summary').click();
    const table = docs().locator('#inventory table');
    const fields = await table.locator('tbody td:nth-child(2)').allInnerTexts();
    for (const f of ['passersBy', 'watchers', 'dwellMs', 'peakInView']) {
      expect(fields.join(' ')).toContain(f);
    }
    await expect(table.innerText()).resolves.toContain('30 days');
    await page.locator('ls-app ls-data-controls #retention').selectOption('7');
    await expect.poll(() => table.innerText()).toContain('7 days');
    await expect(table.innerText()).resolves.not.toContain('30 days');
  });

  it('drops mood from the notice in workplace mode', async () => {
    const notice = docs().locator('#notice');
    await notice.locator('summary').click();
    await expect(notice.innerText()).resolves.toMatch(/mood|expression/i);
    await page.locator('ls-app #view-live').click();
    await page.locator('ls-app ls-attribute-panel #switch-workplace').click();
    await page.locator('ls-app #view-privacy').click();
    await expect
      .poll(() => docs().locator('#notice').innerText())
      .not.toMatch(/mood|expression|emotion/i);
  });

  it('downloads the DPIA starter as Markdown', async () => {
    await docs().locator('#dpia summary').click();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      docs().locator('#dpia button.download').click(),
    ]);
    expect(file.suggestedFilename()).toBe('localsight-dpia-starter.md');
    const md = await readFile(await file.path(), 'utf8');
    expect(md).toMatch(/^# /);
    expect(md).toContain('IndexedDB');
  });

  it('prints the notice sign alone, on one page', async () => {
    const notice = docs().locator('#notice');
    if ((await notice.getAttribute('open')) === null) {
      await notice.locator('summary').click();
    }
    await docs().locator('#print-sign').click();
    await expect
      .poll(() => docs().locator('dialog#sign').getAttribute('open'))
      .toBe('');
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    await page.keyboard.press('Escape');
    await expect
      .poll(() => docs().locator('dialog#sign').getAttribute('open'))
      .toBeNull();
  });

  it('switches the history range', async () => {
    await page.locator('ls-app #view-history').click();
    const charts = page.locator('ls-app ls-history-charts');
    await expect.poll(() => charts.getAttribute('data-range')).toBe('today');
    await charts.locator('button[data-range="hour"]').click();
    await expect.poll(() => charts.getAttribute('data-range')).toBe('hour');
    await expect(
      charts.locator('button[data-range="hour"]').getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    // Nothing stored in this fresh browser: the empty state says so.
    await expect
      .poll(() => charts.getByText('No visits stored').count())
      .toBe(1);
  });
});
