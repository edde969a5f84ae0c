// Registers the service worker with workbox-window and turns its life into one PwaHandle:
// install progress, "ready offline", "update ready". An update is applied only through
// applyUpdate(), which the shell calls on the user's word and never mid-session.
// Imports workbox-window and src/shared only.

import { Workbox } from 'workbox-window';
import type { OfflineState, PwaHandle } from '../shared/pwa-types';
import {
  SW_CHANNEL,
  type PrecacheProgress,
  type SwDescription,
} from '../shared/sw-messages';

class Pwa extends EventTarget implements PwaHandle {
  offline: OfflineState = { kind: 'registering' };
  updateReady = false;
  private _wb: Workbox | null = null;

  constructor(scriptUrl: string | null, reason = '') {
    super();
    if (scriptUrl === null) {
      this.offline = { kind: 'unsupported', reason };
      return;
    }
    this._start(scriptUrl);
  }

  private _set(patch: Partial<Pick<Pwa, 'offline' | 'updateReady'>>): void {
    Object.assign(this, patch);
    this.dispatchEvent(new Event('change'));
  }

  private _start(scriptUrl: string): void {
    const wb = new Workbox(scriptUrl);
    this._wb = wb;
    const channel = new BroadcastChannel(SW_CHANNEL);
    channel.onmessage = (e: MessageEvent<PrecacheProgress>) => {
      // Progress of an update's install is not shown: this version still works offline.
      if (e.data?.type !== 'precache-progress' || this.offline.kind === 'ready')
        return;
      const { done, total, doneBytes, totalBytes } = e.data;
      this._set({
        offline: { kind: 'installing', done, total, doneBytes, totalBytes },
      });
    };
    // The install failed (a file could not be fetched or stored — often a full disk): the
    // worker is thrown away. Say so instead of showing a progress bar that never ends.
    wb.addEventListener('redundant', () => {
      if (this.offline.kind === 'ready') return; // an update failed; this version still works
      this._set({
        offline: {
          kind: 'error',
          message:
            'the browser could not store every file; free some space and reload',
        },
      });
    });
    // A new version finished installing while this one controls the page.
    wb.addEventListener('waiting', () => this._set({ updateReady: true }));
    // The first install: everything is cached once the worker is active and in control.
    wb.addEventListener('controlling', (e) => {
      if (!e.isUpdate) this._set({ offline: { kind: 'ready' } });
    });
    wb.register()
      .then(async (registration) => {
        if (!registration)
          throw new Error('the browser refused to register it');
        if (navigator.serviceWorker.controller && registration.active) {
          this._set({ offline: { kind: 'ready' } });
        }
        // Installed earlier but waiting (e.g. the tab was reloaded mid-update).
        if (registration.waiting && navigator.serviceWorker.controller) {
          this._set({ updateReady: true });
        }
      })
      .catch((err: unknown) =>
        this._set({
          offline: {
            kind: 'error',
            message: err instanceof Error ? err.message : String(err),
          },
        }),
      );
  }

  async applyUpdate(): Promise<void> {
    const wb = this._wb;
    if (!wb || !this.updateReady) return;
    // Reload once the new version controls the page, not before (workbox-window recipe).
    wb.addEventListener('controlling', () => window.location.reload());
    wb.messageSkipWaiting();
  }

  async describe(): Promise<SwDescription | null> {
    if (!this._wb || !navigator.serviceWorker.controller) return null;
    const answer: unknown = await this._wb.messageSW({ type: 'describe' });
    return (answer as SwDescription | undefined) ?? null;
  }

  async checkForUpdate(): Promise<void> {
    await this._wb?.update();
  }
}

/** Registers /sw.js in production builds; elsewhere returns a handle that says why not. */
export function registerPwa(): PwaHandle {
  if (!('serviceWorker' in navigator)) {
    return new Pwa(null, 'This browser has no service workers.');
  }
  if (!import.meta.env.PROD) {
    return new Pwa(
      null,
      'The development server runs without a service worker.',
    );
  }
  return new Pwa(`${import.meta.env.BASE_URL}sw.js`);
}
