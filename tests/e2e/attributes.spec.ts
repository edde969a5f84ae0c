// Attribute labels in the app: the laughing woman on the right of sample1.jpg reads as mood
// positive; the workplace setting turns mood off for new faces; labels explain themselves.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopSource, waitForStage } from './app-driver';
import { baseURL, openApp, type NetworkLog, samplePhoto } from './harness';

interface Label {
  x: number;
  age: string;
  gender: string;
  mood: string;
}

async function labels(page: Page): Promise<Label[]> {
  return page.locator('ls-stage li').evaluateAll((items) =>
    items.map((li) => {
      const d = (li as HTMLElement).dataset;
      return {
        x: Number(d.x),
        age: d.age ?? '',
        gender: d.gender ?? '',
        mood: d.mood ?? '',
      };
    }),
  );
}

describe('attributes', () => {
  let browser: Browser;
  let page: Page;
  let net: NetworkLog;

  beforeAll(async () => {
    ({ browser, page, net } = await openApp());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reads the laughing woman in sample1.jpg as mood positive, with age group and gender', async () => {
    await page
      .locator('ls-source-picker #image-input')
      .setInputFiles(samplePhoto(1));
    await waitForStage(page, (s) => s.frames >= 8 && s.faces === 3);
    await expect
      .poll(async () => (await labels(page)).every((l) => l.mood !== ''))
      .toBe(true);
    const faces = (await labels(page)).sort((a, b) => b.x - a.x);
    console.log(`sample1 labels: ${JSON.stringify(faces)}`);
    expect(faces[0].mood).toBe('positive');
    for (const f of faces) {
      expect(f.gender).toBe('female');
      expect(['18-24', '25-34', '35-44']).toContain(f.age);
    }
  });

  it('explains each estimate, and the workplace setting switches mood off', async () => {
    const text = (
      await page.locator('ls-attribute-panel .text').allInnerTexts()
    ).join(' ');
    expect(text).toMatch(/not the person’s gender identity/);
    expect(text).toMatch(/not an inner emotional state/);
    expect(text).toMatch(/several years off/);
    await page.locator('ls-attribute-panel #switch-workplace').check();
    await expect(
      page.locator('ls-attribute-panel #switch-expression').isDisabled(),
    ).resolves.toBe(true);
    await stopSource(page);
    await page
      .locator('ls-source-picker #image-input')
      .setInputFiles(samplePhoto(1));
    await waitForStage(page, (s) => s.frames >= 8 && s.faces === 3);
    await expect
      .poll(async () => (await labels(page)).every((l) => l.gender !== ''))
      .toBe(true);
    expect((await labels(page)).map((l) => l.mood)).toEqual(['', '', '']);
  });

  it('remembers the settings across a reload', async () => {
    await page.reload();
    await expect(
      page.locator('ls-attribute-panel #switch-workplace').isChecked(),
    ).resolves.toBe(true);
    expect(net.offOrigin(baseURL())).toEqual([]);
  });
});
