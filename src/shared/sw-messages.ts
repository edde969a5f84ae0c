// Messages between the page and the service worker (src/sw/sw.ts), on the BroadcastChannel
// SW_CHANNEL and through postMessage. Pure types and constants: no DOM, no worker globals.

export const SW_CHANNEL = 'ls-sw';

/** Broadcast by the installing service worker after each precached file. */
export interface PrecacheProgress {
  type: 'precache-progress';
  /** Files handled so far (fetched, or already cached from the previous version). */
  done: number;
  total: number;
  /** Bytes of the files handled so far, and of all of them (from the build's manifest). */
  doneBytes: number;
  totalBytes: number;
}

/** One precached file, as the service worker reports it. */
export interface PrecacheFile {
  /** Path relative to the app's root, e.g. "models/emotion.bin". */
  url: string;
  size: number;
  /** Subresource-integrity hash the browser checked when it fetched the file, if any. */
  integrity?: string;
}

/** What the service worker answers to {type: 'describe'}. */
export interface SwDescription {
  type: 'description';
  build: string;
  cacheName: string;
  files: PrecacheFile[];
  /** Requests the service worker answered from its cache, and ones it let through to the network, per origin. */
  served: { fromCache: number; fromNetwork: number; offOrigin: number };
}

/** Page → service worker. */
export type SwRequest = { type: 'SKIP_WAITING' } | { type: 'describe' };
