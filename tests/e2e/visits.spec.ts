// Visits from a generated video with known spans (visits.json): sample1.jpg (3 faces) for
// 4 s, then sample5.jpg (5 faces) for 3 s, with black in between. Every visit is counted
// exactly once and its dwell time is within 15 % of the span: once the first start has
// settled, and again with the video playing while the first start measures the engines.

import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  noticeTexts,
  untilEnginesMeasured,
  untilOfflineReady,
} from './app-driver';
import {
  baseURL,
  fixturePath,
  openApp,
  recordVisits,
  visitsSeen,
  type NetworkLog,
} from './harness';

interface Span {
  start: number;
  end: number;
  faces: number;
}

describe('visits from visits.mp4', () => {
  let browser: Browser;
  let page: Page;
  let net: NetworkLog;

  beforeAll(async () => {
    ({ browser, page, net } = await openApp({
      // Record every visit the app announces (in memory; the app stores none of them).
      beforeGoto: recordVisits,
    }));
    await page
      .locator('ls-status-bar[data-backend]')
      .waitFor({ timeout: 90_000 });
    // Dwell is timed against the video: let the first visit's offline copy finish saving
    // first, so it does not compete with the detector for the two CI cores, and the first
    // start's engine measurement, which holds frames while it times the engines (issue 19:
    // with the video already playing, the first faces were boxed up to 1.2 s late).
    await untilOfflineReady(page);
    await untilEnginesMeasured(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('counts each face once, with its dwell time within 15 %', async () => {
    await playAndCheck(page, net);
  });
});

describe('visits from visits.mp4 while the first start measures the engines', () => {
  let browser: Browser;
  let page: Page;
  let net: NetworkLog;

  beforeAll(async () => {
    ({ browser, page, net } = await openApp({
      beforeGoto: recordVisits,
      // No offline download competing for the two cores: this is about the measurement.
      serviceWorkers: 'block',
    }));
    await page
      .locator('ls-status-bar[data-backend]')
      .waitFor({ timeout: 90_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps dwell within 15 % while the engines are timed', async () => {
    // The video starts at once: its first analysed frame starts the measurement (issue 19),
    // which now lets live frames through between its timing rounds.
    const started = await page.evaluate(() => {
      // Each change of the stage's analysed-frame count, on the page's clock.
      const w = window as unknown as { __frames: [number, number][] };
      w.__frames = [];
      const stage = document
        .querySelector('ls-app')
        ?.shadowRoot?.querySelector('ls-stage');
      const tick = () => {
        const n = Number(stage?.getAttribute('data-frames') ?? 0);
        if (n !== w.__frames.at(-1)?.[1])
          w.__frames.push([performance.now(), n]);
        requestAnimationFrame(tick);
      };
      tick();
      return performance.now();
    });
    await playAndCheck(page, net);
    const measuredAt = await page.evaluate(
      () =>
        performance.getEntriesByName('localsight:engines-measured')[0]
          ?.startTime ?? null,
    );
    // The measurement did run while the video played (after its start).
    expect(measuredAt).not.toBeNull();
    expect(measuredAt!).toBeGreaterThan(started);
    // Diagnostics: the longest waits for an analysed frame up to then (page clock, ms). The
    // whole timing in one block showed one of about 1.2 s here; round by round, about 0.4 s
    // (the longest is MediaPipe loading, not a timing round). A figure, not asserted: timings flake
    // on two busy cores; tests/unit/engine-choice.test.ts proves the turns.
    const frames = await page.evaluate(
      () => (window as unknown as { __frames: [number, number][] }).__frames,
    );
    const gaps = frames
      .slice(1)
      .flatMap(([t], i) =>
        t <= measuredAt! ? [Math.round(t - frames[i]![0])] : [],
      )
      .sort((a, b) => b - a);
    console.log(
      `longest waits for a frame while measuring: ${gaps.slice(0, 3).join(', ')} ms`,
    );
  });
});

/** Plays visits.mp4 from the file picker, and checks every visit and its dwell. */
async function playAndCheck(page: Page, net: NetworkLog): Promise<void> {
  const spans = (
    JSON.parse(readFileSync(fixturePath('visits.json'), 'utf8')) as {
      spans: Span[];
    }
  ).spans.filter((s) => s.faces > 0);
  const expected = spans.reduce((n, s) => n + s.faces, 0);
  await page
    .locator('ls-source-picker #video-input')
    .setInputFiles(fixturePath('visits.mp4'));
  // Diagnostics: faces on the stage over (video) time, printed with the result.
  const seen: string[] = [];
  const sampler = setInterval(() => {
    void page
      .evaluate(() => {
        const stage = document
          .querySelector('ls-app')
          ?.shadowRoot?.querySelector('ls-stage');
        const video = stage?.shadowRoot?.querySelector('video');
        return `${video?.currentTime.toFixed(1) ?? '-'}s:${stage?.getAttribute('data-faces')}`;
      })
      .then((x) => seen.push(x))
      .catch(() => undefined);
  }, 250);
  await expect
    .poll(async () => (await noticeTexts(page)).join(' '), {
      timeout: 60_000,
    })
    .toContain('visits.mp4” finished');
  // Visits still open when the video ends are closed by the app's end-of-source flush.
  const count = async () => (await visitsSeen(page)).length;
  try {
    await expect
      .poll(count, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(expected);
    await page.waitForTimeout(1000); // nothing further may arrive: no double counting
  } finally {
    clearInterval(sampler);
    console.log(`stage over time: ${seen.join(' ')}`);
    console.log(`notices: ${(await noticeTexts(page)).join(' / ')}`);
  }
  const visits = await visitsSeen(page);
  const dwells = visits.map((v) => v.dwellMs).sort((a, b) => a - b);
  console.log(
    `visits: ${visits.length} (expected ${expected}); dwell ms: ${dwells.join(', ')}`,
  );
  expect(visits).toHaveLength(expected);
  // Shorter spans end first: match sorted dwells to sorted span lengths.
  const spanMs = spans
    .flatMap((s) => Array<number>(s.faces).fill((s.end - s.start) * 1000))
    .sort((a, b) => a - b);
  dwells.forEach((d, i) => {
    expect(Math.abs(d - spanMs[i]) / spanMs[i]).toBeLessThanOrEqual(0.15);
  });
  for (const v of visits) {
    expect(v.attentionMs).toBeLessThanOrEqual(v.dwellMs);
    expect(v.gender).not.toBeNull();
  }
  await expect(
    page.locator('ls-session-panel').getAttribute('data-passers-by'),
  ).resolves.toBe(String(expected));
  expect(net.offOrigin(baseURL())).toEqual([]);
}
