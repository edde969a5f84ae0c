// The counts database: idb schema, versioned migrations, the one key builder and the one write
// path for buckets, which validates every record before `put`. Main thread only.
// Imports idb and src/shared only.

import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPObjectStore,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import {
  StoreValidationError,
  emptyBucket,
  emptySiteCounts,
  validateBucket,
  type Bucket,
  type Granularity,
} from '../shared/aggregates';
import type { SourceKind } from '../shared/kiosk-params';
import { StoreVersionError, isNamed, toStoreError } from './errors';

export const DEFAULT_DB_NAME = 'localsight-counts';
export const SCHEMA_VERSION = 5;

export type MetaKey = 'retentionDays' | 'lastPurgeAt';
const META_KEYS: readonly string[] = ['retentionDays', 'lastPurgeAt'];

/** See docs/decisions/0007-storage-schema.md for what each version added. */
export interface CountsSchema extends DBSchema {
  /**
   * v1: Buckets under out-of-line keys from bucketKey(), so a record is exactly a Bucket.
   * v2 added peakInView to every bucket, v3 occupancyMs, v4 alerts, crossings and
   * zonePeaks (issue 17), v5 profiles (issue 18).
   */
  buckets: { key: string; value: Bucket; indexes: { 'by-start': number } };
  /** v2: a few numbers about the store itself (when it was last purged, and how far back). */
  meta: { key: MetaKey; value: number };
}
export type CountsDb = IDBPDatabase<CountsSchema>;
type Names = StoreNames<CountsSchema>;
type WriteMode = 'readwrite' | 'versionchange';
type Writable<S extends Names, M extends WriteMode> = IDBPObjectStore<
  CountsSchema,
  ArrayLike<Names>,
  S,
  M
>;
type UpgradeTx = IDBPTransaction<CountsSchema, Names[], 'versionchange'>;

// Last ms whose ISO string has a four-digit year, so keys keep sorting as strings.
const LAST_MS = Date.UTC(10_000, 0, 1) - 1;

/**
 * The key of a bucket, e.g. "minute|camera|2026-11-29T10:15:00.000Z". Keys of one granularity
 * and source sort by time, so a key range is a time range. Times outside 1970..9999 clamp.
 */
export function bucketKey(
  granularity: Granularity,
  source: SourceKind,
  start: number,
): string {
  const t = Math.min(Math.max(start, 0), LAST_MS);
  return `${granularity}|${source}|${new Date(t).toISOString()}`;
}

/** The only write of a bucket: validates it, then puts it under its bucketKey(). */
export function putBucket<M extends WriteMode>(
  store: Writable<'buckets', M>,
  bucket: Bucket,
): Promise<string> {
  const clean = validateBucket(bucket);
  const key = bucketKey(clean.granularity, clean.source, clean.start);
  return store.put(clean, key);
}

/**
 * Where an unreadable bucket record is moved, unchanged, when new counts are due under its
 * key: "unreadable|<when>|<its key>", plus "|n" if that is taken. Never read as a bucket.
 */
export function asideKey(key: string, wall: number, n = 0): string {
  const at = new Date(Math.min(Math.max(wall, 0), LAST_MS)).toISOString();
  return `unreadable|${at}|${key}${n > 0 ? `|${n}` : ''}`;
}

/**
 * Moves a stored bucket record that cannot be used out of the way of new counts: the same
 * value, unchanged, under asideKey(). The one bucket write that is not validated, because it
 * writes nothing new: reads never count it, and the privacy inspector shows and scans it.
 */
export async function moveAside<M extends WriteMode>(
  store: Writable<'buckets', M>,
  key: string,
  stored: unknown,
  wall: number,
): Promise<string> {
  for (let n = 0; n < 100; n++) {
    const to = asideKey(key, wall, n);
    if ((await store.getKey(to)) !== undefined) continue;
    await store.put(stored as Bucket, to);
    return to;
  }
  throw new Error(`No free key to move the record at ${key} aside.`);
}

/** A meta record as it must be: a known key and a whole number; else StoreValidationError. */
export function validateMeta(key: unknown, value: unknown): number {
  if (typeof key !== 'string' || !META_KEYS.includes(key)) {
    throw new StoreValidationError('meta key', 'is not one LocalSight writes');
  }
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > 1e15
  ) {
    throw new StoreValidationError(`meta.${key}`, 'must be a whole number');
  }
  return value;
}

/** The only write of meta: a known key and a whole number. */
export function putMeta(
  store: Writable<'meta', 'readwrite'>,
  key: MetaKey,
  value: number,
): Promise<MetaKey> {
  return store.put(validateMeta(key, value), key);
}

/** Aborts unless already finished, and keeps idb's `done` rejection from going unhandled. */
export function abortQuietly(tx: { abort(): void; done: Promise<void> }) {
  tx.done.catch(() => undefined);
  try {
    tx.abort();
  } catch {
    // Already committed or aborted.
  }
}

/**
 * Each step takes the database one version up and stays as released: a change to the schema
 * is a new step. Steps that rewrite records return a promise; they run one after another.
 */
function migrate(
  db: CountsDb,
  oldVersion: number,
  tx: UpgradeTx,
): Promise<void> | undefined {
  const rewrites: (() => Promise<void>)[] = [];
  if (oldVersion < 1) db.createObjectStore('buckets');
  if (oldVersion < 2) {
    tx.objectStore('buckets').createIndex('by-start', 'start');
    db.createObjectStore('meta');
    // v1 did not record peakInView. 0 is right for max(): any later peak replaces it.
    if (oldVersion === 1) {
      rewrites.push(() =>
        backfill(tx.objectStore('buckets'), 2, () => ({ peakInView: 0 })),
      );
    }
  }
  if (oldVersion < 3 && oldVersion >= 1) {
    // v2 did not record occupancyMs. A visit's dwell is the person-time it was in view, so
    // a bucket's dwellMs is its visitors' person-time, credited to the bucket where each
    // visit started (docs/decisions/0007-storage-schema.md, amendment of 2026-12-02).
    rewrites.push(() =>
      backfill(tx.objectStore('buckets'), 3, (b) => ({
        occupancyMs: b.dwellMs,
      })),
    );
  }
  if (oldVersion < 4 && oldVersion >= 1) {
    // v3 had no zones, lines or alerts: none happened, so each record gets them empty.
    rewrites.push(() =>
      backfill(tx.objectStore('buckets'), 4, () => emptySiteCounts()),
    );
  }
  if (oldVersion < 5 && oldVersion >= 1) {
    // v4 had no authorised matching: no profile was seen, so each record gets none.
    rewrites.push(() =>
      backfill(tx.objectStore('buckets'), 5, () => ({ profiles: {} })),
    );
  }
  // Chained in one go: each step's requests start as the previous step's last one succeeds,
  // while the versionchange transaction is still active.
  return rewrites.reduce<Promise<void> | undefined>(
    (done, step) => (done ? done.then(step) : step()),
    undefined,
  );
}

/** The bucket fields each schema version added, by version. */
const ADDED_IN: Record<number, (keyof Bucket)[]> = {
  2: ['peakInView'],
  3: ['occupancyMs'],
  4: ['alerts', 'crossings', 'zonePeaks'],
  5: ['profiles'],
};
/** A value of each field (0 or {}): what a record of an older version is read with. */
const EMPTY = emptyBucket('minute', 'camera', 0);
const addedAfter = (version: number) =>
  Object.entries(ADDED_IN)
    .filter(([v]) => Number(v) > version)
    .flatMap(([, fields]) => fields);

/**
 * `value` read as a bucket of schema `version` stored under `key`, with the fields later
 * versions added set to 0; null unless it is exactly such a bucket under its own key.
 */
function bucketAt(
  version: number,
  key: unknown,
  value: unknown,
): Bucket | null {
  if (typeof value !== 'object' || value === null) return null;
  const later = addedAfter(version);
  if (later.some((f) => f in value)) return null;
  let bucket: Bucket;
  try {
    bucket = validateBucket({
      ...Object.fromEntries(later.map((f) => [f, EMPTY[f]])),
      ...value,
    });
  } catch {
    return null;
  }
  const { granularity, source, start } = bucket;
  return bucketKey(granularity, source, start) === key ? bucket : null;
}

/** `bucket` as a record of schema `version`: without the fields later versions added. */
function recordAt(version: number, bucket: Bucket): Bucket {
  const record: Partial<Bucket> = { ...bucket };
  for (const f of addedAfter(version)) delete record[f];
  return record as Bucket;
}

// Brings every record of schema `version - 1` to `version`, the new fields set to `fill(it)`.
// A record that is not a bucket of that version under its own key is left exactly as it is:
// reads report it as unreadable, and one bad record must not keep every other count from
// opening.
async function backfill(
  store: Writable<'buckets', 'versionchange'>,
  version: number,
  fill: (bucket: Bucket) => Partial<Bucket>,
) {
  const fields = ADDED_IN[version] ?? [];
  const [keys, values] = await Promise.all([
    store.getAllKeys(),
    store.getAll(),
  ]);
  await Promise.all(
    values.map((stored: unknown, i) => {
      const old = bucketAt(version - 1, keys[i], stored);
      if (!old) return undefined;
      const filled = fill(old);
      const next = bucketAt(version, keys[i], {
        ...recordAt(version - 1, old),
        ...Object.fromEntries(fields.map((f) => [f, filled[f]])),
      });
      // Cannot happen (the new fields are valid by construction): fail loudly if it does.
      if (!next) {
        throw new StoreValidationError(
          fields.join(', '),
          `could not be back-filled`,
        );
      }
      return version === SCHEMA_VERSION
        ? putBucket(store, next)
        : store.put(recordAt(version, next), keys[i]);
    }),
  );
}

export interface OpenHooks {
  /** Another tab has an older version open; opening waits until it closes. */
  blocked?: () => void;
  /** Another tab wants to upgrade or delete the database: close this connection. */
  blocking?: () => void;
  /** The browser closed the connection (e.g. the user cleared site data). */
  terminated?: () => void;
}

export async function openCountsDb(
  name: string,
  hooks: OpenHooks = {},
): Promise<CountsDb> {
  let migrationError: unknown;
  try {
    return await openDB<CountsSchema>(name, SCHEMA_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        // idb ignores a returned promise, so failures abort here and are reported below.
        const fail = (err: unknown) => {
          migrationError = err;
          abortQuietly(tx);
        };
        try {
          migrate(db, oldVersion, tx)?.catch(fail);
        } catch (err) {
          fail(err);
        }
      },
      blocked: () => hooks.blocked?.(),
      blocking: () => hooks.blocking?.(),
      terminated: () => hooks.terminated?.(),
    });
  } catch (err) {
    if (migrationError !== undefined) {
      throw new Error(`Could not upgrade the counts database "${name}".`, {
        cause: migrationError,
      });
    }
    if (isNamed(err, 'VersionError')) {
      const found = await storedVersion(name);
      throw new StoreVersionError(name, found, SCHEMA_VERSION);
    }
    throw toStoreError(err);
  }
}

/** Opening without a version never upgrades, so this only reads the number. */
async function storedVersion(name: string): Promise<number | null> {
  try {
    const db = await openDB(name);
    db.close();
    return db.version;
  } catch {
    return null;
  }
}
