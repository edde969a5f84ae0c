// Owns the counts for its host. Every batch of visit summaries is first counted into an
// in-memory store, then moved into IndexedDB (every few seconds and when the page is hidden).
// When the database cannot take them (unavailable, held open by another tab, disk full) they
// stay in memory, still shown and exported, a notice says so, and they move in as soon as it
// can. Opening never keeps readers waiting more than a few seconds. Main thread only.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  StoreClosedError,
  StoreQuotaError,
  StoreValidationError,
  StoreVersionError,
} from '../store/errors';
import {
  byKey,
  byTime,
  combineBuckets,
  deleteCountsDatabase,
  formatExport,
  openCountsStore,
  type CountsStore,
  type CountsStoreOptions,
} from '../store/counts';
import { SCHEMA_VERSION } from '../store/db';
import { createMemoryStore } from '../store/memory-store';
import {
  BLOCKED_MESSAGE,
  MEMORY_ONLY,
  movedAsideMessage,
  savedAgainMessage,
  slowOpenMessage,
  slowWriteMessage,
  unreadableMessage,
} from '../store/notices';
import { Opener } from '../store/opener';
import {
  MAX_IN_VIEW_STEP_MS,
  addSite,
  emptyCounts,
  emptySiteCounts,
  foldInView,
  foldSite,
  foldVisit,
  isEmptySite,
  mergeCounts,
  type Bucket,
  type Counts,
  type Granularity,
  type SiteCounts,
} from '../shared/aggregates';
import type { SourceKind } from '../shared/kiosk-params';
import type { VisitSummary } from '../shared/types';

export type StorageStatus = 'opening' | 'indexeddb' | 'memory';

export interface StorageOptions {
  retentionDays: number;
  /** How often pending visits are written, ms. */
  flushMs?: number;
  /** How long opening the database may take before counting goes on in memory, ms. */
  openTimeoutMs?: number;
  /** How soon a database that failed to open is tried again, ms. */
  retryMs?: number;
  /** How long a save may take before the user is told the counts wait in memory, ms. */
  slowWriteMs?: number;
  dbName?: string;
  now?: () => number;
  onNotice(kind: 'warning' | 'error' | 'info', message: string): void;
  /** Opens the database (tests inject a failing or hanging one). */
  openStore?: (options: CountsStoreOptions) => Promise<CountsStore>;
}

interface Pending {
  visits: VisitSummary[];
  /** Most people in view at once since the last flush. */
  peak: number;
  /** Person-time in view since the last flush, ms (fractional until stored). */
  occupancyMs: number;
  /** Alerts, line crossings and zone peaks since the last flush (issue 17). */
  site: SiteCounts;
}

const DEFAULT_FLUSH_MS = 3000;
const DEFAULT_OPEN_TIMEOUT_MS = 4000;
const DEFAULT_RETRY_MS = 30_000;
const DEFAULT_SLOW_WRITE_MS = 10_000;

export class StorageController implements ReactiveController {
  /** 'memory' while counts cannot reach the database; the user has been told why. */
  status: StorageStatus = 'opening';
  /** Today's counts (local day, every source): stored, in memory and not yet flushed. */
  today: Counts = emptyCounts();
  /** Visits written to the database by this page so far. */
  flushedVisits = 0;
  /** Wall time of the last successful write, or null. */
  lastFlushAt: number | null = null;
  /** Stored records that fail validation, as last counted: left out, never deleted. */
  unreadableRecords = 0;
  /** The IndexedDB schema version this app writes. */
  readonly schemaVersion = SCHEMA_VERSION;
  /** Bumped after each write, purge or wipe, so views know to re-read. */
  revision = 0;
  private _db: CountsStore | null = null;
  /** Counts not in the database yet. Each flush counts into it, then moves it all. */
  private _memory: CountsStore;
  private _memoryVisits = 0;
  private _pending = new Map<SourceKind, Pending>();
  private _storedToday: Counts = emptyCounts();
  private _flushing: Promise<void> = Promise.resolve();
  private _timer: ReturnType<typeof setInterval> | undefined;
  private readonly _opener: Opener;
  /** Why counts are in memory, as told to the user; null while the database takes them. */
  private _told: string | null = null;
  /** Wiped and nothing saved since: reads see what is in memory and create no database. */
  private _wiped = false;
  /** Reads and moves, one at a time (see _exclusive). */
  private _io: Promise<unknown> = Promise.resolve();
  /** The name of a database a newer LocalSight wrote, while that is why we count in memory. */
  private _newerDb: string | null = null;
  private _disconnected = false;
  private readonly _now: () => number;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _options: StorageOptions,
  ) {
    this._now = _options.now ?? (() => Date.now());
    this._memory = createMemoryStore({ now: this._now });
    const timeoutMs = _options.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS;
    this._opener = new Opener({
      open: () => this._openStore(),
      timeoutMs,
      retryMs: _options.retryMs ?? DEFAULT_RETRY_MS,
      opened: (store) => this._adopt(store),
      failed: (err) => this._failed(err),
      slow: () => this._enterMemory(slowOpenMessage(timeoutMs)),
    });
    _host.addController(this);
  }

  hostConnected(): void {
    this._disconnected = false;
    void this.open();
    this._timer = setInterval(
      () => void this.flush(),
      this._options.flushMs ?? DEFAULT_FLUSH_MS,
    );
    addEventListener('pagehide', this._onPageHide);
    document.addEventListener('visibilitychange', this._onHide);
  }

  hostDisconnected(): void {
    this._disconnected = true;
    clearInterval(this._timer);
    removeEventListener('pagehide', this._onPageHide);
    document.removeEventListener('visibilitychange', this._onHide);
    void this.flush().finally(() => {
      this._db?.close();
      this._db = null;
    });
  }

  get persisted(): boolean | null {
    if (this._db) return this._db.persisted;
    return this.status === 'memory' ? false : null;
  }

  /**
   * Opens the database unless it is open or failed moments ago. Resolves once it is open,
   * has failed, or has taken longer than the open timeout (it may still open later).
   */
  open(): Promise<void> {
    if (this._db || this._wiped) return Promise.resolve();
    return this._opener.open();
  }

  /** Queues ended visits of `source`; they are written at the next flush. */
  add(source: SourceKind, visits: readonly VisitSummary[]): void {
    if (visits.length === 0) return;
    const p = this._pendingOf(source);
    p.visits.push(...visits);
    for (const v of visits) this.today = foldVisit(this.today, v);
    this._host.requestUpdate();
  }

  /**
   * Notes that `source` had `inView` people in view for the last `dtMs` of analysed time. Each
   * flush stores the highest count and the person-time (inView × dtMs, summed) at its wall time.
   */
  noteInView(source: SourceKind, inView: number, dtMs: number): void {
    if (!(inView > 0 && inView <= Number.MAX_SAFE_INTEGER)) return;
    // A step is at most MAX_IN_VIEW_STEP_MS here too: no caller can add phantom person-time.
    const ms = Math.min(Math.max(dtMs, 0), MAX_IN_VIEW_STEP_MS) || 0;
    const p = this._pendingOf(source);
    const before = Math.round(p.occupancyMs);
    p.peak = Math.max(p.peak, inView);
    p.occupancyMs += inView * ms;
    // Today = stored + pending as it will be stored (whole ms): a shallow copy per frame.
    this.today = {
      ...this.today,
      peakInView: Math.max(this.today.peakInView, inView),
      occupancyMs: this.today.occupancyMs + Math.round(p.occupancyMs) - before,
    };
  }

  /**
   * Queues the alerts that started, the line crossings and the zone peaks of `source` (issue
   * 17); they are written at the next flush, at its wall time.
   */
  noteSite(source: SourceKind, site: SiteCounts): void {
    if (isEmptySite(site)) return;
    addSite(this._pendingOf(source).site, site);
    this.today = foldSite(this.today, site);
  }

  /** Writes everything pending. Never rejects: what cannot be written stays in memory. */
  flush(): Promise<void> {
    this._flushing = this._flushing
      .then(() => this._flushNow())
      .catch((err: unknown) =>
        this._options.onNotice(
          'warning',
          `Counts not saved yet (${describe(err)}); retrying.`,
        ),
      );
    return this._flushing;
  }

  /** Buckets of [from, to) from the database and from memory, added together. */
  buckets(
    granularity: Granularity,
    from: number,
    to: number,
  ): Promise<Bucket[]> {
    return this._read((s) => s.buckets(granularity, from, to), byTime);
  }

  async setRetention(days: number): Promise<number> {
    this._options.retentionDays = days;
    let purged = 0;
    for (const store of await this._readers()) {
      purged += await store.purgeOlderThan(days);
    }
    if (purged > 0) await this._afterChange();
    return purged;
  }

  /**
   * Deletes an enrolled profile's counts everywhere they are: pending, in memory and stored
   * (issue 18: deleting a profile deletes its visits). Resolves to the buckets changed.
   */
  async forgetProfile(profileId: string): Promise<number> {
    for (const p of this._pending.values()) delete p.site.profiles?.[profileId];
    await this.flush();
    let changed = 0;
    for (const store of await this._readers())
      changed += await this._exclusive(() => store.forgetProfile(profileId));
    if (changed > 0) await this._afterChange();
    return changed;
  }

  /** Every usable count, stored or in memory, as a file; the JSON lists unreadable records. */
  async exportText(format: 'json' | 'csv', threshold: number): Promise<string> {
    await this.flush();
    await this.open();
    const all = await this._exclusive(() =>
      Promise.all(this._stores().map((s) => s.readAll())),
    );
    const contents = {
      buckets: combineBuckets(
        all.map((c) => c.buckets),
        byKey,
      ),
      unreadable: all.flatMap((c) => c.unreadable),
    };
    return formatExport(contents, format, threshold, this._now());
  }

  /** Deletes every stored count, and the ones not yet written. */
  async wipe(): Promise<void> {
    await this._flushing;
    await this.open();
    if (!this._db && this._opener.pending) {
      throw new Error(
        'the counts database is held open by another LocalSight tab, so its counts were ' +
          'left as they are: close that tab and try again',
      );
    }
    this._pending.clear();
    await this._memory.wipe();
    this._memoryVisits = 0;
    // A database from a newer LocalSight cannot be opened, but the user asked for it gone.
    if (!this._db && this._newerDb) {
      await deleteCountsDatabase(this._newerDb, () =>
        this._options.onNotice(
          'warning',
          'Waiting for another LocalSight tab to let go of the data…',
        ),
      );
      this._newerDb = null;
      this._told = null; // nothing is refused any more: the next visit creates our own
    }
    await this._db?.wipe(() =>
      this._options.onNotice(
        'warning',
        'Waiting for another LocalSight tab to let go of the data…',
      ),
    );
    // Nothing is left: the database is created again only when the next visit is saved.
    this._db = null;
    this._storedToday = emptyCounts();
    this.today = emptyCounts();
    this.lastFlushAt = null;
    this.unreadableRecords = 0;
    this._wiped = true;
    this._setStatus();
    this.revision++;
    this._host.requestUpdate();
  }

  async estimateBytes(): Promise<number> {
    await this.open();
    return this._exclusive(async () => {
      let bytes = 0;
      for (const store of this._stores()) bytes += await store.estimateBytes();
      return bytes;
    });
  }

  private _openStore(): Promise<CountsStore> {
    let store: CountsStore | null = null;
    const opening = (this._options.openStore ?? openCountsStore)({
      name: this._options.dbName,
      now: this._now,
      onBlocked: () => this._options.onNotice('warning', BLOCKED_MESSAGE),
      onClosed: (reason) => {
        // Reopened when next needed; counts wait in memory meanwhile.
        if (store && this._db === store) this._db = null;
        this._options.onNotice('info', `Counts database reopened: ${reason}.`);
      },
    });
    return opening.then((opened) => (store = opened));
  }

  private async _adopt(store: CountsStore): Promise<void> {
    this._newerDb = null;
    if (this._disconnected) {
      store.close();
      return;
    }
    this._db = store;
    try {
      await store.purgeOlderThan(this._options.retentionDays);
    } catch (err) {
      this._options.onNotice(
        'warning',
        `Old counts could not be purged: ${describe(err)}`,
      );
    }
    void this._audit(store);
    await this._readToday();
    if (this._told !== null) {
      // Counts held in memory while it would not open: move them in now (the flush says
      // so once they are in), not at the next tick.
      const held = (await this._memory.readAll()).buckets.length > 0;
      if (held || this._pending.size > 0) void this.flush();
      else this._savedAgain(0);
    }
    this._setStatus();
    this._host.requestUpdate();
  }

  private _savedAgain(visits: number): void {
    this._told = null;
    this._options.onNotice('info', savedAgainMessage(visits));
  }

  private _failed(err: unknown): void {
    this._newerDb = err instanceof StoreVersionError ? err.dbName : null;
    const why =
      err instanceof StoreVersionError
        ? err.message
        : `IndexedDB is unavailable (${describe(err)}).`;
    // Tried again later (Opener), quietly: storage can come back (a setting, a closed tab).
    this._enterMemory(`${why} ${MEMORY_ONLY}`);
  }

  // Counts can no longer reach the database: say why, once per reason.
  private _enterMemory(message: string): void {
    if (this._told !== message) {
      this._options.onNotice('warning', message);
    }
    this._told = message;
    this._setStatus();
    this._host.requestUpdate();
  }

  private _setStatus(): void {
    if (this._told !== null) this.status = 'memory';
    else if (this._db || this._wiped) this.status = 'indexeddb';
  }

  // Counts every stored record that cannot be used, and says so when there are more.
  private async _audit(store: CountsStore): Promise<void> {
    try {
      const n = (await store.readAll()).unreadable.length;
      if (n > this.unreadableRecords) {
        this._options.onNotice('warning', unreadableMessage(n));
      }
      this.unreadableRecords = n;
    } catch {
      // Counted again the next time the database opens.
    }
  }

  private async _flushNow(): Promise<void> {
    const wall = this._now();
    const batch = [...this._pending];
    this._pending = new Map();
    for (const [source, p] of batch) {
      try {
        const inView =
          p.peak > 0 ? { peak: p.peak, occupancyMs: p.occupancyMs } : undefined;
        await this._memory.addVisits(source, p.visits, inView, wall, p.site);
        this._memoryVisits += p.visits.length;
      } catch (err) {
        if (!(err instanceof StoreValidationError)) throw err;
        // Could never be written; keeping it would block every later flush.
        this._options.onNotice(
          'error',
          `${p.visits.length} visit(s) could not be saved: ${err.message}`,
        );
      }
    }
    const staged = (await this._memory.readAll()).buckets;
    if (staged.length === 0) return;
    const moved = await this._move(staged, wall);
    // Still in memory: the views re-read what they show from there.
    if (!moved && batch.length > 0) await this._afterChange();
  }

  // Moves everything in memory into the database, all or nothing; false when it could not.
  private async _move(staged: Bucket[], wall: number): Promise<boolean> {
    this._wiped = false;
    await this.open();
    const db = this._db;
    if (!db) return false;
    let moved: number;
    try {
      // Written and taken out of memory with no read in between.
      moved = await this._exclusive(async () => {
        const n = await this._watchWrite(db.addBuckets(staged, wall));
        await this._memory.wipe();
        return n;
      });
    } catch (err) {
      if (err instanceof StoreClosedError) {
        if (this._db === db) this._db = null;
        return false;
      }
      this._enterMemory(
        err instanceof StoreQuotaError
          ? `${err.message} Counting goes on in memory and is retried every few seconds.`
          : `Counts not saved yet (${describe(err)}); retrying.`,
      );
      return false;
    }
    const visits = this._memoryVisits;
    this._memoryVisits = 0;
    this.flushedVisits += visits;
    this.lastFlushAt = wall;
    if (this._told !== null) this._savedAgain(visits);
    if (moved > 0) {
      this._options.onNotice('warning', movedAsideMessage(moved));
      await this._audit(db);
    }
    this._setStatus();
    await this._afterChange();
    return true;
  }

  /**
   * Tells the user once a save has not ended within slowWriteMs (WebKitGTK 2.50 can leave an
   * origin's IndexedDB unanswered after a navigation, issue 16); the save goes on, the counts
   * stay in memory until it ends, and its end says "saved again".
   */
  private _watchWrite<T>(write: Promise<T>): Promise<T> {
    const ms = this._options.slowWriteMs ?? DEFAULT_SLOW_WRITE_MS;
    const timer = setTimeout(() => this._enterMemory(slowWriteMessage(ms)), ms);
    return write.finally(() => clearTimeout(timer));
  }

  private _pendingOf(source: SourceKind): Pending {
    let p = this._pending.get(source);
    if (!p) {
      p = { visits: [], peak: 0, occupancyMs: 0, site: emptySiteCounts() };
      this._pending.set(source, p);
    }
    return p;
  }

  /** The stores that hold counts now: the database when it is open, and memory. */
  private async _readers(): Promise<CountsStore[]> {
    await this.open();
    return this._stores();
  }

  private _stores(): CountsStore[] {
    return this._db ? [this._db, this._memory] : [this._memory];
  }

  private async _read(
    f: (store: CountsStore) => Promise<Bucket[]>,
    order: (a: Bucket, b: Bucket) => number,
  ): Promise<Bucket[]> {
    await this.open();
    return this._exclusive(async () =>
      combineBuckets(await Promise.all(this._stores().map(f)), order),
    );
  }

  /**
   * Runs `task` alone among reads and moves. A move writes a batch to the database and then
   * empties memory: a read in between would see the batch in both and count it twice.
   * Never call open() (or anything that reads) inside `task`: opening adopts the database,
   * which reads, and would wait for itself.
   */
  private _exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this._io.then(task, task);
    this._io = run.catch(() => undefined);
    return run;
  }

  private async _afterChange(): Promise<void> {
    await this._readToday();
    this.revision++;
    this._host.requestUpdate();
  }

  // Today = hour buckets since local midnight (stored days are UTC days), plus pending.
  private async _readToday(): Promise<void> {
    const now = this._now();
    const midnight = new Date(now).setHours(0, 0, 0, 0);
    try {
      const hours = await this.buckets('hour', midnight, now + 1);
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
      today = foldInView(today, { peak: p.peak, occupancyMs: p.occupancyMs });
      today = foldSite(today, p.site);
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
