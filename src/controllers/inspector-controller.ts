// Gathers the privacy inspector's evidence on refresh(): the storage inventory, the scan of
// everything in it, and the session's network record (page + worker). Imports store/ and
// shared/ only; the worker's request log comes through a callback.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SAMPLE_PHOTOS } from '../shared/constants';
import {
  WHERE_FILES,
  whereCache,
  whereDatabase,
  type Inventory,
  type OfflineCopyEvidence,
  type NetworkRecord,
  type ResourceEntry,
} from '../shared/inspector-types';
import {
  createScanner,
  type ScanItem,
  type ScanResult,
} from '../shared/privacy-scan';
import { formatForDisplay } from '../shared/value-inspect';
import { inventorySources, readInventory } from '../store/inventory';
import type { SwDescription } from '../shared/sw-messages';
import { NetworkRecorder } from './network-record';

export type InspectorStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface InspectorOptions {
  /** The worker's resourceLog(): null when no worker runs. */
  workerLog?: () => Promise<ResourceEntry[] | null>;
  /** URLs the app ships, besides icon and samples (the offline copy's files are added). */
  shippedUrls?: readonly string[];
  /** The service worker's own account of its offline copy; null without one. */
  offlineCopy?: () => Promise<SwDescription | null>;
}

/** Compares every cache entry in the inventory with the service worker's file list. */
export function offlineCopyEvidence(
  copy: SwDescription,
  caches: Inventory['caches'],
  base: string,
): OfflineCopyEvidence {
  const listed = shippedAssetPredicate(
    base,
    copy.files.map((f) => f.url),
  );
  const unlisted = caches.flatMap((c) =>
    c.entries.map((e) => e.url).filter((url) => !listed(url)),
  );
  return { copy, unlisted };
}

/** The app's own media files, resolved against `base`; workbox's revision query ignored. */
export function shippedAssetPredicate(
  base: string,
  extra: readonly string[] = [],
): (url: string) => boolean {
  const norm = (u: string): string | null => {
    try {
      const url = new URL(u, base);
      url.searchParams.delete('__WB_REVISION__');
      url.hash = '';
      return url.href;
    } catch {
      return null;
    }
  };
  const own = new Set(
    ['icon.svg', ...SAMPLE_PHOTOS, ...extra].map(norm).filter(Boolean),
  );
  return (url) => own.has(norm(url));
}

/** One stored record as scan items: its value, and its key when that is not a plain string. */
export function recordItems(
  where: string,
  key: unknown,
  value: unknown,
): ScanItem[] {
  if (typeof key === 'string') return [{ where, key, value }];
  // Keys are stored data too (array and binary keys can hold anything).
  const shown = formatForDisplay(key, 200);
  return [
    { where, key: shown, value },
    { where, key: `${shown} (key)`, value: key },
  ];
}

/**
 * Scan items for everything in the inventory except IndexedDB records (those are scanned as
 * they are read, all of them, not only the ones shown): cache entries, web storage, files.
 */
export function storageItems(inv: Inventory): ScanItem[] {
  const items: ScanItem[] = [];
  for (const cache of inv.caches) {
    for (const e of cache.entries) {
      items.push({ where: whereCache(cache.name), key: e.url, value: e });
    }
  }
  for (const area of inv.webStorage) {
    for (const e of area.entries) {
      items.push({ where: area.name, key: e.key, value: e.value });
    }
  }
  for (const f of inv.files) {
    items.push({ where: WHERE_FILES, key: f.path, value: f });
  }
  return items;
}

export class InspectorController implements ReactiveController {
  status: InspectorStatus = 'idle';
  error: string | null = null;
  inventory: Inventory | null = null;
  scan: ScanResult | null = null;
  network: NetworkRecord | null = null;
  offline: OfflineCopyEvidence | null = null;
  private readonly _recorder = new NetworkRecorder();
  private _run = 0;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _options: InspectorOptions = {},
  ) {
    _host.addController(this);
    // Start at construction, not on connect: the record should cover the whole session.
    this._recorder.start();
  }

  hostConnected(): void {
    this._recorder.start();
  }

  hostDisconnected(): void {
    this._recorder.stop();
    this._run++; // a refresh still running will not update a disconnected host
  }

  /** Takes the inventory, scans it and snapshots the network record. */
  async refresh(): Promise<void> {
    const run = ++this._run;
    this.status = 'loading';
    this.error = null;
    this._host.requestUpdate();
    try {
      const copy = await this._offlineCopy();
      const scanner = createScanner({
        isShippedAsset: shippedAssetPredicate(document.baseURI, [
          ...(this._options.shippedUrls ?? []),
          ...(copy?.files.map((f) => f.url) ?? []),
        ]),
      });
      const [inventory, worker] = await Promise.all([
        readInventory({
          ...inventorySources(),
          onRecord: (db, store, key, value) =>
            recordItems(whereDatabase(db, store), key, value).forEach((i) =>
              scanner.add(i),
            ),
        }),
        this._workerLog(),
      ]);
      storageItems(inventory).forEach((i) => scanner.add(i));
      const scan = scanner.result();
      if (run !== this._run) return;
      this.inventory = inventory;
      this.scan = scan;
      this.network = this._recorder.snapshot(worker, copy?.served);
      this.offline = copy
        ? offlineCopyEvidence(copy, inventory.caches, document.baseURI)
        : null;
      this.status = 'ready';
    } catch (err) {
      if (run !== this._run) return;
      this.status = 'error';
      this.error = err instanceof Error ? err.message : String(err);
    }
    this._host.requestUpdate();
  }

  private async _offlineCopy(): Promise<SwDescription | null> {
    try {
      return (await this._options.offlineCopy?.()) ?? null;
    } catch {
      return null; // no answer: the copy is simply not described
    }
  }

  /** undefined: the worker could not be asked (the record says so). */
  private async _workerLog(): Promise<ResourceEntry[] | null | undefined> {
    if (!this._options.workerLog) return null;
    try {
      return await this._options.workerLog();
    } catch {
      return undefined;
    }
  }
}
