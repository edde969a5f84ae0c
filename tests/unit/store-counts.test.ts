import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  GRANULARITIES,
  SUPPRESSED,
  emptyBucket,
  foldPeak,
  foldSite,
  emptySiteCounts,
  foldVisit,
  suppressBucket,
  type Bucket,
  type Granularity,
} from '../../src/shared/aggregates';
import type { SourceKind } from '../../src/shared/kiosk-params';
import {
  openCountsStore,
  type CountsStore,
  type CountsStoreOptions,
} from '../../src/store/counts';
import { SCHEMA_VERSION, asideKey, bucketKey } from '../../src/store/db';
import { createMemoryStore } from '../../src/store/memory-store';
import {
  StoreClosedError,
  StoreQuotaError,
  StoreVersionError,
} from '../../src/store/errors';
import { makeVisit } from '../support/visits';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T = Date.UTC(2026, 10, 29, 10, 15, 42); // 2026-11-29T10:15:42Z

const visit = makeVisit(T);

let dbCount = 0;
const open: CountsStore[] = [];
async function openStore(options: CountsStoreOptions = {}) {
  const store = await openCountsStore({
    name: `test-${++dbCount}`,
    now: () => T,
    ...options,
  });
  open.push(store);
  return store;
}
afterEach(() => {
  open.splice(0).forEach((s) => s.close());
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const sum = (buckets: Bucket[], f: 'passersBy' | 'dwellMs') =>
  buckets.reduce((s, b) => s + b[f], 0);

describe('addVisits and buckets', () => {
  it('folds visits into minute, hour and day buckets', async () => {
    const store = await openStore();
    const later = T + 2 * HOUR; // another hour, same day
    const inView = { peak: 3, occupancyMs: 4_000.4 };
    await store.addVisits(
      'camera',
      [visit(), visit({ startedAt: later })],
      inView,
    );
    await store.addVisits('camera', [visit({ gender: 'male' })]);

    const minutes = await store.buckets('minute', 0, T + DAY);
    expect(minutes.map((b) => b.start)).toEqual([
      Date.UTC(2026, 10, 29, 10, 15),
      Date.UTC(2026, 10, 29, 12, 15),
    ]);
    // People in view are noted at the batch's wall time (T), in whole ms.
    expect(minutes[0]).toMatchObject({
      passersBy: 2,
      peakInView: 3,
      occupancyMs: 4_000,
    });
    expect(minutes[1]).toMatchObject({ peakInView: 0, occupancyMs: 0 });
    expect(minutes[0].genders).toEqual({ female: 1, male: 1, unknown: 0 });
    expect(await store.buckets('hour', 0, T + DAY)).toHaveLength(2);
    const [day] = await store.buckets('day', 0, T + DAY);
    expect(day).toMatchObject({ start: Date.UTC(2026, 10, 29), passersBy: 3 });
    expect(day).toMatchObject({
      dwellMs: 21_000,
      peakInView: 3,
      occupancyMs: 4_000,
    });
  });

  it('keeps sources apart and reads a half-open time range', async () => {
    const store = await openStore();
    await store.addVisits('camera', [visit()]);
    await store.addVisits('sample', [visit(), visit()]);
    const minute = Date.UTC(2026, 10, 29, 10, 15);
    const both = await store.buckets('minute', minute, minute + MIN);
    expect(both.map((b) => [b.source, b.passersBy])).toEqual([
      ['camera', 1],
      ['sample', 2],
    ]);
    expect(
      await store.buckets('minute', minute, minute + MIN, 'sample'),
    ).toHaveLength(1);
    expect(await store.buckets('minute', minute + MIN, T + DAY)).toEqual([]);
    expect(await store.buckets('minute', minute, minute)).toEqual([]);
  });

  it('totals equal the visits added, at every granularity', async () => {
    const store = await openStore();
    const visits = Array.from({ length: 200 }, (_, i) =>
      visit({ startedAt: T + i * 7 * MIN, dwellMs: 1_000 + i }),
    );
    for (let i = 0; i < visits.length; i += 25) {
      await store.addVisits('video', visits.slice(i, i + 25));
    }
    const dwell = visits.reduce((s, v) => s + v.dwellMs, 0);
    for (const g of ['minute', 'hour', 'day'] as const) {
      const buckets = await store.buckets(g, 0, T + 7 * DAY);
      expect(sum(buckets, 'passersBy')).toBe(200);
      expect(sum(buckets, 'dwellMs')).toBe(dwell);
    }
  });

  it('two tabs writing at once neither lose nor double counts', async () => {
    const a = await openStore();
    const b = await openStore({ name: a.name });
    const batch = [visit(), visit({ startedAt: T + HOUR })];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).addVisits('camera', batch, {
          peak: i,
          occupancyMs: 1_000,
        }),
      ),
    );
    const [day] = await b.buckets('day', 0, T + DAY);
    expect(day).toMatchObject({ passersBy: 40, watchers: 40, peakInView: 19 });
    expect(day.occupancyMs).toBe(20 * 1_000);
    expect(sum(await a.buckets('hour', 0, T + DAY), 'passersBy')).toBe(40);
  });

  it('writes nothing from a batch with an invalid visit', async () => {
    const store = await openStore();
    const bad = visit({ startedAt: T + HOUR, dwellMs: -5 });
    await expect(store.addVisits('camera', [visit(), bad])).rejects.toThrow(
      /dwellMs/,
    );
    await expect(
      store.addVisits('camera', [visit({ startedAt: NaN })]),
    ).rejects.toThrow(/startedAt/);
    expect(await store.buckets('day', 0, T + DAY)).toEqual([]);
  });
});

describe('retention and wipe', () => {
  it('purges whole UTC days older than the retention', async () => {
    let now = T;
    const store = await openStore({ now: () => now });
    for (let d = 0; d < 40; d++) {
      await store.addVisits('camera', [visit({ startedAt: T - d * DAY })]);
    }
    now = T + 12 * HOUR; // still 2026-11-29
    expect(await store.purgeOlderThan()).toBe(9 * 3); // days 31..39 ago, 3 buckets each
    const days = await store.buckets('day', 0, now);
    expect(days).toHaveLength(31);
    expect(days[0].start).toBe(Date.UTC(2026, 10, 29) - 30 * DAY);
    expect(await store.purgeOlderThan(0)).toBe(30 * 3);
    const meta = (await store.rawDump()).stores.meta;
    expect(meta).toEqual([
      { key: 'lastPurgeAt', value: now },
      { key: 'retentionDays', value: 0 },
    ]);
  });

  it('wipe leaves no database, and other tabs close theirs', async () => {
    const a = await openStore();
    const onClosed = vi.fn();
    const b = await openStore({ name: a.name, onClosed });
    await a.addVisits('camera', [visit()]);
    await a.wipe();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(
      a.name,
    );
    expect(onClosed).toHaveBeenCalledOnce();
    await expect(b.buckets('day', 0, T)).rejects.toBeInstanceOf(
      StoreClosedError,
    );
    await expect(a.addVisits('camera', [visit()])).rejects.toThrow(/wiped/);
  });
});

describe('export and inspection', () => {
  async function storeWithData() {
    const store = await openStore();
    await store.addVisits('camera', [visit(), visit({ gender: null })], {
      peak: 2,
      occupancyMs: 9_000,
    });
    const many = Array.from({ length: 6 }, () =>
      visit({ startedAt: T + HOUR }),
    );
    await store.addVisits(
      'sample',
      many,
      { peak: 4, occupancyMs: 30_000 },
      T + HOUR,
    );
    return store;
  }

  it('exports exactly the stored buckets, suppressed, with a header', async () => {
    const store = await storeWithData();
    const json = JSON.parse(await store.exportJson(5));
    expect(json).toMatchObject({
      app: 'LocalSight',
      schemaVersion: SCHEMA_VERSION,
      exportedAt: new Date(T).toISOString(),
      suppressionThreshold: 5,
    });
    const stored = (await store.rawDump()).stores.buckets.map(
      (r) => r.value as Bucket,
    );
    expect(stored).toHaveLength(6);
    expect(json.buckets).toEqual(stored.map((b) => suppressBucket(b, 5)));
    expect(json.buckets[0]).toMatchObject({
      passersBy: '<5',
      occupancyMs: SUPPRESSED,
    });
    expect(json.buckets.at(-1)).toMatchObject({
      source: 'sample',
      passersBy: 6,
      occupancyMs: 30_000,
    });
    expect(JSON.parse(await store.exportJson(1)).buckets).toEqual(stored);
    await expect(store.exportJson(0)).rejects.toThrow(RangeError);
  });

  it('exports CSV with one column per count', async () => {
    const store = await storeWithData();
    const [header, first, ...rest] = (await store.exportCsv(5))
      .trimEnd()
      .split('\n');
    const cols = header.split(',');
    expect(cols.slice(0, 4)).toEqual([
      'granularity',
      'source',
      'start',
      'passersBy',
    ]);
    expect(cols).toContain('age_25-34');
    expect(cols).toContain('expression_happy');
    expect(cols).toContain('dwell_0-5');
    expect(cols).toContain('dwell_60+');
    expect(cols.slice(3, 10)).toEqual([
      'passersBy',
      'watchers',
      'glances',
      'dwellMs',
      'attentionMs',
      'peakInView',
      'occupancyMs',
    ]);
    expect(rest).toHaveLength(5);
    const row = Object.fromEntries(
      first.split(',').map((v, i) => [cols[i], v]),
    );
    expect(row).toMatchObject({
      granularity: 'day',
      source: 'camera',
      start: '2026-11-29T00:00:00.000Z',
      passersBy: '<5',
      dwellMs: 'suppressed',
      occupancyMs: 'suppressed',
      peakInView: '<5',
      gender_male: '0',
    });
    const sample = rest.find((l) => l.startsWith('day,sample'))!.split(',');
    expect(sample[cols.indexOf('passersBy')]).toBe('6');
    expect(sample[cols.indexOf('occupancyMs')]).toBe('30000');
    expect(sample[cols.indexOf('age_25-34')]).toBe('6');
  });

  it('dumps every store as stored and estimates its size', async () => {
    const store = await storeWithData();
    const dump = await store.rawDump();
    expect(dump.schemaVersion).toBe(SCHEMA_VERSION);
    expect(Object.keys(dump.stores).sort()).toEqual(['buckets', 'meta']);
    const { key, value } = dump.stores.buckets[0];
    const b = value as Bucket;
    expect(key).toBe(bucketKey(b.granularity, b.source, b.start));
    expect(key).toBe('day|camera|2026-11-29T00:00:00.000Z');
    expect(await store.estimateBytes()).toBe(JSON.stringify(dump).length);
  });

  it('asks for persistent storage once and exposes the answer', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persist } });
    const store = await openStore();
    await vi.waitFor(() => expect(store.persisted).toBe(true));
    expect(persist).toHaveBeenCalledOnce();
    vi.unstubAllGlobals();
    expect((await openStore()).persisted).toBeNull();
  });
});

/** What v4 back-fills: no alert, crossing or zone peak. */
const SITE0 = { alerts: {}, crossings: {}, zonePeaks: {}, profiles: {} };

/** A record as an older schema stored it: `bucket` without the fields later versions added. */
function asVersion(version: 1 | 2 | 3 | 4, bucket: Bucket): Partial<Bucket> {
  const old: Partial<Bucket> = { ...bucket };
  delete old.profiles; // added in v5
  if (version === 4) return old;
  // added in v4
  delete old.alerts;
  delete old.crossings;
  delete old.zonePeaks;
  if (version === 3) return old;
  delete old.occupancyMs; // added in v3
  if (version === 1) delete old.peakInView; // added in v2
  return old;
}

/** Creates database `name` as schema `version` left it, holding `records` as given. */
function seedOld(
  name: string,
  version: 1 | 2 | 3 | 4,
  records: { store?: 'buckets' | 'meta'; key: string; value: unknown }[],
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => {
      const buckets = req.result.createObjectStore('buckets');
      if (version >= 2) {
        buckets.createIndex('by-start', 'start');
        req.result.createObjectStore('meta');
      }
      const tx = req.transaction!;
      for (const r of records) {
        tx.objectStore(r.store ?? 'buckets').put(r.value, r.key);
      }
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error);
  });
}

describe('schema versions', () => {
  const minute = Date.UTC(2026, 10, 29, 10, 15);
  /** Two visits (7 s and 65.432 s of dwell), peak 2. */
  const full = (g: Granularity, source: SourceKind = 'camera') =>
    foldPeak(
      foldVisit(
        foldVisit(emptyBucket(g, source, T), visit()),
        visit({ dwellMs: 65_432, gender: null, watcher: false }),
      ),
      2,
    );

  it('migrates a v1 database through v2 to v3: index, meta store, peak 0, occupancy from dwell', async () => {
    const name = `v1-${++dbCount}`;
    // v1 buckets had every field but peakInView and occupancyMs.
    const v1 = asVersion(
      1,
      foldVisit(emptyBucket('minute', 'camera', minute), visit()),
    );
    await seedOld(name, 1, [
      { key: bucketKey('minute', 'camera', minute), value: v1 },
    ]);
    const store = await openStore({ name });
    const [b] = await store.buckets('minute', minute, minute + MIN);
    expect(b).toEqual({ ...v1, peakInView: 0, occupancyMs: 7_000, ...SITE0 });
    const dump = await store.rawDump();
    expect(dump.schemaVersion).toBe(SCHEMA_VERSION);
    expect(dump.stores.meta).toEqual([]);
    // The new start index works on migrated records.
    expect(await store.purgeOlderThan(0)).toBe(0);
    await store.addVisits('camera', [], { peak: 5, occupancyMs: 500 }, minute);
    expect(
      (await store.buckets('minute', minute, minute + MIN))[0],
    ).toMatchObject({ passersBy: 1, peakInView: 5, occupancyMs: 7_500 });
  });

  it('migrates a v2 database to v3 keeping every count, occupancy back-filled from dwell', async () => {
    const name = `v2-${++dbCount}`;
    const stored = GRANULARITIES.flatMap((g) =>
      (['camera', 'video'] as const).map((source) => {
        const b = full(g, source);
        return { key: bucketKey(g, source, b.start), value: asVersion(2, b) };
      }),
    );
    await seedOld(name, 2, [
      ...stored,
      { store: 'meta', key: 'retentionDays', value: 7 },
      { store: 'meta', key: 'lastPurgeAt', value: T - DAY },
    ]);
    const store = await openStore({ name });
    const dump = await store.rawDump();
    expect(dump.schemaVersion).toBe(SCHEMA_VERSION);
    expect(dump.stores.buckets).toEqual(
      [...stored]
        .sort((a, b) => (a.key < b.key ? -1 : 1))
        .map(({ key, value }) => ({
          key,
          value: { ...value, occupancyMs: 7_000 + 65_432, ...SITE0 },
        })),
    );
    expect(dump.stores.meta).toEqual([
      { key: 'lastPurgeAt', value: T - DAY },
      { key: 'retentionDays', value: 7 },
    ]);
    expect((await store.readAll()).unreadable).toEqual([]);
    const [day] = await store.buckets('day', 0, T + DAY, 'video');
    expect(day).toMatchObject({ passersBy: 2, peakInView: 2 });
  });

  it('leaves every record that is not a v2 bucket under its own key exactly as it was', async () => {
    const name = `v2-hostile-${++dbCount}`;
    const good = asVersion(2, full('hour'));
    const hour = bucketKey('hour', 'camera', Date.UTC(2026, 10, 29, 10));
    const XSS = '<img src=x onerror=alert(1)>';
    const DAY_START = Date.UTC(2026, 10, 29);
    const bad: { key: string; value: unknown }[] = [
      // Already holds the v3 field, with a value of its own: not a v2 bucket.
      { key: bucketKey('day', 'camera', DAY_START), value: full('day') },
      // A v1 record the v2 step left alone (its start was not a minute's).
      {
        key: bucketKey('minute', 'camera', minute),
        value: { ...asVersion(1, full('minute')), start: T },
      },
      {
        key: bucketKey('minute', 'video', minute),
        value: { ...asVersion(2, full('minute', 'video')), note: XSS },
      },
      { key: 'elsewhere', value: good }, // valid, but not under its own key
      {
        key: bucketKey('day', 'video', DAY_START),
        value: { ...asVersion(2, full('day', 'video')), dwellMs: -1 },
      },
      { key: 'script', value: XSS },
      { key: 'nothing', value: null },
    ];
    await seedOld(name, 2, [{ key: hour, value: good }, ...bad]);
    const store = await openStore({ name });
    const raw = new Map(
      (await store.rawDump()).stores.buckets.map((r) => [r.key, r.value]),
    );
    expect(raw.get(hour)).toEqual({
      ...good,
      occupancyMs: good.dwellMs,
      ...SITE0,
    });
    for (const r of bad) expect(raw.get(r.key), r.key).toEqual(r.value);
    expect(raw.size).toBe(1 + bad.length);
    // The one that already had occupancyMs reads as a v3 bucket; the others do not.
    expect((await store.readAll()).unreadable).toHaveLength(bad.length - 1);
  });

  it('migrates a v3 database to v4 keeping every count, with no alerts, crossings or zone peaks', async () => {
    const name = `v3-${++dbCount}`;
    const stored = GRANULARITIES.map((g) => {
      const b = full(g);
      return { key: bucketKey(g, 'camera', b.start), value: asVersion(3, b) };
    });
    const XSS = '<img src=x onerror=alert(1)>';
    await seedOld(name, 3, [
      ...stored,
      { key: 'script', value: XSS },
      { store: 'meta', key: 'retentionDays', value: 9 },
    ]);
    const store = await openStore({ name });
    const dump = await store.rawDump();
    expect(dump.schemaVersion).toBe(SCHEMA_VERSION);
    const raw = new Map(dump.stores.buckets.map((r) => [r.key, r.value]));
    for (const { key, value } of stored) {
      expect(raw.get(key)).toEqual({ ...value, ...SITE0 });
    }
    expect(SITE0.profiles).toEqual({}); // v5's field, back-filled in the same upgrade
    expect(raw.get('script')).toBe(XSS);
    expect(dump.stores.meta).toEqual([{ key: 'retentionDays', value: 9 }]);
    // New site counts add to the migrated buckets.
    await store.addVisits('camera', [], undefined, T, {
      alerts: { 'z1.occupancy': 1 },
      crossings: { 'l1.in': 3, 'l1.out': 2 },
      zonePeaks: { z1: 4 },
    });
    const [day] = await store.buckets('day', 0, T + DAY);
    expect(day).toMatchObject({
      passersBy: 2,
      alerts: { 'z1.occupancy': 1 },
      crossings: { 'l1.in': 3, 'l1.out': 2 },
      zonePeaks: { z1: 4 },
    });
  });

  it('migrates a v4 database to v5 keeping every count and alert, with no profile seen', async () => {
    const name = `v4-${++dbCount}`;
    const withSite = (g: Granularity) =>
      foldSite(full(g), {
        alerts: { 'z1.occupancy': 2 },
        crossings: { 'l1.in': 4 },
        zonePeaks: { z1: 3 },
      });
    const stored = GRANULARITIES.map((g) => {
      const b = withSite(g);
      return { key: bucketKey(g, 'camera', b.start), value: asVersion(4, b) };
    });
    await seedOld(name, 4, stored);
    const store = await openStore({ name });
    const dump = await store.rawDump();
    expect(dump.schemaVersion).toBe(5);
    const raw = new Map(dump.stores.buckets.map((r) => [r.key, r.value]));
    for (const { key, value } of stored)
      expect(raw.get(key)).toEqual({ ...value, profiles: {} });
    await store.addVisits('camera', [], undefined, T, {
      ...emptySiteCounts(),
      profiles: { '0123456789abcdef': 1 },
    });
    const [day] = await store.buckets('day', 0, T + DAY);
    expect(day).toMatchObject({
      alerts: { 'z1.occupancy': 2 },
      profiles: { '0123456789abcdef': 1 },
    });
  });

  it('refuses a database from a newer LocalSight', async () => {
    const name = `v99-${++dbCount}`;
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 99);
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    const opening = openCountsStore({ name });
    await expect(opening).rejects.toBeInstanceOf(StoreVersionError);
    await expect(opening).rejects.toThrow(
      /newer LocalSight.*refusing to touch it/,
    );
    await expect(opening).rejects.toMatchObject({ foundVersion: 99 });
  });
});

describe('quota', () => {
  it('surfaces a full disk as StoreQuotaError and saves nothing', async () => {
    const store = await openStore();
    await store.addVisits('camera', [visit()]);
    const realPut = IDBObjectStore.prototype.put;
    let puts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      // Let the first of the three buckets through, so a partial write would show.
      if (++puts > 1)
        throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    const adding = store.addVisits('camera', [visit()]);
    await expect(adding).rejects.toBeInstanceOf(StoreQuotaError);
    await expect(adding).rejects.toThrow(/storage for this site is full/);
    vi.restoreAllMocks();
    const [day] = await store.buckets('day', 0, T + DAY);
    expect(day.passersBy).toBe(1);
    expect(sum(await store.buckets('minute', 0, T + DAY), 'passersBy')).toBe(1);
  });

  it('maps a transaction aborted for quota to StoreQuotaError', async () => {
    const store = await openStore();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
    ) {
      // What Chrome does: the transaction aborts with the quota error as its `error`.
      const tx = this.transaction;
      Object.defineProperty(tx, 'error', {
        value: new DOMException('Quota exceeded', 'QuotaExceededError'),
      });
      tx.abort();
      throw new DOMException('aborted', 'AbortError');
    });
    await expect(store.addVisits('camera', [visit()])).rejects.toBeInstanceOf(
      StoreQuotaError,
    );
  });
});

/** Writes records straight into an existing database, as another program (or an attacker) could. */
function putRaw(
  name: string,
  records: { store?: string; key: IDBValidKey; value: unknown }[],
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['buckets', 'meta'], 'readwrite');
      for (const r of records) {
        tx.objectStore(r.store ?? 'buckets').put(r.value, r.key);
      }
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  });
}

describe('unreadable records', () => {
  const XSS = '<img src=x onerror=alert(1)>';
  const minute = Date.UTC(2026, 10, 29, 10, 15);
  const day = Date.UTC(2026, 10, 29);
  const dayKey = bucketKey('day', 'camera', day);
  const corrupt = {
    ...foldVisit(emptyBucket('day', 'camera', day), visit()),
    passersBy: '1e308',
    note: XSS,
  };

  it('are left out of reads and exports, listed in the JSON, and kept as stored', async () => {
    const store = await openStore();
    await store.addVisits('sample', [visit()]);
    const elsewhere = foldVisit(emptyBucket('hour', 'sample', T), visit());
    await putRaw(store.name, [
      { key: dayKey, value: corrupt },
      { key: `evil|${XSS}`, value: elsewhere }, // a valid bucket, but not its own key
      { key: 'numbers', value: { passersBy: Infinity, start: -1 } },
      { store: 'meta', key: XSS, value: 'x' },
      { store: 'meta', key: 'retentionDays', value: 1e308 },
    ]);
    const days = await store.buckets('day', 0, T + DAY);
    expect(days.map((b) => [b.source, b.passersBy])).toEqual([['sample', 1]]);
    const { buckets, unreadable } = await store.readAll();
    expect(buckets).toHaveLength(3);
    expect(unreadable.map((u) => [u.store, u.key])).toEqual([
      ['buckets', dayKey],
      ['buckets', 'evil|?img src?x onerror?alert?1??'],
      ['buckets', 'numbers'],
      ['meta', '?img src?x onerror?alert?1??'],
      ['meta', 'retentionDays'],
    ]);
    expect(unreadable[0].problem).toBe('bucket.note is not allowed');

    const text = await store.exportJson(1);
    expect(text).not.toContain('<');
    const json = JSON.parse(text);
    expect(json.buckets).toHaveLength(3);
    expect(json.unreadableRecords).toEqual(unreadable);
    const csv = (await store.exportCsv(1)).trimEnd().split('\n');
    expect(csv).toHaveLength(1 + 3);
    expect(csv.join('\n')).not.toContain('<');

    // Nothing was changed or deleted.
    const raw = (await store.rawDump()).stores.buckets;
    expect(raw.find((r) => r.key === dayKey)?.value).toEqual(corrupt);
    expect(raw).toHaveLength(3 + 3);
  });

  it('is moved aside unchanged when new counts are due under its key', async () => {
    const store = await openStore();
    await putRaw(store.name, [{ key: dayKey, value: corrupt }]);
    await expect(store.addVisits('camera', [visit(), visit()])).resolves.toBe(
      1,
    );
    const [fresh] = await store.buckets('day', 0, T + DAY);
    expect(fresh).toMatchObject({ source: 'camera', passersBy: 2 });
    const raw = (await store.rawDump()).stores.buckets;
    const aside = raw.find((r) => r.key === asideKey(dayKey, T));
    expect(aside?.value).toEqual(corrupt);
    expect((await store.readAll()).unreadable).toEqual([
      {
        store: 'buckets',
        key: asideKey(dayKey, T),
        problem: 'bucket.note is not allowed',
      },
    ]);
    // A second unreadable record at the same key and time gets a key of its own.
    await putRaw(store.name, [{ key: dayKey, value: corrupt }]);
    await expect(store.addVisits('camera', [visit()])).resolves.toBe(1);
    const keys = (await store.rawDump()).stores.buckets.map((r) => r.key);
    expect(keys).toContain(asideKey(dayKey, T, 1));
    expect((await store.buckets('day', 0, T + DAY))[0].passersBy).toBe(1);
  });

  it('a bucket the new counts would push past a cap is moved aside too', async () => {
    const store = await openStore();
    const full: Bucket = {
      ...emptyBucket('minute', 'camera', minute),
      passersBy: 1e9,
      genders: { female: 0, male: 0, unknown: 1e9 },
      dwell: { '0-5': 1e9, '5-15': 0, '15-30': 0, '30-60': 0, '60+': 0 },
    };
    const key = bucketKey('minute', 'camera', minute);
    await putRaw(store.name, [{ key, value: full }]);
    expect((await store.buckets('minute', 0, T + DAY))[0].passersBy).toBe(1e9);
    await expect(store.addVisits('camera', [visit()])).resolves.toBe(1);
    expect((await store.buckets('minute', 0, T + DAY))[0].passersBy).toBe(1);
    const raw = (await store.rawDump()).stores.buckets;
    expect(raw.find((r) => r.key === asideKey(key, T))?.value).toEqual(full);
  });

  it('a hostile record in a v1 database is left as it was; the rest migrate', async () => {
    const name = `v1-hostile-${++dbCount}`;
    const v1: Partial<Bucket> = foldVisit(
      emptyBucket('minute', 'camera', minute),
      visit(),
    );
    delete v1.peakInView;
    delete v1.occupancyMs;
    delete v1.alerts;
    delete v1.crossings;
    delete v1.zonePeaks;
    delete v1.profiles;
    const key = bucketKey('minute', 'camera', minute);
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        const s = req.result.createObjectStore('buckets');
        s.put(v1, key);
        s.put(corrupt, dayKey);
        s.put(XSS, 'script');
      };
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    const store = await openStore({ name });
    expect(await store.buckets('minute', 0, T + DAY)).toEqual([
      { ...v1, peakInView: 0, occupancyMs: v1.dwellMs, ...SITE0 },
    ]);
    const raw = (await store.rawDump()).stores.buckets;
    expect(raw.find((r) => r.key === dayKey)?.value).toEqual(corrupt);
    expect(raw.find((r) => r.key === 'script')?.value).toBe(XSS);
    expect((await store.readAll()).unreadable).toHaveLength(2);
  });

  it('old days are purged even when the disk is too full for the meta numbers', async () => {
    const store = await openStore();
    await store.addVisits('camera', [visit({ startedAt: T - 40 * DAY })]);
    await store.addVisits('camera', [visit()]);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    await expect(store.purgeOlderThan(30)).resolves.toBe(3);
    vi.restoreAllMocks();
    expect(await store.buckets('day', 0, T + DAY)).toHaveLength(1);
  });
});

describe('forgetting an enrolled profile (issue 18)', () => {
  const A = '0123456789abcdef';
  const B = 'fedcba9876543210';
  for (const kind of ['indexeddb', 'memory'] as const) {
    it(`deletes its counts from every bucket and keeps the rest (${kind})`, async () => {
      const store =
        kind === 'indexeddb'
          ? await openStore()
          : createMemoryStore({ now: () => T });
      await store.addVisits('camera', [visit()], undefined, T, {
        ...emptySiteCounts(),
        profiles: { [A]: 2, [B]: 1 },
      });
      expect(await store.forgetProfile(A)).toBe(3); // its minute, hour and day
      expect(await store.forgetProfile(A)).toBe(0);
      for (const g of GRANULARITIES) {
        const [b] = await store.buckets(g, 0, T + DAY);
        expect(b!.profiles).toEqual({ [B]: 1 });
        expect(b!.passersBy).toBe(1); // nothing else changed
      }
    });
  }
});
