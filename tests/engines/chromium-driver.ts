// Chromium through playwright-core (CDP), with the same flags as the e2e suite (SwiftShader
// WebGL, closed network) and the off-machine proxy.

import { chromium, type ElementHandle, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/harness';
import {
  pageExpression,
  type ConsoleLine,
  type EngineDriver,
  type PageFn,
} from './engine-driver';
import type { LaunchEngineOptions } from './engines';

export async function launchChromiumDriver(
  opts: LaunchEngineOptions,
): Promise<EngineDriver> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // On the command line, not Playwright's proxy option: that one also proxies loopback
    // (it adds <-loopback>), and the app's origin must stay direct, as in the other engines.
    args: [
      ...chromiumArgs({ fakeCameraFile: opts.fakeCameraFile }),
      `--proxy-server=http://${opts.proxy}`,
    ],
  });
  const context = await browser.newContext({ viewport: opts.viewport });
  const page: Page = await context.newPage();
  const errors: ConsoleLine[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error')
      errors.push({ type: 'error', text: msg.text(), at: page.url() });
  });
  page.on('pageerror', (err) =>
    errors.push({ type: 'pageerror', text: err.message, at: page.url() }),
  );
  return {
    engine: 'chromium',
    version: `chromium/${browser.version()}`,
    limits: [],
    async goto(url) {
      await page.goto(url);
    },
    run<A extends unknown[], R>(fn: PageFn<A, R>, ...args: A): Promise<R> {
      return page.evaluate(pageExpression(fn, args)) as Promise<R>;
    },
    async setInputFile(find, file) {
      const handle = await page.evaluateHandle(pageExpression(find, []));
      const el = handle.asElement() as ElementHandle<HTMLInputElement> | null;
      if (!el) throw new Error('setInputFile: no element found');
      await el.setInputFiles(file);
    },
    consoleErrors: () => [...errors],
    async screenshot(file) {
      await page.screenshot({ path: file });
    },
    async close() {
      await browser.close();
    },
  };
}
