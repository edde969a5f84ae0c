// Every browser the e2e specs launch is watched for two things that fail whichever test is
// running when they happen (tests/e2e/setup.ts checks after each test):
// - a Content-Security-Policy or Trusted Types violation, from a page, a worker or the
//   service worker (Chromium logs each as a console error);
// - a request to anything but this machine (the specs' servers are all on 127.0.0.1; the
//   specs themselves check the stricter same-origin rule where it matters).

import type { Browser, BrowserContext, ConsoleMessage } from 'playwright-core';

const found: string[] = [];

/** CSP and Trusted Types reports as Chromium words them in the console. */
const POLICY_VIOLATION =
  /Content Security Policy|Trusted Type|TrustedScript|TrustedHTML/i;

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost';
}

function onConsole(msg: ConsoleMessage): void {
  if (POLICY_VIOLATION.test(msg.text()))
    found.push(`policy violation: ${msg.text()}`);
}

/** Watches one context's console (pages, workers) and requests (service workers included). */
export function guardContext(context: BrowserContext): BrowserContext {
  context.on('console', onConsole);
  context.on('request', (req) => {
    if (!isLocal(req.url()))
      found.push(`request off the machine: ${req.url()}`);
  });
  context.on('serviceworker', (worker) => worker.on('console', onConsole));
  return context;
}

/** Watches every context the browser makes from now on. */
export function guardBrowser(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) =>
    guardContext(await newContext(...args));
  return browser;
}

/** What the guard found since the last call (and forgets it). */
export function takeGuardFindings(): string[] {
  return found.splice(0);
}
