// Owns the counts store for its host: opens it (or falls back to memory, saying so), purges
// by retention on start, batches visit summaries and flushes them every few seconds and when
// the page is hidden, and keeps today's totals for the live panel. Main thread only.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  StoreQuotaError,
  StoreValidationError,
  StoreVersionError,
} from '../store/errors';
import { openCountsStore, type CountsStore } from '../store/counts';
import { SCHEMA_VERSION } from '../store/db';
import { createMemoryStore } from '../store/memory-store';
import {
  emptyCounts,
  foldPeak,
  foldVisit,
  mergeCounts,
  type Bucket,
  type Counts,
  type Granularity,
} from '../shared/aggregates';
import type { SourceKind } from '../shared/kiosk-params';
import type { VisitSummary } from '../shared/types';

export type StorageStatus = 'opening' | 'indexeddb' | 'memory';

export interface StorageOptions {
  retentionDays: number;
  /** How often pending visits are written, ms. */
  flushMs?: number;
  dbName?: string;
  now?: () => number;
  onNotice(kind: 'warning' | 'error' | 'info', message: string): void;
}

interface Pending {
  visits: VisitSummary[];
  peak: number;
}

const DEFAULT_FLUSH_MS = 3000;

export class StorageController implements ReactiveController {
  status: StorageStatus = 'opening';
  /** Today's counts (local day, every source): stored plus not yet flushed. */
  today: Counts = emptyCounts();
  /** Visits written by this page so far. */
  flushedVisits = 0;
  /** Wall time of the last successful write, or null. */
  lastFlushAt: number | null = null;
  /** The IndexedDB schema version this app writes. */
  readonly schemaVersion = SCHEMA_VERSION;
  /** Bumped after each write, purge or wipe, so views know to re-read. */
  revision = 0;
  private _store: CountsStore | null = null;
  private _opened: Promise<CountsStore> | null = null;
  private _pending = new Map<SourceKind, Pending>();
  private _storedToday: Counts = emptyCounts();
  private _flushing: Promise<void> = Promise.resolve();
  private _timer: ReturnType<typeof setInterval> | undefined;
  private _quotaWarned = false;
  /** Wiped and nothing saved since: reads see an empty store and create no database. */
  private _wiped = false;
  private readonly _now: () => number;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _options: StorageOptions,
  ) {
    this._now = _options.now ?? (() => Date.now());
    _host.addController(this);
  }

  hostConnected(): void {
    void this.open();
    this._timer = setInterval(
      () => void this.flush(),
      this._options.flushMs ?? DEFAULT_FLUSH_MS,
    );
    addEventListener('pagehide', this._onPageHide);
    document.addEventListener('visibilitychange', this._onHide);
  }

  hostDisconnected(): void {
    clearInterval(this._timer);
    removeEventListener('pagehide', this._onPageHide);
    document.removeEventListener('visibilitychange', this._onHide);
    void this.flush().finally(() => this._store?.close());
  }

  get persisted(): boolean | null {
    return this._store?.persisted ?? null;
  }

  /** The store, once open (IndexedDB, or memory when that failed). */
  open(): Promise<CountsStore> {
    this._opened ??= this._open();
    return this._opened;
  }

  /** Queues ended visits of `source`; they are written at the next flush. */
  add(source: SourceKind, visits: readonly VisitSummary[]): void {
    if (visits.length === 0) return;
    const p = this._pendingOf(source);
    p.visits.push(...visits);
    for (const v of visits) this.today = foldVisit(this.today, v);
    this._host.requestUpdate();
  }

  /** Notes how many faces `source` has in view; the highest per flush is stored. */
  notePeak(source: SourceKind, inView: number): void {
    if (inView <= 0) return;
    const p = this._pendingOf(source);
    p.peak = Math.max(p.peak, inView);
    if (inView > this.today.peakInView) {
      this.today = foldPeak(this.today, inView);
    }
  }

  /** Writes everything pending. Never rejects: failures keep the counts pending and say why. */
  flush(): Promise<void> {
    this._flushing = this._flushing.then(() => this._flushNow());
    return this._flushing;
  }

  async buckets(
    granularity: Granularity,
    from: number,
    to: number,
  ): Promise<Bucket[]> {
    const store = await this._reader();
    return store.buckets(granularity, from, to);
  }

  async setRetention(days: number): Promise<number> {
    this._options.retentionDays = days;
    const store = await this._reader();
    const purged = await store.purgeOlderThan(days);
    if (purged > 0) await this._afterChange(store);
    return purged;
  }

  async exportText(format: 'json' | 'csv', threshold: number): Promise<string> {
    await this.flush();
    const store = await this._reader();
    return format === 'json'
      ? store.exportJson(threshold)
      : store.exportCsv(threshold);
  }

  /** Deletes every stored count, and the ones not yet written. */
  async wipe(): Promise<void> {
    await this._flushing;
    this._pending.clear();
    const store = await this.open();
    await store.wipe(() =>
      this._options.onNotice(
        'warning',
        'Waiting for another LocalSight tab to let go of the data…',
      ),
    );
    // Nothing is left: the database is created again only when the next visit is saved.
    this._opened = null;
    this._store = null;
    this._storedToday = emptyCounts();
    this.today = emptyCounts();
    this.lastFlushAt = null;
    this._wiped = true;
    this.revision++;
    this._host.requestUpdate();
  }

  async estimateBytes(): Promise<number> {
    return (await this._reader()).estimateBytes();
  }

  private _reader(): Promise<CountsStore> {
    return this._wiped
      ? Promise.resolve(createMemoryStore({ now: this._now }))
      : this.open();
  }

  private async _open(): Promise<CountsStore> {
    let store: CountsStore;
    try {
      store = await openCountsStore({
        name: this._options.dbName,
        now: this._now,
        onBlocked: () =>
          this._options.onNotice(
            'warning',
            'Another LocalSight tab runs an older version: close it so the counts can be opened.',
          ),
        onClosed: (reason) => {
          // Reopen at the next flush; pending counts wait meanwhile.
          this._opened = null;
          this._store = null;
          this._options.onNotice(
            'info',
            `Counts database reopened: ${reason}.`,
          );
        },
      });
      this.status = 'indexeddb';
    } catch (err) {
      const why =
        err instanceof StoreVersionError
          ? err.message
          : `IndexedDB is unavailable (${describe(err)}).`;
      this._options.onNotice(
        'warning',
        `${why} Counts are kept in memory only and are lost when this page closes: export them first.`,
      );
      store = createMemoryStore({ now: this._now });
      this.status = 'memory';
    }
    this._store = store;
    try {
      await store.purgeOlderThan(this._options.retentionDays);
    } catch (err) {
      this._options.onNotice(
        'warning',
        `Old counts could not be purged: ${describe(err)}`,
      );
    }
    await this._readToday(store);
    this._host.requestUpdate();
    return store;
  }

  private async _flushNow(): Promise<void> {
    if (this._pending.size === 0) return;
    const batch = [...this._pending];
    this._pending = new Map();
    let store: CountsStore;
    try {
      store = await this.open();
    } catch {
      this._requeue(batch);
      return;
    }
    this._wiped = false;
    const wall = this._now();
    let written = 0;
    for (const [i, [source, p]] of batch.entries()) {
      try {
        await store.addVisits(source, p.visits, p.peak || undefined, wall);
        written += p.visits.length;
      } catch (err) {
        if (err instanceof StoreValidationError) {
          // Could never be written; keeping it would block every later flush.
          this._options.onNotice(
            'error',
            `${p.visits.length} visit(s) could not be saved: ${err.message}`,
          );
          continue;
        }
        this._requeue(batch.slice(i));
        if (err instanceof StoreQuotaError) {
          if (!this._quotaWarned) {
            this._options.onNotice(
              'warning',
              `${err.message} Counting goes on in memory and is retried every few seconds.`,
            );
          }
          this._quotaWarned = true;
        } else {
          this._options.onNotice(
            'warning',
            `Counts not saved yet (${describe(err)}); retrying.`,
          );
        }
        break;
      }
    }
    if (written > 0) {
      this._quotaWarned = false;
      this.flushedVisits += written;
      this.lastFlushAt = wall;
      await this._afterChange(store);
    }
  }

  private _requeue(batch: [SourceKind, Pending][]): void {
    for (const [source, p] of batch) {
      const into = this._pendingOf(source);
      into.visits.unshift(...p.visits);
      into.peak = Math.max(into.peak, p.peak);
    }
  }

  private _pendingOf(source: SourceKind): Pending {
    let p = this._pending.get(source);
    if (!p) {
      p = { visits: [], peak: 0 };
      this._pending.set(source, p);
    }
    return p;
  }

  private async _afterChange(store: CountsStore): Promise<void> {
    await this._readToday(store);
    this.revision++;
    this._host.requestUpdate();
  }

  // Today = hour buckets since local midnight (stored days are UTC days), plus pending.
  private async _readToday(store: CountsStore): Promise<void> {
    const now = this._now();
    const midnight = new Date(now).setHours(0, 0, 0, 0);
    try {
      const hours = await store.buckets('hour', midnight, now + 1);
      this._storedToday = hours.reduce<Counts>(
        (sum, b) => mergeCounts(sum, b),
        emptyCounts(),
      );
    } catch {
      // Keep the last known figures; the next flush reads again.
    }
    let today = this._storedToday;
    for (const p of this._pending.values()) {
      for (const v of p.visits) today = foldVisit(today, v);
      today = foldPeak(today, p.peak);
    }
    this.today = today;
  }

  // A reload or tab close: the write usually completes; a killed tab loses one interval.
  private _onPageHide = (): void => void this.flush();

  private _onHide = (): void => {
    if (document.visibilityState === 'hidden') void this.flush();
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
