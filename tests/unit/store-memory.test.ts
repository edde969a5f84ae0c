// The in-memory fallback store behaves like the IndexedDB one where the app depends on it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Bucket } from '../../src/shared/aggregates';
import { openCountsStore } from '../../src/store/counts';
import { createMemoryStore } from '../../src/store/memory-store';
import type { CountsStore } from '../../src/store/types';
import { makeVisit } from '../support/visits';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T = Date.UTC(2026, 10, 29, 10, 15, 42);

const visit = makeVisit(T);

async function fill(store: CountsStore): Promise<void> {
  await store.addVisits(
    'camera',
    [visit(), visit({ startedAt: T + 5 * MIN })],
    // Fractional person-time: both stores round it the same way.
    { peak: 2, occupancyMs: 12_345.6 },
  );
  await store.addVisits('sample', [visit({ gender: 'male', watcher: false })]);
  await store.addVisits('camera', [visit({ startedAt: T - 40 * DAY })]);
}

const strip = (bs: Bucket[]) => bs.map((b) => ({ ...b }));

describe('memory store', () => {
  it('holds the same buckets, dump and exports as the IndexedDB store', async () => {
    const now = () => T;
    const idb = await openCountsStore({ name: 'memory-vs-idb', now });
    const mem = createMemoryStore({ now });
    await fill(idb);
    await fill(mem);
    for (const g of ['minute', 'hour', 'day'] as const) {
      expect(strip(await mem.buckets(g, 0, T + DAY))).toEqual(
        strip(await idb.buckets(g, 0, T + DAY)),
      );
    }
    expect(await mem.exportCsv(5)).toBe(await idb.exportCsv(5));
    expect(await mem.exportJson(5)).toBe(await idb.exportJson(5));
    expect((await mem.rawDump()).stores.buckets).toEqual(
      (await idb.rawDump()).stores.buckets,
    );
    expect(await mem.purgeOlderThan(30)).toBe(await idb.purgeOlderThan(30));
    expect((await mem.rawDump()).stores).toEqual((await idb.rawDump()).stores);
    expect(mem.kind).toBe('memory');
    expect(idb.kind).toBe('indexeddb');
    idb.close();
  });

  it('refuses an invalid batch whole, and wipes to empty', async () => {
    const mem = createMemoryStore({ now: () => T });
    await expect(
      mem.addVisits('camera', [visit(), visit({ dwellMs: -1 })]),
    ).rejects.toThrow(/dwellMs/);
    expect((await mem.rawDump()).stores.buckets).toEqual([]);
    await mem.addVisits('camera', [visit()]);
    await mem.wipe();
    expect((await mem.rawDump()).stores.buckets).toEqual([]);
  });
});
