// Page functions the core-flow spec runs in any engine (see PageFn: self-contained, JSON in
// and out). They read the app the way the e2e app-driver does, through its data-* attributes
// and open shadow roots, and the origin's storage through the browser's own APIs.

import { dumpOriginInPage, recordsOf } from '../e2e/storage-dump';
import type { EngineDriver, PageFn } from './engine-driver';

export interface AppReading {
  /** The app's shell is on screen (its status bar rendered). */
  rendered: boolean;
  faces: number;
  frames: number;
  passersBy: number;
  flushedVisits: number;
  cspViolations: string | null;
  uncaughtErrors: string | null;
  /** 'ready' once the service worker holds the offline copy. */
  offline: string | null;
  /** The fps figure on the status line, NaN until one is shown. */
  fps: number;
  backend: string | null;
  engine: string | null;
  status: string;
  notices: string[];
  fallbacks: string[];
  /** What the stage shows: 'video', 'canvas', or null. */
  media: string | null;
  /** Mean brightness (0–255) of the source canvas/video as the stage draws it, or null. */
  brightness: number | null;
}

export const readApp: PageFn<[], AppReading> = (h) => {
  const attr = (sel: string, name: string) =>
    h.deep(sel)?.getAttribute(name) ?? null;
  const num = (sel: string, name: string) => Number(attr(sel, name) ?? 0);
  const media = h.deep(
    'ls-stage >>> .frame > video, .frame > canvas:not(.overlay)',
  ) as HTMLVideoElement | HTMLCanvasElement | null;
  let brightness: number | null = null;
  if (media) {
    const w = 64;
    const hgt = 48;
    const probe = document.createElement('canvas');
    probe.width = w;
    probe.height = hgt;
    const ctx = probe.getContext('2d', { willReadFrequently: true });
    try {
      ctx?.drawImage(media, 0, 0, w, hgt);
      const px = ctx?.getImageData(0, 0, w, hgt).data;
      if (px) {
        let sum = 0;
        for (let i = 0; i < px.length; i += 4)
          sum += (px[i] + px[i + 1] + px[i + 2]) / 3;
        brightness = sum / (w * hgt);
      }
    } catch {
      brightness = null;
    }
  }
  const status = h.deep('ls-status-bar');
  const fpsText = h.deep('ls-status-bar >>> .fps')?.textContent ?? '';
  return {
    rendered: status !== null,
    faces: num('ls-stage', 'data-faces'),
    frames: num('ls-stage', 'data-frames'),
    passersBy: num('ls-session-panel', 'data-passers-by'),
    flushedVisits: num('ls-app', 'data-flushed-visits'),
    cspViolations: attr('ls-app', 'data-csp-violations'),
    uncaughtErrors: attr('ls-app', 'data-uncaught-errors'),
    offline: attr('ls-offline-status[show="pill"]', 'data-offline'),
    fps: fpsText.trim() === '' ? NaN : Number(fpsText),
    backend: status?.getAttribute('data-backend') ?? null,
    engine: status?.getAttribute('data-engine') ?? null,
    status: (status?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    notices: h
      .deepAll('ls-notice >>> p')
      .map((p) => (p.textContent ?? '').trim()),
    fallbacks: h
      .deepAll('ls-status-bar >>> [data-fallback]')
      .map((c) => c.getAttribute('data-fallback') ?? ''),
    media: media ? media.localName : null,
    brightness,
  };
};

/** Clicks the first element matching `selector` (shadow roots pierced); false if none. */
export const clickDeep: PageFn<[string], boolean> = (h, selector) => {
  const el = h.deep(selector) as HTMLElement | null;
  el?.click();
  return el !== null;
};

/** Sets a <select> (shadow roots pierced) as a user would: value, then a change event. */
export const selectDeep: PageFn<[string, string], boolean> = (
  h,
  selector,
  value,
) => {
  const el = h.deep(selector) as HTMLSelectElement | null;
  if (!el) return false;
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  return true;
};

export interface StoredCounts {
  databases: string[];
  /** Passers-by summed over the day buckets. */
  passersBy: number;
  buckets: unknown[];
  /** Values that are not plain data (Blob, ArrayBuffer…): pixels would show up here. */
  nonJson: string[];
  localStorageKeys: string[];
  cacheNames: string[];
}

/**
 * What the origin holds, read with IndexedDB, Cache Storage and localStorage themselves: the
 * e2e storage dump (tests/e2e/storage-dump.ts), run in this engine, and the counts it holds.
 */
export async function readStorage(driver: EngineDriver): Promise<StoredCounts> {
  const dump = await driver.run(dumpOriginInPage);
  const buckets = recordsOf(dump, 'localsight-counts', 'buckets').map(
    (r) => r.value,
  );
  const passersBy = buckets
    .filter((b) => (b as { granularity: string }).granularity === 'day')
    .reduce((n: number, b) => n + (b as { passersBy: number }).passersBy, 0);
  return {
    databases: dump.databases.map((d) => d.name),
    passersBy,
    buckets,
    nonJson: dump.nonJson,
    localStorageKeys: Object.keys(dump.localStorage),
    cacheNames: dump.caches.map((c) => c.name),
  };
}

/**
 * Makes `<a download>` clicks hand their file to the test instead of the engine's download
 * manager (whose automation differs by engine): each file's name and text are kept in
 * window.__lsDownloads. The app's own path (Blob → object URL → click) runs unchanged; the
 * Blob is remembered when its URL is made, so nothing is fetched (the CSP would refuse blob:).
 */
export const captureDownloads: PageFn<[], void> = () => {
  const w = window as unknown as {
    __lsDownloads: { name: string; text: string }[];
  };
  w.__lsDownloads = [];
  const blobs = new Map<string, Blob>();
  const createObjectURL = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj: Blob | MediaSource) => {
    const url = createObjectURL(obj);
    if (obj instanceof Blob) blobs.set(url, obj);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (this.download && blob) {
      const name = this.download;
      void blob.text().then((text) => w.__lsDownloads.push({ name, text }));
      return;
    }
    click.call(this);
  };
};

export const downloads: PageFn<[], { name: string; text: string }[]> = () =>
  (window as unknown as { __lsDownloads?: { name: string; text: string }[] })
    .__lsDownloads ?? [];

/**
 * Whether the counts database answers within 4 s (a fresh connection, a read of its buckets):
 * 'got N', 'blocked', 'HUNG' or the error. For failure messages: a stuck IndexedDB shows here.
 */
export const probeCountsDb: PageFn<[], string> = async () => {
  const read = new Promise<string>((resolve) => {
    const open = indexedDB.open('localsight-counts');
    open.onblocked = () => resolve('blocked');
    open.onerror = () => resolve(`open failed: ${open.error?.message}`);
    open.onsuccess = () => {
      const db = open.result;
      const all = db.transaction('buckets').objectStore('buckets').getAll();
      all.onerror = () => resolve(`read failed: ${all.error?.message}`);
      all.onsuccess = () => {
        db.close();
        resolve(`got ${all.result.length}`);
      };
    };
  });
  const hung = new Promise<string>((r) => setTimeout(() => r('HUNG'), 4000));
  return Promise.race([read, hung]);
};
