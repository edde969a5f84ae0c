// The two detection engines through the real UI. First start shows TensorFlow.js's boxes at
// once, then times MediaPipe against it on this device, and runs and remembers the faster; the
// next start does not measure again; the setting and ?engine= override it; switching live
// keeps the sample analysed; MediaPipe's runtime and model come from the app's origin once
// each, under the strict CSP, and nothing leaves the device.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  noticeTexts,
  stageState,
  statusEngine,
  waitForStage,
} from './app-driver';
import {
  baseURL,
  collectConsole,
  formatConsole,
  openApp,
  type ConsoleEntry,
  type NetworkLog,
} from './harness';
import {
  ENGINE_CHOICE_KEY,
  parseCalibration,
} from '../../src/shared/engine-choice';
import { SETTINGS_KEY } from '../../src/shared/settings';
import type { EngineCalibration, EngineName } from '../../src/shared/types';

const picker = (page: Page, css = '') =>
  page.locator(`ls-engine-picker ${css}`.trim());

const remembered = async (page: Page): Promise<EngineCalibration | null> =>
  parseCalibration(
    await page.evaluate((k) => localStorage.getItem(k), ENGINE_CHOICE_KEY),
  );

describe('detection engines', () => {
  let browser: Browser;
  let page: Page;
  let net: NetworkLog;
  let logs: ConsoleEntry[];
  let measured: EngineCalibration;

  beforeAll(async () => {
    ({ browser, page, net } = await openApp({ path: null }));
    logs = collectConsole(page);
    await page.goto(`${baseURL()}?source=sample`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows boxes at once at first start, then times both engines, runs the faster and remembers the figures', async () => {
    await expect
      .poll(() => remembered(page), { timeout: 120_000 })
      .not.toBeNull();
    // TensorFlow.js analysed the first frame before MediaPipe was measured against it.
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        ['localsight:first-result', 'localsight:engines-measured'].map((n) => [
          n,
          performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null,
        ]),
      ),
    );
    expect(marks['localsight:first-result']).not.toBeNull();
    expect(marks['localsight:engines-measured']).not.toBeNull();
    expect(marks['localsight:first-result']!).toBeLessThan(
      marks['localsight:engines-measured']!,
    );
    measured = (await remembered(page))!;
    console.log(
      `first start measured: tfjs ${measured.tfjsMs?.toFixed(1)} ms, mediapipe ${measured.mediapipeMs?.toFixed(1)} ms per frame -> ${measured.engine}`,
    );
    expect(measured.tfjsMs).toBeGreaterThan(0);
    expect(measured.mediapipeMs).toBeGreaterThan(0);
    const faster: EngineName =
      measured.mediapipeMs! < measured.tfjsMs! ? 'mediapipe' : 'tfjs';
    expect(measured.engine).toBe(faster);
    expect(measured.delegate).toBe(faster === 'mediapipe' ? 'CPU' : null);
    expect(await statusEngine(page)).toBe(faster);
    await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 1);
    await expect(picker(page).getAttribute('data-engine')).resolves.toBe(
      faster,
    );
    await expect(picker(page, '.now').innerText()).resolves.toContain(
      'measured faster on this device',
    );
    await expect(picker(page, '#engine-measured').innerText()).resolves.toMatch(
      /Measured on this device .*: (MediaPipe|TensorFlow\.js) \d+ ms, (MediaPipe|TensorFlow\.js) \d+ ms per frame/,
    );
    // The MediaPipe runtime and model were fetched once each, by the worker's own checked
    // download: the runtime ran the verified bytes instead of fetching the wasm again.
    const fetched = (part: string) =>
      net.requests.filter((r) => r.url.includes(part) && !r.fromServiceWorker);
    expect(fetched('vision_wasm_module_internal.wasm')).toHaveLength(1);
    expect(fetched('vision_wasm_module_internal.js')).toHaveLength(1);
    expect(fetched('face_detection_full_range.tflite')).toHaveLength(1);
    expect(fetched('facemesh-detection-full.json')).toHaveLength(1);
  });

  it('keeps that choice on the next start instead of measuring again', async () => {
    await page.reload();
    await statusEngine(page);
    if (measured.engine === 'mediapipe') {
      // A warm start hands over (issue 19): TensorFlow.js shows the first boxes, then
      // MediaPipe, loaded after the first frame, takes over.
      await page.waitForFunction(
        () =>
          performance.getEntriesByName('localsight:engine-handed-over').length >
          0,
        null,
        { timeout: 90_000, polling: 100 },
      );
      const marks = await page.evaluate(() =>
        ['localsight:first-result', 'localsight:engine-handed-over'].map(
          (n) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null,
        ),
      );
      expect(marks[0]).not.toBeNull();
      expect(marks[0]!).toBeLessThan(marks[1]!);
    }
    await expect
      .poll(() => page.locator('ls-status-bar').getAttribute('data-engine'), {
        timeout: 30_000,
      })
      .toBe(measured.engine);
    await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 1);
    expect(await remembered(page)).toEqual(measured);
    // Not measured again.
    await expect(
      page.evaluate(
        () =>
          performance.getEntriesByName('localsight:engines-measured').length,
      ),
    ).resolves.toBe(0);
    await expect(picker(page, '.now').innerText()).resolves.toContain(
      'measured faster on this device',
    );
  });

  it('switches engines live while the sample plays, and back to Auto', async () => {
    const other: EngineName = measured.engine === 'tfjs' ? 'mediapipe' : 'tfjs';
    const before = (await stageState(page)).frames;
    await picker(page, `#engine-${other}`).check();
    await expect
      .poll(() => page.locator('ls-status-bar').getAttribute('data-engine'), {
        timeout: 90_000,
      })
      .toBe(other);
    await waitForStage(page, (s) => s.frames >= before + 5 && s.faces >= 1);
    await expect(picker(page, '.now').innerText()).resolves.toContain(
      'chosen in the settings',
    );
    const saved = await page.evaluate(
      (k) => localStorage.getItem(k),
      SETTINGS_KEY,
    );
    expect(JSON.parse(saved ?? '{}')).toMatchObject({ engine: other });

    const again = (await stageState(page)).frames;
    await picker(page, '#engine-auto').check();
    await expect
      .poll(() => page.locator('ls-status-bar').getAttribute('data-engine'), {
        timeout: 90_000,
      })
      .toBe(measured.engine);
    await waitForStage(page, (s) => s.frames >= again + 5 && s.faces >= 1);
  });

  it('lets ?engine= override the setting, and warns about an unknown engine', async () => {
    const forced: EngineName =
      measured.engine === 'tfjs' ? 'mediapipe' : 'tfjs';
    await page.goto(`${baseURL()}?source=sample&engine=${forced}`);
    expect(await statusEngine(page)).toBe(forced);
    await waitForStage(page, (s) => s.frames >= 3 && s.faces >= 1);
    await expect(
      picker(page, '#engine-url-note').innerText(),
    ).resolves.toContain(`The page address sets engine=${forced}`);
    await page.goto(`${baseURL()}?engine=onnx`);
    await expect
      .poll(async () => (await noticeTexts(page)).join(' '))
      .toContain('engine=onnx');
    // The remembered engine (after the handover, 1.5 s after ready with no source running).
    await statusEngine(page);
    await expect
      .poll(() => page.locator('ls-status-bar').getAttribute('data-engine'), {
        timeout: 30_000,
      })
      .toBe(measured.engine);
  });

  it('ran under the strict CSP with no error and no request off the origin', async () => {
    await expect(
      page.locator('ls-app').getAttribute('data-csp-violations'),
    ).resolves.toBe('0');
    expect(net.offOrigin(baseURL())).toEqual([]);
    // Cancelled by the page itself is no failure: this spec navigates while the people lane,
    // which starts after the first boxes, may still be downloading its model.
    expect(
      net
        .failed()
        .filter(
          (r) =>
            !r.url.endsWith('favicon.ico') && r.failure !== 'net::ERR_ABORTED',
        ),
    ).toEqual([]);
    const errors = logs.filter(
      (l) => l.type === 'error' || l.type === 'pageerror',
    );
    expect(errors, formatConsole(logs)).toEqual([]);
  });
});
