// Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi: no patched
// browser and no geckodriver, only the engine's own remote agent. Off-machine traffic goes
// to the test proxy (prefs below); the fake camera is Firefox's own test stream.

import puppeteer, { type ElementHandle } from 'puppeteer-core';
import {
  pageExpression,
  type ConsoleLine,
  type EngineDriver,
  type PageFn,
} from './engine-driver';
import type { LaunchEngineOptions } from './engines';

export const firefoxPath = (): string =>
  process.env.LOCALSIGHT_FIREFOX || '/usr/bin/firefox-esr';

export async function launchFirefoxDriver(
  opts: LaunchEngineOptions,
): Promise<EngineDriver> {
  const [host, port] = opts.proxy.split(':');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: firefoxPath(),
    headless: true,
    defaultViewport: opts.viewport,
    // Release builds ignore services.settings.server (below) unless this is set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      // Everything off the machine through the recording proxy; loopback stays direct.
      'network.proxy.type': 1,
      'network.proxy.http': host,
      'network.proxy.http_port': Number(port),
      'network.proxy.ssl': host,
      'network.proxy.ssl_port': Number(port),
      'network.proxy.allow_hijacking_localhost': false,
      // The browser's own Remote Settings sync, not the app's: pointed nowhere, as Mozilla's
      // own test harness does, so that what reaches the proxy is the page's.
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      // A fake camera (a moving test pattern) that needs no prompt.
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
    },
  });
  const page = await browser.newPage();
  const errors: ConsoleLine[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error')
      errors.push({ type: 'error', text: msg.text(), at: page.url() });
  });
  page.on('pageerror', (err) =>
    errors.push({ type: 'pageerror', text: String(err), at: page.url() }),
  );
  return {
    engine: 'firefox',
    version: await browser.version(),
    limits: [
      'puppeteer reports the page’s console over BiDi, not its workers’; the app counts uncaught errors itself',
    ],
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
      await el.uploadFile(file);
    },
    consoleErrors: () => [...errors],
    async screenshot(file) {
      await page.screenshot({ path: file as `${string}.png` });
    },
    async close() {
      await browser.close();
    },
  };
}
