// Smoke test: the built app loads in Chromium, <ls-app> is in the DOM, and the page talks
// to no origin but its own.

import { expect, test } from 'vitest';
import {
  NetworkLog,
  baseURL,
  collectConsole,
  formatConsole,
  launchChromium,
} from './harness';

test('the app shell loads without any off-origin request', async () => {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const network = new NetworkLog(context);
    const page = await context.newPage();
    const logs = collectConsole(page);
    await page.goto(baseURL(), { waitUntil: 'load' });
    await page.waitForSelector('ls-app', {
      state: 'attached',
      timeout: 30_000,
    });
    await page.waitForLoadState('networkidle');
    expect(network.offOrigin(baseURL()), formatConsole(logs)).toEqual([]);
  } finally {
    await browser.close();
  }
});
