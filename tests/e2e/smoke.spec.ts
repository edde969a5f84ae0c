// Smoke test: the built app loads in Chromium, <ls-app> is in the DOM, and the page talks
// to no origin but its own. Then the guard every spec relies on (guard.ts) is shown to catch
// what it must: the CSP refusing a connection off the origin (from the page and from the
// detector worker), and Trusted Types refusing a string of HTML.

import { expect, test } from 'vitest';
import { takeGuardFindings } from './guard';
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
    expect(takeGuardFindings()).toEqual([]);

    // What a compromised dependency would try: both are refused and both are reported.
    const refused = await page.evaluate(async () => {
      const out: string[] = [];
      await fetch('https://cdn.example.com/x.js').catch(() =>
        out.push('fetch'),
      );
      try {
        document.body.innerHTML = '<img src=x onerror="alert(1)">';
      } catch {
        out.push('innerHTML');
      }
      return out;
    });
    expect(refused).toEqual(['fetch', 'innerHTML']);
    const seen: string[] = [];
    await expect
      .poll(() => {
        seen.push(...takeGuardFindings());
        return seen.join('\n');
      })
      .toMatch(/TrustedHTML/);
    expect(seen.join('\n')).toMatch(
      /policy violation: .*cdn\.example\.com.*Content Security Policy/,
    );

    // The same inside the detector worker, which logs its own refusals.
    await expect
      .poll(() => page.workers().some((w) => /detector/.test(w.url())))
      .toBe(true);
    const worker = page.workers().find((w) => /detector/.test(w.url()))!;
    const fetched = await worker.evaluate(() =>
      fetch('https://cdn.example.com/model.bin').then(
        () => 'fetched',
        () => 'refused',
      ),
    );
    expect(fetched).toBe('refused');
    await expect
      .poll(() => {
        seen.push(...takeGuardFindings());
        return seen.join('\n');
      })
      .toMatch(
        /violation in the detector worker: connect-src blocked https:\/\/cdn\.example\.com/,
      );
  } finally {
    await browser.close();
  }
});
