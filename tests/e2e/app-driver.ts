// Reads and drives the running app the way a user would, through its (open) shadow DOM.

import type { Page } from 'playwright-core';
import type { SwDescription } from '../../src/shared/sw-messages';

export interface StageState {
  faces: number;
  frames: number;
}

export async function stageState(page: Page): Promise<StageState> {
  const stage = page.locator('ls-stage');
  const [faces, frames] = await Promise.all([
    stage.getAttribute('data-faces'),
    stage.getAttribute('data-frames'),
  ]);
  return { faces: Number(faces ?? 0), frames: Number(frames ?? 0) };
}

/** This session's passers-by, as the session panel reflects them (data-passers-by). */
export async function passersBy(page: Page): Promise<number> {
  return Number(
    await page.locator('ls-session-panel').getAttribute('data-passers-by'),
  );
}

/** Visits written to IndexedDB since the page loaded (ls-app's data-flushed-visits). */
export async function flushedVisits(page: Page): Promise<number> {
  return Number(
    await page.locator('ls-app').getAttribute('data-flushed-visits'),
  );
}

/** Polls until `predicate` holds for the stage, or fails with the last state seen. */
export async function waitForStage(
  page: Page,
  predicate: (s: StageState) => boolean,
  timeoutMs = 90_000,
): Promise<StageState> {
  const deadline = Date.now() + timeoutMs;
  let last: StageState = { faces: 0, frames: 0 };
  while (Date.now() < deadline) {
    last = await stageState(page).catch(() => last);
    if (predicate(last)) return last;
    await page.waitForTimeout(250);
  }
  const notices = await noticeTexts(page);
  throw new Error(
    `Stage never reached the expected state; last ${JSON.stringify(last)}; notices: ${notices.join(' / ')}`,
  );
}

/** Collects the largest face count seen over `frames` further analysed frames. */
export async function maxFacesOver(
  page: Page,
  frames: number,
): Promise<number> {
  const start = (await stageState(page)).frames;
  let max = 0;
  let seen = start;
  while (seen < start + frames) {
    const s = await waitForStage(page, (x) => x.frames > seen, 60_000);
    seen = s.frames;
    max = Math.max(max, s.faces);
  }
  return max;
}

export async function noticeTexts(page: Page): Promise<string[]> {
  return page.locator('ls-notice p').allInnerTexts();
}

export async function statusBackend(
  page: Page,
  timeout = 90_000,
): Promise<string> {
  await page.locator('ls-status-bar[data-backend]').waitFor({ timeout });
  return (
    (await page.locator('ls-status-bar').getAttribute('data-backend')) ?? ''
  );
}

export async function statusNumber(
  page: Page,
  cls: 'fps' | 'latency' | 'faces',
): Promise<number> {
  return Number(await page.locator(`ls-status-bar .${cls}`).innerText());
}

/** Stops the current source, so the stage's counters start again from zero. */
export async function stopSource(page: Page): Promise<void> {
  const stop = page.locator('ls-source-picker #stop');
  if (await stop.count()) await stop.click();
  await waitForStage(page, (s) => s.frames === 0 && s.faces === 0, 10_000);
}

/** Drops files on the app as a user dragging them from the desktop would. */
export async function dropFiles(
  page: Page,
  files: { name: string; type: string; base64: string }[],
): Promise<void> {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    const app = document.querySelector('ls-app');
    if (!app) throw new Error('no ls-app');
    app.dispatchEvent(
      new DragEvent('dragover', {
        dataTransfer: dt,
        bubbles: true,
        cancelable: true,
      }),
    );
    app.dispatchEvent(
      new DragEvent('drop', {
        dataTransfer: dt,
        bubbles: true,
        cancelable: true,
      }),
    );
  }, files);
}

/** The offline copy's state as the header pill reflects it ('installing', 'ready', …). */
export const offlineState = (page: Page) =>
  page.locator('ls-offline-status[show="pill"]').getAttribute('data-offline');

/** Waits until the service worker has saved every file and controls the page. */
export async function untilOfflineReady(page: Page): Promise<void> {
  // A locator wait, not expect.poll: hooks (beforeAll) call this too.
  await page
    .locator('ls-offline-status[show="pill"][data-offline="ready"]')
    .waitFor({ state: 'attached', timeout: 120_000 });
}

/**
 * Waits until a first start under Auto has measured the engines (the app marks
 * `localsight:engines-measured`): after the first frame or 1.5 s without a source, the worker
 * loads MediaPipe and times both engines while frames wait (issue 19). A test that times
 * what it sees from the first frames on starts its source after this.
 */
export async function untilEnginesMeasured(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      performance.getEntriesByName('localsight:engines-measured').length > 0,
    null,
    { timeout: 120_000, polling: 250 },
  );
}

interface AppWithPwa {
  pwa: { describe(): Promise<unknown>; checkForUpdate(): Promise<void> };
}

/** Asks the app's own service worker what it holds (through src/pwa/register.ts). */
export const describeOfflineCopy = (page: Page) =>
  page.evaluate(() =>
    (document.querySelector('ls-app') as unknown as AppWithPwa).pwa.describe(),
  ) as Promise<SwDescription | null>;

/** Makes the service worker look for a new version now. */
export const checkForUpdate = (page: Page) =>
  page.evaluate(() =>
    (
      document.querySelector('ls-app') as unknown as AppWithPwa
    ).pwa.checkForUpdate(),
  );

/** The engine the status line reports ('tfjs' or 'mediapipe'), once one runs. */
export async function statusEngine(page: Page): Promise<string> {
  await page
    .locator('ls-status-bar[data-engine]')
    .waitFor({ timeout: 120_000 });
  return (
    (await page.locator('ls-status-bar').getAttribute('data-engine')) ?? ''
  );
}
