// One small interface over three automation protocols, so that the same core-flow spec runs in
// Chromium (playwright-core over CDP), Firefox (puppeteer-core over WebDriver BiDi) and WebKit
// (WebdriverIO's `webdriver` client over classic WebDriver, WebKitWebDriver for WebKitGTK).
// Classic WebDriver is the narrowest of the three (no init scripts, no console, no network
// events), so the interface is what it can do; what an engine's automation cannot show is
// named in `limits`, and the app's own evidence (data-* attributes) stands in for it.

export type EngineName = 'chromium' | 'firefox' | 'webkit';

/**
 * Helpers every page function receives first. Selectors cross shadow roots explicitly with
 * ' >>> ': 'ls-stage >>> .frame > canvas' is a canvas in the shadow root of an ls-stage found
 * anywhere (the first part is looked for in the document and every open shadow root).
 */
export interface PageHelpers {
  /** The first element matching `selector`, or null. */
  deep(selector: string): Element | null;
  /** Every element matching `selector`. */
  deepAll(selector: string): Element[];
}

/**
 * A function run in the page. It is sent as source text, so it must be self-contained: no
 * closure over test code, only its JSON arguments and the helpers.
 */
export type PageFn<A extends unknown[], R> = (
  h: PageHelpers,
  ...args: A
) => R | Promise<R>;

export interface ConsoleLine {
  type: string;
  text: string;
  /** The page's address when it was logged (which flow it came from). */
  at: string;
}

export interface EngineDriver {
  readonly engine: EngineName;
  /** The engine's version as its automation reports it, e.g. 'firefox/153.8.0'. */
  readonly version: string;
  /** What this engine's automation cannot observe, in words for the README and failures. */
  readonly limits: string[];
  goto(url: string): Promise<void>;
  run<A extends unknown[], R>(fn: PageFn<A, R>, ...args: A): Promise<R>;
  /** Gives the <input type=file> that `find` returns the file at `file` (absolute path). */
  setInputFile(find: PageFn<[], Element | null>, file: string): Promise<void>;
  /** Console errors and uncaught errors so far, or null where the automation has no console. */
  consoleErrors(): ConsoleLine[] | null;
  screenshot(file: string): Promise<void>;
  close(): Promise<void>;
}

/** Source of the helpers, defined in the page before each page function runs. */
const HELPERS_SOURCE = `{
  deepAll(selector) {
    const everywhere = (root, sel) => {
      const found = [...root.querySelectorAll(sel)];
      for (const el of root.querySelectorAll('*'))
        if (el.shadowRoot) found.push(...everywhere(el.shadowRoot, sel));
      return found;
    };
    const [first, ...rest] = selector.split('>>>').map((s) => s.trim());
    let found = everywhere(document, first);
    for (const part of rest)
      found = found.flatMap((host) => (host.shadowRoot ? everywhere(host.shadowRoot, part) : []));
    return found;
  },
  deep(selector) {
    return this.deepAll(selector)[0] ?? null;
  },
}`;

/**
 * An expression that runs `fn` with the helpers and `args` (JSON) and evaluates to its result
 * (a promise where it is async; every driver awaits it).
 */
export function pageExpression<A extends unknown[], R>(
  fn: PageFn<A, R>,
  args: A,
): string {
  const argList = args.map((a) => JSON.stringify(a)).join(', ');
  return `(async () => { const h = ${HELPERS_SOURCE}; h.deep = h.deep.bind(h); return (${fn.toString()})(h${argList ? `, ${argList}` : ''}); })()`;
}
