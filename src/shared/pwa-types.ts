// What the app knows about its service worker, as src/pwa/register.ts reports it to the
// shell. Pure types: no DOM, no worker globals.

import type { SwDescription } from './sw-messages';

export type OfflineState =
  /** Development server, or a browser without service workers: no offline copy. */
  | { kind: 'unsupported'; reason: string }
  | { kind: 'registering' }
  /** Copying the app, models and wasm into the cache, the first time (or for an update). */
  | {
      kind: 'installing';
      done: number;
      total: number;
      doneBytes: number;
      totalBytes: number;
    }
  /** Every file is cached and the service worker controls this page. */
  | { kind: 'ready' }
  | { kind: 'error'; message: string };

/** The service worker as the shell sees it. Fires `change` whenever a field changes. */
export interface PwaHandle extends EventTarget {
  readonly offline: OfflineState;
  /** A new version is installed and waiting for the user's word. */
  readonly updateReady: boolean;
  /** Activates the waiting version, then reloads the page into it. */
  applyUpdate(): Promise<void>;
  /** Asks the active service worker what it holds; null without one. */
  describe(): Promise<SwDescription | null>;
  /** Checks the server for a new version now (it is also checked on every load). */
  checkForUpdate(): Promise<void>;
}
