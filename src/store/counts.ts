// The counts store's verbs: fold visit summaries into minute/hour/day buckets, read them back
// (only records that pass validation, records.ts), purge, export and wipe. Main thread only:
// the worker never touches IndexedDB. Imports idb, src/shared and this folder only.

import { deleteDB } from 'idb';
import {
  GRANULARITIES,
  SOURCE_KINDS,
  SPAN_MS,
  StoreValidationError,
  bucketStart,
  emptyBucket,
  foldInView,
  foldSite,
  foldVisit,
  isEmptySite,
  mergeBuckets,
  validateBucket,
  type Bucket,
  type Granularity,
  type InView,
  type SiteCounts,
} from '../shared/aggregates';
import type { SourceKind } from '../shared/kiosk-params';
import type { VisitSummary } from '../shared/types';
import {
  DEFAULT_DB_NAME,
  SCHEMA_VERSION,
  abortQuietly,
  bucketKey,
  moveAside,
  openCountsDb,
  putBucket,
  putMeta,
  type CountsDb,
} from './db';
import { StoreClosedError, StoreQuotaError, toStoreError } from './errors';
import { bucketsToCsv, bucketsToJson } from './export';
import { readBucket, readBuckets, readMeta } from './records';
import type {
  CountsStore,
  CountsStoreOptions,
  RawDump,
  StoreContents,
} from './types';

export type {
  CountsStore,
  CountsStoreOptions,
  RawDump,
  StoreContents,
  UnreadableRecord,
} from './types';

export const DEFAULT_RETENTION_DAYS = 30;

/**
 * Buckets starting before this are purged: whole UTC days go, so a kept day's minutes,
 * hours and total stay consistent.
 */
export function retentionCutoff(days: number, now: number): number {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError('Retention must be a whole number of days ≥ 0.');
  }
  return bucketStart('day', now) - days * SPAN_MS.day;
}

/**
 * The buckets a batch adds to, by key: each visit counted (by startedAt), and the people in
 * view (peak and person-time) and the zones' and lines' counts noted at `wall`, in all three
 * granularities. Validated, so a
 * bad batch is refused whole.
 */
export function visitDeltas(
  source: SourceKind,
  visits: readonly VisitSummary[],
  inView: InView | undefined,
  wall: number,
  site?: SiteCounts,
): Map<string, Bucket> {
  const deltas = new Map<string, Bucket>();
  const fold = (at: number, what: string, f: (b: Bucket) => Bucket) => {
    if (!Number.isFinite(at)) {
      throw new StoreValidationError(what, 'must be a time');
    }
    for (const g of GRANULARITIES) {
      const key = bucketKey(g, source, bucketStart(g, at));
      deltas.set(key, f(deltas.get(key) ?? emptyBucket(g, source, at)));
    }
  };
  for (const v of visits) {
    if (!Number.isFinite(v.startedAt)) {
      throw new StoreValidationError('visit.startedAt', 'must be a time');
    }
    // Each visit on its own first: summed into a bucket, a negative value could hide.
    validateBucket(foldVisit(emptyBucket('minute', source, v.startedAt), v));
    fold(v.startedAt, 'visit.startedAt', (b) => foldVisit(b, v));
  }
  if (inView !== undefined) {
    fold(wall, 'wall', (b) => foldInView(b, inView));
  }
  if (site !== undefined && !isEmptySite(site)) {
    fold(wall, 'wall', (b) => foldSite(b, site));
  }
  deltas.forEach((delta) => validateBucket(delta));
  return deltas;
}

/** Buckets in key order, as IndexedDB's getAll returns them. */
export const byKey = (a: Bucket, b: Bucket): number => {
  const [ka, kb] = [a, b].map((x) =>
    bucketKey(x.granularity, x.source, x.start),
  );
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** Buckets by start, then source in SOURCE_KINDS order. */
export const byTime = (a: Bucket, b: Bucket): number =>
  a.start - b.start ||
  SOURCE_KINDS.indexOf(a.source) - SOURCE_KINDS.indexOf(b.source);

/** Several lists of buckets as one: buckets of one granularity, source and start added. */
export function combineBuckets(
  lists: readonly (readonly Bucket[])[],
  order: (a: Bucket, b: Bucket) => number,
): Bucket[] {
  const out = new Map<string, Bucket>();
  for (const b of lists.flat()) {
    const key = bucketKey(b.granularity, b.source, b.start);
    const prev = out.get(key);
    out.set(key, prev ? mergeBuckets(prev, b) : b);
  }
  return [...out.values()].sort(order);
}

/** The file a user downloads: JSON (with the unreadable records listed) or CSV, suppressed. */
export function formatExport(
  contents: StoreContents,
  format: 'json' | 'csv',
  threshold: number,
  now: number,
): string {
  if (format === 'csv') return bucketsToCsv(contents.buckets, threshold);
  return bucketsToJson(contents.buckets, {
    app: 'LocalSight',
    schemaVersion: SCHEMA_VERSION,
    exportedAt: new Date(now).toISOString(),
    suppressionThreshold: threshold,
    unreadableRecords: contents.unreadable,
  });
}

/** Validated copies of `buckets`, those of one granularity, source and start added, by key. */
export function bucketsByKey(buckets: readonly Bucket[]): Map<string, Bucket> {
  const out = new Map<string, Bucket>();
  for (const b of buckets) {
    const clean = validateBucket(b);
    const key = bucketKey(clean.granularity, clean.source, clean.start);
    const prev = out.get(key);
    out.set(key, prev ? validateBucket(mergeBuckets(prev, clean)) : clean);
  }
  return out;
}

/** `bucket` without `profileId`'s counts, or null when it had none. */
export function withoutProfile(
  bucket: Bucket,
  profileId: string,
): Bucket | null {
  if (!Object.hasOwn(bucket.profiles, profileId)) return null;
  const profiles = { ...bucket.profiles };
  delete profiles[profileId];
  return { ...bucket, profiles };
}

/** The merge of two buckets, or null when the result would fail validation (past a cap). */
function mergeWithin(a: Bucket, b: Bucket): Bucket | null {
  try {
    return validateBucket(mergeBuckets(a, b));
  } catch (err) {
    if (err instanceof StoreValidationError) return null;
    throw err;
  }
}

class IdbCountsStore implements CountsStore {
  readonly kind = 'indexeddb';
  private _database: CountsDb | null = null;
  private _closedReason = 'it is not open yet';
  private _persisted: boolean | null = null;

  private constructor(
    readonly name: string,
    private readonly _now: () => number,
    private readonly _onClosed?: (reason: string) => void,
  ) {}

  static async open(options: CountsStoreOptions): Promise<IdbCountsStore> {
    const name = options.name ?? DEFAULT_DB_NAME;
    const store = new IdbCountsStore(
      name,
      options.now ?? Date.now,
      options.onClosed,
    );
    store._database = await openCountsDb(name, {
      blocked: options.onBlocked,
      // Let another tab's upgrade or wipe proceed instead of blocking it forever.
      blocking: () =>
        store._lose('another LocalSight tab upgraded or wiped the counts'),
      terminated: () => store._lose('the browser closed the counts database'),
    });
    // Not awaited: Firefox may ask the user, and counting must not wait for the answer.
    globalThis.navigator?.storage?.persist?.().then(
      (granted) => (store._persisted = granted),
      () => undefined,
    );
    return store;
  }

  get persisted(): boolean | null {
    return this._persisted;
  }

  async addVisits(
    source: SourceKind,
    visits: readonly VisitSummary[],
    inView?: InView,
    wall: number = this._now(),
    site?: SiteCounts,
  ): Promise<number> {
    const deltas = visitDeltas(source, visits, inView, wall, site);
    return this.addBuckets([...deltas.values()], wall);
  }

  async addBuckets(
    buckets: readonly Bucket[],
    wall: number = this._now(),
  ): Promise<number> {
    const deltas = bucketsByKey(buckets);
    if (deltas.size === 0) return 0;
    // One transaction reads and adds to every touched bucket. IndexedDB runs overlapping
    // readwrite transactions one after another, across tabs too, so no count is lost or doubled.
    const tx = this._db().transaction('buckets', 'readwrite');
    const moved = await this._run(tx, () =>
      Promise.all(
        [...deltas].map(async ([key, delta]) => {
          const stored: unknown = await tx.store.get(key);
          if (stored === undefined) {
            await putBucket(tx.store, delta);
            return 0;
          }
          const current = readBucket(key, stored);
          const merged = current.ok ? mergeWithin(current.value, delta) : null;
          if (merged) {
            await putBucket(tx.store, merged);
            return 0;
          }
          // Never merged into, never dropped: the record keeps its value under another key,
          // where reads report it as unreadable, and the new counts start afresh here.
          await moveAside(tx.store, key, stored, wall);
          await putBucket(tx.store, delta);
          return 1;
        }),
      ),
    );
    return moved.reduce<number>((a, b) => a + b, 0);
  }

  async buckets(
    granularity: Granularity,
    fromMs: number,
    toMs: number,
    source?: SourceKind,
  ): Promise<Bucket[]> {
    const tx = this._db().transaction('buckets');
    const lists = await Promise.all(
      (source ? [source] : SOURCE_KINDS).map(async (s) => {
        const lower = bucketKey(granularity, s, Math.ceil(fromMs));
        const upper = bucketKey(granularity, s, Math.ceil(toMs));
        if (!(lower < upper)) return [];
        const range = IDBKeyRange.bound(lower, upper, false, true);
        const [keys, values] = await Promise.all([
          tx.store.getAllKeys(range),
          tx.store.getAll(range),
        ]);
        return readBuckets(keys, values).buckets;
      }),
    );
    return lists.flat().sort(byTime);
  }

  async readAll(): Promise<StoreContents> {
    const tx = this._db().transaction(['buckets', 'meta']);
    const [bucketKeys, bucketValues, metaKeys, metaValues] = await Promise.all([
      tx.objectStore('buckets').getAllKeys(),
      tx.objectStore('buckets').getAll(),
      tx.objectStore('meta').getAllKeys(),
      tx.objectStore('meta').getAll(),
    ]);
    const contents = readBuckets(bucketKeys, bucketValues);
    metaKeys.forEach((key, i) => {
      const r = readMeta(key, metaValues[i]);
      if (!r.ok) contents.unreadable.push(r.unreadable);
    });
    return contents;
  }

  async forgetProfile(profileId: string): Promise<number> {
    const tx = this._db().transaction('buckets', 'readwrite');
    return this._run(tx, async () => {
      let changed = 0;
      for await (const cursor of tx.store) {
        const r = readBucket(cursor.key, cursor.value);
        if (!r.ok) continue; // unreadable records are left exactly as they are
        const next = withoutProfile(r.value, profileId);
        if (!next) continue;
        await putBucket(tx.store, next);
        changed++;
      }
      return changed;
    });
  }

  async purgeOlderThan(days = DEFAULT_RETENTION_DAYS): Promise<number> {
    const now = Math.floor(this._now());
    const cutoff = retentionCutoff(days, now);
    try {
      return await this._purge(cutoff, { days, now });
    } catch (err) {
      // A full disk refuses the two meta numbers too; deleting old days is what frees it.
      if (!(err instanceof StoreQuotaError)) throw err;
      return this._purge(cutoff, null);
    }
  }

  private _purge(
    cutoff: number,
    meta: { days: number; now: number } | null,
  ): Promise<number> {
    const tx = this._db().transaction(['buckets', 'meta'], 'readwrite');
    const buckets = tx.objectStore('buckets');
    return this._run(tx, async () => {
      const old = IDBKeyRange.upperBound(cutoff, true);
      const keys = await buckets.index('by-start').getAllKeys(old);
      await Promise.all(keys.map((key) => buckets.delete(key)));
      if (meta) {
        await putMeta(tx.objectStore('meta'), 'retentionDays', meta.days);
        await putMeta(tx.objectStore('meta'), 'lastPurgeAt', meta.now);
      }
      return keys.length;
    });
  }

  async wipe(onBlocked?: () => void): Promise<void> {
    this.close();
    this._closedReason = 'its data was wiped';
    await deleteDB(this.name, { blocked: () => onBlocked?.() });
  }

  async exportJson(threshold: number): Promise<string> {
    return formatExport(await this.readAll(), 'json', threshold, this._now());
  }

  async exportCsv(threshold: number): Promise<string> {
    return formatExport(await this.readAll(), 'csv', threshold, this._now());
  }

  async rawDump(): Promise<RawDump> {
    const db = this._db();
    const names = Array.from(db.objectStoreNames);
    const tx = db.transaction(names);
    const dumps = await Promise.all(
      names.map(async (n) => {
        const store = tx.objectStore(n);
        const [keys, values] = await Promise.all([
          store.getAllKeys(),
          store.getAll(),
        ]);
        return [
          n,
          keys.map((key, i) => ({ key, value: values[i] as unknown })),
        ];
      }),
    );
    return { schemaVersion: db.version, stores: Object.fromEntries(dumps) };
  }

  async estimateBytes(): Promise<number> {
    return new TextEncoder().encode(JSON.stringify(await this.rawDump()))
      .length;
  }

  close(): void {
    this._database?.close();
    this._database = null;
    this._closedReason = 'it was closed';
  }

  private _db(): CountsDb {
    if (this._database) return this._database;
    throw new StoreClosedError(
      `The counts store "${this.name}" is closed: ${this._closedReason}.`,
    );
  }

  private _lose(reason: string): void {
    this.close();
    this._closedReason = reason;
    this._onClosed?.(reason);
  }

  // Commits all of `body` or none of it, and turns a full disk into StoreQuotaError.
  private async _run<T>(
    tx: { done: Promise<void>; error: DOMException | null; abort(): void },
    body: () => Promise<T>,
  ): Promise<T> {
    try {
      const result = await body();
      await tx.done;
      return result;
    } catch (err) {
      const txError = tx.error;
      abortQuietly(tx);
      throw toStoreError(err, txError);
    }
  }
}

/**
 * Deletes a counts database without opening it: the user's "delete everything" when the one
 * there was written by a newer LocalSight and cannot be opened by this version.
 */
export async function deleteCountsDatabase(
  name: string,
  onBlocked?: () => void,
): Promise<void> {
  await deleteDB(name, { blocked: () => onBlocked?.() });
}

export function openCountsStore(
  options: CountsStoreOptions = {},
): Promise<CountsStore> {
  return IdbCountsStore.open(options);
}
