// Shared helpers for the e2e specs: launch Debian's Chromium through playwright-core, record
// network traffic and console output, and locate fixtures, sample photos and the app's URL.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Page,
  type Request,
} from 'playwright-core';
import { inject } from 'vitest';
import { guardBrowser, guardContext } from './guard';
import type { VisitSummary } from '../../src/shared/types';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where global-setup.ts serves dist/, e.g. http://127.0.0.1:41234/ */
    baseURL: string;
  }
}

const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

/** The Chromium binary: $LOCALSIGHT_CHROMIUM, else Debian's (same rule as scripts/lib/prereqs.mjs). */
export const chromiumPath = (): string =>
  process.env.LOCALSIGHT_CHROMIUM || '/usr/bin/chromium';

export interface LaunchOptions {
  /** A .y4m or .mjpeg file that the fake camera plays in a loop (absolute path). */
  fakeCameraFile?: string;
  /**
   * Auto-accept camera prompts (--use-fake-ui-for-media-stream), on by default. With false,
   * the context's camera permission decides: grant or deny it per test.
   */
  autoAcceptCamera?: boolean;
  extraArgs?: string[];
}

/** Chromium's command line for the tests: closed network, SwiftShader, fake camera. */
export function chromiumArgs(opts: LaunchOptions): string[] {
  const { fakeCameraFile, autoAcceptCamera = true, extraArgs = [] } = opts;
  return [
    '--no-sandbox', // CI runs as root
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--enable-unsafe-swiftshader', // software WebGL; never add --disable-gpu
    ...(autoAcceptCamera ? ['--use-fake-ui-for-media-stream'] : []),
    ...(fakeCameraFile
      ? [
          '--use-fake-device-for-media-stream',
          `--use-file-for-fake-video-capture=${path.resolve(fakeCameraFile)}`,
        ]
      : []),
    ...extraArgs,
  ];
}

/** Launches headless Chromium; WebGL runs on SwiftShader, camera prompts are auto-accepted. */
export async function launchChromium(
  opts: LaunchOptions = {},
): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(opts),
  });
  return guardBrowser(browser); // CSP violations and requests off the machine fail the test
}

/**
 * A Chromium profile on disk instead of an incognito-like context: what installability
 * needs (Chromium refuses to install from incognito).
 */
export async function launchProfile(
  userDataDir: string,
  opts: LaunchOptions = {},
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(opts),
  });
  return guardContext(context);
}

export interface NetworkEntry {
  url: string;
  method: string;
  resourceType: string;
  /** True when a service worker made the request. */
  fromServiceWorker: boolean;
  /** Set when the request failed, e.g. 'net::ERR_FAILED'. */
  failure?: string;
}

/** Same origin as the app; data: and blob: URLs count as local. */
function isSameOrigin(url: string, origin: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  return parsed.origin === new URL(origin).origin;
}

const toEntry = (req: Request): NetworkEntry => ({
  url: req.url(),
  method: req.method(),
  resourceType: req.resourceType(),
  fromServiceWorker: req.serviceWorker() !== null,
});

/**
 * Records every request a browser context makes: pages, frames, dedicated workers and
 * service workers (Playwright reports all of them on the context).
 */
export class NetworkLog {
  /** Every request so far, in order. */
  readonly requests: NetworkEntry[] = [];
  private readonly byRequest = new WeakMap<Request, NetworkEntry>();
  private readonly context: BrowserContext;
  private readonly onRequest = (req: Request): void => {
    const entry = toEntry(req);
    this.requests.push(entry);
    this.byRequest.set(req, entry);
  };
  private readonly onFailed = (req: Request): void => {
    const failure = req.failure()?.errorText ?? 'failed';
    const entry = this.byRequest.get(req);
    if (entry) entry.failure = failure;
    else this.requests.push({ ...toEntry(req), failure });
  };

  constructor(context: BrowserContext) {
    this.context = context;
    context.on('request', this.onRequest);
    context.on('requestfailed', this.onFailed);
  }

  /** Requests that left the app's origin (pass baseURL() or any URL on it). */
  offOrigin(origin: string): NetworkEntry[] {
    return this.requests.filter((e) => !isSameOrigin(e.url, origin));
  }

  /** Requests that failed (network error, aborted, blocked). */
  failed(): NetworkEntry[] {
    return this.requests.filter((e) => e.failure !== undefined);
  }

  urls(): string[] {
    return this.requests.map((e) => e.url);
  }

  /** Stops recording. */
  detach(): void {
    this.context.off('request', this.onRequest);
    this.context.off('requestfailed', this.onFailed);
  }
}

/** An absolute path into tests/fixtures/generated (made by scripts/make-fixtures.mjs). */
export const fixturePath = (name: string): string =>
  path.join(ROOT, 'tests/fixtures/generated', name);

/** One of the sample photos shipped with @vladmandic/face-api (n = 1..6). */
export const samplePhoto = (n: number): string =>
  path.join(ROOT, `node_modules/@vladmandic/face-api/demo/sample${n}.jpg`);

/** The URL the e2e global setup serves the built app on. */
export function baseURL(): string {
  const url = inject('baseURL');
  if (!url)
    throw new Error(
      'baseURL not provided: is tests/e2e/global-setup.ts the globalSetup?',
    );
  return url;
}

export interface ConsoleEntry {
  /** A console type ('log', 'error', 'warning', …), 'pageerror' or 'crash'. */
  type: string;
  text: string;
}

/**
 * Collects console messages, uncaught page errors and crashes into an array that fills as
 * the page runs; print it when an assertion fails. Dedicated workers' console messages
 * arrive on the page's 'console' event too (playwright-core 1.65), so they are included once.
 */
export function collectConsole(page: Page): ConsoleEntry[] {
  const entries: ConsoleEntry[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    const { url, lineNumber } = msg.location();
    const where = url ? ` (${url}:${lineNumber})` : '';
    entries.push({ type: msg.type(), text: `${msg.text()}${where}` });
  });
  page.on('pageerror', (err) =>
    entries.push({ type: 'pageerror', text: err.stack ?? err.message }),
  );
  page.on('crash', () => entries.push({ type: 'crash', text: 'page crashed' }));
  return entries;
}

/** One line per entry, for assertion messages. */
export const formatConsole = (entries: ConsoleEntry[]): string =>
  entries.map((e) => `[${e.type}] ${e.text}`).join('\n');

export interface AppSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  net: NetworkLog;
}

export interface OpenAppOptions extends LaunchOptions {
  viewport?: { width: number; height: number };
  /** Query string or path to open, relative to the app; null opens nothing yet. */
  path?: string | null;
  /** Runs on the page before it navigates (e.g. addInitScript). */
  beforeGoto?: (page: Page) => Promise<unknown>;
  /** 'block' keeps the app's service worker (and its offline download) out of the session. */
  serviceWorkers?: 'allow' | 'block';
}

/** A fresh browser with one page whose every request is recorded, opened on the app. */
export async function openApp(opts: OpenAppOptions = {}): Promise<AppSession> {
  const {
    viewport = { width: 1280, height: 800 },
    path = '',
    beforeGoto,
  } = opts;
  const browser = await launchChromium(opts);
  const context = await browser.newContext({
    viewport,
    serviceWorkers: opts.serviceWorkers ?? 'allow',
  });
  const net = new NetworkLog(context);
  const page = await context.newPage();
  await beforeGoto?.(page);
  if (path !== null) await page.goto(`${baseURL()}${path}`);
  return { browser, context, page, net };
}

/** Records every visit the app announces (ls-visit) in the page, for visitsSeen(). */
export async function recordVisits(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __visits: unknown[] };
    w.__visits = [];
    document.addEventListener('ls-visit', (e) =>
      w.__visits.push((e as CustomEvent).detail),
    );
  });
}

/** The visits recorded by recordVisits() so far. */
export function visitsSeen(page: Page): Promise<VisitSummary[]> {
  return page.evaluate(
    () => (window as unknown as { __visits: VisitSummary[] }).__visits,
  );
}
