import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openCountsStore } from '../../src/store/counts';
import { SCHEMA_VERSION } from '../../src/store/db';
import { readInventory } from '../../src/store/inventory';
import { makeVisit } from '../support/visits';

const T = Date.UTC(2026, 10, 29, 10, 15, 42);
const visit = (startedAt: number) => makeVisit(startedAt)();

/** A minimal Storage over a Map. */
function fakeStorage(entries: Record<string, string>): Storage {
  const m = new Map(Object.entries(entries));
  return {
    get length() {
      return m.size;
    },
    key: (i: number) => [...m.keys()][i] ?? null,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
  };
}

const names = async () => (await indexedDB.databases()).map((d) => d.name);

describe('readInventory', () => {
  it('lists every database, store, index and record without upgrading anything', async () => {
    const store = await openCountsStore({ name: 'inv-counts', now: () => T });
    await store.addVisits('camera', [visit(T), visit(T + 3 * 60_000)], {
      peak: 2,
      occupancyMs: 10_000,
    });
    store.close();

    const seen: string[] = [];
    const inv = await readInventory({
      indexedDB,
      maxRecords: 3,
      onRecord: (db, store, key) => seen.push(`${db}/${store}/${String(key)}`),
    });
    // Every record reaches onRecord, including those past the display cap.
    expect(
      seen.filter((s) => s.startsWith('inv-counts/buckets/')),
    ).toHaveLength(4);
    const db = inv.databases.find((d) => d.name === 'inv-counts')!;
    expect(db.version).toBe(SCHEMA_VERSION);
    expect(db.stores.map((s) => s.name)).toEqual(['buckets', 'meta']);
    const buckets = db.stores[0];
    expect(buckets.indexes).toEqual(['by-start']);
    expect(buckets.keyPath).toBeNull();
    expect(buckets.count).toBe(4); // two minutes, one hour, one day
    expect(buckets.records).toHaveLength(3);
    expect(buckets.truncated).toBe(true);
    expect(buckets.records[0].key).toBe('day|camera|2026-11-29T00:00:00.000Z');
    expect(buckets.records[0].value).toMatchObject({
      passersBy: 2,
      peakInView: 2,
      occupancyMs: 10_000,
    });
    const json = JSON.stringify(buckets.records[0].value).length;
    expect(buckets.records[0].bytes).toBeGreaterThan(json * 0.9);
    expect(buckets.bytes).toBeGreaterThan(3 * json);

    // Still the same version, and the app can open it as before.
    const again = await openCountsStore({ name: 'inv-counts', now: () => T });
    expect((await again.buckets('day', 0, T + 86_400_000))[0].passersBy).toBe(
      2,
    );
    again.close();
  });

  it('never creates a database that databases() named but no longer exists', async () => {
    const ghost: IDBFactory = Object.create(indexedDB, {
      databases: {
        value: async () => [{ name: 'deleted-meanwhile', version: 1 }],
      },
    });
    ghost.open = indexedDB.open.bind(indexedDB);
    const inv = await readInventory({ indexedDB: ghost });
    expect(inv.databases).toEqual([]);
    expect(inv.errors.map((e) => e.where)).toContain(
      'IndexedDB deleted-meanwhile',
    );
    expect(await names()).not.toContain('deleted-meanwhile');
  });

  it('reads web storage and reports missing APIs as errors instead of throwing', async () => {
    const inv = await readInventory({
      localStorage: fakeStorage({ 'localsight.settings.v1': '{"age":true}' }),
    });
    expect(inv.webStorage).toEqual([
      {
        name: 'localStorage',
        entries: [
          {
            key: 'localsight.settings.v1',
            value: '{"age":true}',
            bytes: 34,
          },
        ],
      },
    ]);
    expect(inv.errors.map((e) => e.where)).toEqual([
      'IndexedDB',
      'Cache Storage',
      'sessionStorage',
      'Storage manager',
    ]);
    expect(inv.estimate).toBeNull();
    expect(inv.persisted).toBeNull();
  });

  it('tolerates APIs that throw, and lists Cache Storage entries with their sizes', async () => {
    const broken = {
      databases: () => Promise.reject(new Error('denied')),
      open: () => {
        throw new Error('denied');
      },
    } as unknown as IDBFactory;
    const body = new Blob([new Uint8Array(1234)]);
    const caches = {
      keys: async () => ['precache'],
      open: async () => ({
        keys: async () => [new Request('https://app.test/icon.svg')],
        match: async () =>
          new Response(body, { headers: { 'content-type': 'image/svg+xml' } }),
      }),
    } as unknown as CacheStorage;
    const storage = {
      estimate: async () => ({ usage: 5000, quota: 1e9 }),
      persisted: () => Promise.reject(new Error('nope')),
    } as unknown as StorageManager;
    const inv = await readInventory({ indexedDB: broken, caches, storage });
    expect(inv.caches).toEqual([
      {
        name: 'precache',
        count: 1,
        truncated: false,
        entries: [
          {
            url: 'https://app.test/icon.svg',
            contentType: 'image/svg+xml',
            bytes: 1234,
          },
        ],
      },
    ]);
    expect(inv.estimate).toEqual({ usage: 5000, quota: 1e9 });
    expect(inv.persisted).toBeNull();
    const where = inv.errors.map((e) => e.where);
    expect(where).toContain('navigator.storage.persisted()');
    // databases() rejected: the known database name was tried, and failed to open.
    expect(where).toContain('IndexedDB localsight-counts');
  });

  it('gives up on a database whose upgrade another tab blocks, instead of hanging', async () => {
    const holder = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('inv-held', 1);
      req.onsuccess = () => resolve(req.result); // and never closes on versionchange
      req.onerror = () => reject(req.error);
    });
    const upgrade = indexedDB.open('inv-held', 2); // waits for the holder
    const blocked = new Promise((resolve) => (upgrade.onblocked = resolve));
    await blocked;
    const started = Date.now();
    const inv = await readInventory({ indexedDB, openTimeoutMs: 50 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(inv.errors).toContainEqual({
      where: 'IndexedDB inv-held',
      message: expect.stringContaining('did not open within'),
    });
    holder.close();
    await new Promise((resolve) => (upgrade.onsuccess = resolve));
    upgrade.result.close();
  });
});
