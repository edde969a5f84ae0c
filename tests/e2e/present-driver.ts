// Drives and observes presentation mode on a tablet-sized page: the state the app reflects
// on <ls-app>, a fake screen wake lock the test can release and re-grant (with a settable
// page visibility), and a browser without full screen or wake lock.

import type { Browser, Page } from 'playwright-core';
import { baseURL, collectConsole, type ConsoleEntry } from './harness';

/** A landscape tablet (1280×800, touch) on `query`, with `setup` run before it loads. */
export async function openTablet(
  browser: Browser,
  query: string,
  setup?: (page: Page) => Promise<void>,
): Promise<{ page: Page; logs: ConsoleEntry[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
  });
  const page = await context.newPage();
  const logs = collectConsole(page);
  await setup?.(page);
  await page.goto(`${baseURL()}${query}`);
  return { page, logs };
}

/** Uncaught page errors and crashes among the console entries. */
export const pageErrors = (logs: ConsoleEntry[]): ConsoleEntry[] =>
  logs.filter((l) => ['pageerror', 'crash'].includes(l.type));

export interface PresentState {
  presenting: string | null;
  wakeLock: string | null;
  controls: string | null;
  /** The element in full screen, seen from the document and from ls-app's shadow root. */
  fullscreen: { document: string | null; shadow: string | null };
  /** Whether <main> covers the whole viewport. */
  covers: boolean;
}

export function presentState(page: Page): Promise<PresentState> {
  return page.evaluate(() => {
    const app = document.querySelector('ls-app');
    const main = app?.shadowRoot?.querySelector('main');
    const r = main?.getBoundingClientRect();
    return {
      presenting: app?.getAttribute('data-presenting') ?? null,
      wakeLock: app?.getAttribute('data-wake-lock') ?? null,
      controls: app?.getAttribute('data-present-controls') ?? null,
      fullscreen: {
        document: document.fullscreenElement?.localName ?? null,
        shadow: app?.shadowRoot?.fullscreenElement?.localName ?? null,
      },
      covers:
        !!r &&
        Math.abs(r.left) < 1 &&
        Math.abs(r.top) < 1 &&
        Math.abs(r.width - innerWidth) < 1 &&
        Math.abs(r.height - innerHeight) < 1,
    };
  });
}

/**
 * Replaces navigator.wakeLock with a fake that always grants, counts requests in
 * window.__wake.requests, and can be released as the system does when the page is hidden
 * (window.__wake.hide()) and shown again (window.__wake.show()).
 */
export async function installFakeWakeLock(page: Page): Promise<void> {
  await page.addInitScript(() => {
    let visibility: DocumentVisibilityState = 'visible';
    Object.defineProperty(document, 'visibilityState', {
      get: () => visibility,
    });
    Object.defineProperty(document, 'hidden', {
      get: () => visibility === 'hidden',
    });
    const state = {
      requests: 0,
      held: [] as (EventTarget & { released: boolean })[],
      hide(): void {
        visibility = 'hidden';
        for (const s of state.held.splice(0)) {
          s.released = true;
          s.dispatchEvent(new Event('release'));
        }
        document.dispatchEvent(new Event('visibilitychange'));
      },
      show(): void {
        visibility = 'visible';
        document.dispatchEvent(new Event('visibilitychange'));
      },
    };
    (window as unknown as { __wake: typeof state }).__wake = state;
    const wakeLock = {
      request(type: string) {
        state.requests++;
        if (type !== 'screen' || visibility !== 'visible')
          return Promise.reject(new DOMException('not now', 'NotAllowedError'));
        const sentinel = Object.assign(new EventTarget(), {
          released: false,
          type: 'screen',
          release() {
            if (!sentinel.released) {
              sentinel.released = true;
              state.held.splice(state.held.indexOf(sentinel), 1);
              sentinel.dispatchEvent(new Event('release'));
            }
            return Promise.resolve();
          },
        });
        state.held.push(sentinel);
        return Promise.resolve(sentinel);
      },
    };
    Object.defineProperty(Navigator.prototype, 'wakeLock', {
      get: () => wakeLock,
      configurable: true,
    });
  });
}

/** What the fake wake lock saw: requests made, and locks held now. */
export function fakeWakeLock(
  page: Page,
): Promise<{ requests: number; held: number }> {
  return page.evaluate(() => {
    const w = (
      window as unknown as { __wake: { requests: number; held: unknown[] } }
    ).__wake;
    return { requests: w.requests, held: w.held.length };
  });
}

/** A browser without the Fullscreen API or the Screen Wake Lock API. */
export async function removeFullscreenAndWakeLock(page: Page): Promise<void> {
  await page.addInitScript(() => {
    delete (Element.prototype as Partial<Element>).requestFullscreen;
    Object.defineProperty(Document.prototype, 'fullscreenEnabled', {
      get: () => false,
      configurable: true,
    });
    delete (Navigator.prototype as { wakeLock?: unknown }).wakeLock;
  });
}
