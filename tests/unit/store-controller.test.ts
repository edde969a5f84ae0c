// The storage controller when IndexedDB fails: opening hangs (another tab holds an older
// version), throws (private modes), or the disk is full. Counts stay in memory, readable and
// exportable, a notice says so once, and they reach the database as soon as it takes them.
import 'fake-indexeddb/auto';
import type { ReactiveControllerHost } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  StorageController,
  type StorageOptions,
} from '../../src/controllers/storage-controller';
import {
  GRANULARITIES,
  MAX_IN_VIEW_STEP_MS,
  bucketStart,
  type Bucket,
} from '../../src/shared/aggregates';
import { openCountsStore, type CountsStore } from '../../src/store/counts';
import { bucketKey } from '../../src/store/db';
import {
  movedAsideMessage,
  savedAgainMessage,
  slowOpenMessage,
  slowWriteMessage,
  unreadableMessage,
} from '../../src/store/notices';
import { makeVisit } from '../support/visits';

const T = Date.UTC(2026, 10, 29, 10, 15, 42);
const DAY = 86_400_000;
const visit = makeVisit(T);

const host = {
  addController: () => undefined,
  removeController: () => undefined,
  requestUpdate: () => undefined,
  updateComplete: Promise.resolve(true),
} as ReactiveControllerHost;

let dbCount = 0;
const opened: CountsStore[] = [];
afterEach(() => {
  opened.splice(0).forEach((s) => s.close());
  vi.restoreAllMocks();
});

function setup(options: Partial<StorageOptions> = {}) {
  const notices: string[] = [];
  const name = `controller-${++dbCount}`;
  const ctrl = new StorageController(host, {
    retentionDays: 30,
    dbName: name,
    now: () => T,
    openTimeoutMs: 50,
    retryMs: 20,
    onNotice: (_kind, message) => notices.push(message),
    ...options,
  });
  const openReal = async () => {
    const store = await openCountsStore({ name, now: () => T });
    opened.push(store);
    return store;
  };
  return { ctrl, notices, name, openReal };
}

const dayTotal = async (ctrl: StorageController) =>
  (await ctrl.buckets('day', 0, T + DAY)).reduce((s, b) => s + b.passersBy, 0);

const exported = async (ctrl: StorageController) =>
  JSON.parse(await ctrl.exportText('json', 1)) as {
    buckets: Bucket[];
    unreadableRecords: unknown[];
  };

describe('StorageController', () => {
  it('counts in memory while opening hangs, and moves the counts in once it opens', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { ctrl, notices, openReal } = setup({
      openStore: async () => {
        await gate;
        return openReal();
      },
    });
    await ctrl.open(); // gives up waiting after 50 ms
    expect(ctrl.status).toBe('memory');
    expect(notices).toEqual([slowOpenMessage(50)]);

    ctrl.add('camera', [visit(), visit()]);
    await ctrl.flush();
    expect(ctrl.today.passersBy).toBe(2);
    expect(ctrl.flushedVisits).toBe(0);
    expect(await dayTotal(ctrl)).toBe(2);
    // Export and size answer at once from memory.
    expect((await exported(ctrl)).buckets).toHaveLength(3);
    expect(await ctrl.estimateBytes()).toBeGreaterThan(0);
    await expect(ctrl.wipe()).rejects.toThrow(/held open by another/);
    expect(await dayTotal(ctrl)).toBe(2);

    release();
    await vi.waitFor(() => expect(ctrl.flushedVisits).toBe(2));
    expect(ctrl.status).toBe('indexeddb');
    expect(notices).toContain(savedAgainMessage(2));
    expect(await dayTotal(ctrl)).toBe(2); // not doubled: memory is empty now
    const [db] = opened;
    expect((await db.buckets('day', 0, T + DAY))[0].passersBy).toBe(2);
  });

  it('says so when a save does not end, keeps the counts, and says when they are saved', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { ctrl, notices, openReal } = setup({
      slowWriteMs: 50,
      openStore: async () => {
        const store = await openReal();
        const addBuckets = store.addBuckets.bind(store);
        vi.spyOn(store, 'addBuckets').mockImplementation(async (...args) => {
          await gate; // the browser's storage not answering
          return addBuckets(...args);
        });
        return store;
      },
    });
    await ctrl.open();
    ctrl.add('camera', [visit(), visit()]);
    const flushing = ctrl.flush();
    await vi.waitFor(() => expect(notices).toEqual([slowWriteMessage(50)]));
    expect(ctrl.flushedVisits).toBe(0);
    expect(ctrl.today.passersBy).toBe(2);

    release();
    await flushing;
    expect(ctrl.flushedVisits).toBe(2);
    expect(notices).toEqual([slowWriteMessage(50), savedAgainMessage(2)]);
    const [db] = opened;
    expect((await db.buckets('day', 0, T + DAY))[0].passersBy).toBe(2);
  });

  it('counts in memory when IndexedDB is unavailable, and tries again later', async () => {
    let calls = 0;
    const real = setup({
      openStore: () =>
        ++calls === 1
          ? Promise.reject(new DOMException('denied', 'UnknownError'))
          : real.openReal(),
    });
    await real.ctrl.open();
    expect(real.ctrl.status).toBe('memory');
    expect(real.notices).toEqual([
      'IndexedDB is unavailable (denied). Counts are kept in memory only and are lost when ' +
        'this page closes: export them first.',
    ]);
    const revision = real.ctrl.revision;
    real.ctrl.add('sample', [visit()]);
    await real.ctrl.flush(); // within retryMs: not tried again
    expect(real.ctrl.revision).toBeGreaterThan(revision); // the history re-reads
    expect(calls).toBe(1);
    expect(await dayTotal(real.ctrl)).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    await real.ctrl.flush();
    await vi.waitFor(() => expect(real.ctrl.flushedVisits).toBe(1));
    expect(calls).toBe(2);
    expect(real.ctrl.status).toBe('indexeddb');
    expect(real.notices).toContain(savedAgainMessage(1));
  });

  it('keeps the counts in memory while the disk is full, and saves them once there is room', async () => {
    const { ctrl, notices, openReal } = setup({
      openStore: () => openReal(),
    });
    await ctrl.open();
    expect(ctrl.status).toBe('indexeddb');
    const put = vi
      .spyOn(IDBObjectStore.prototype, 'put')
      .mockImplementation(() => {
        throw new DOMException('Quota exceeded', 'QuotaExceededError');
      });
    ctrl.add('camera', [visit()]);
    await ctrl.flush();
    ctrl.add('camera', [visit()]);
    await ctrl.flush();
    expect(notices).toEqual([
      expect.stringMatching(
        /storage for this site is full.*Counting goes on in memory and is retried/,
      ),
    ]);
    expect(ctrl.status).toBe('memory');
    expect(ctrl.flushedVisits).toBe(0);
    expect(ctrl.today.passersBy).toBe(2);
    expect((await exported(ctrl)).buckets[0]).toMatchObject({
      passersBy: 2,
    });

    put.mockRestore();
    await ctrl.flush();
    expect(ctrl.flushedVisits).toBe(2);
    expect(ctrl.status).toBe('indexeddb');
    expect(notices.at(-1)).toBe(savedAgainMessage(2));
    expect(await dayTotal(ctrl)).toBe(2);
  });

  it('never counts a batch twice when a read or an export comes while it moves in', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const inDatabase = new Promise<void>((resolve) => (written = resolve));
    const { ctrl, openReal } = setup({
      openStore: async () => {
        const store = await openReal();
        const addBuckets = store.addBuckets.bind(store);
        // The batch is committed to the database, then the move stalls before memory empties.
        store.addBuckets = async (...args) => {
          const n = await addBuckets(...args);
          written();
          await gate;
          return n;
        };
        return store;
      },
    });
    await ctrl.open();
    ctrl.add('camera', [visit()]);
    const flushed = ctrl.flush();
    await inDatabase;
    // In the database and still in memory: these wait for the move rather than add both.
    const total = dayTotal(ctrl);
    const file = exported(ctrl);
    release();
    await flushed;
    expect(await total).toBe(1);
    expect((await file).buckets.filter((b) => b.granularity === 'day')).toEqual(
      [expect.objectContaining({ passersBy: 1 })],
    );
  });

  it('stores the people in view: the peak and the person-time, at the flush, in every granularity', async () => {
    const { ctrl, openReal } = setup({ openStore: () => openReal() });
    await ctrl.open();
    ctrl.noteInView('camera', 2, 500);
    ctrl.noteInView('camera', 3, 5_000); // a stall: counted as MAX_IN_VIEW_STEP_MS
    ctrl.noteInView('camera', 1, Number.NaN); // a peak, but no time
    ctrl.noteInView('camera', 0, 500); // nobody in view
    ctrl.noteInView('camera', Number.NaN, 500);
    ctrl.noteInView('video', 1, -40); // a seek back: no time
    const occupancy = 2 * 500 + 3 * MAX_IN_VIEW_STEP_MS;
    expect(ctrl.today).toMatchObject({ peakInView: 3, occupancyMs: occupancy });
    await ctrl.flush();
    const [db] = opened;
    for (const g of GRANULARITIES) {
      const bs = await db.buckets(g, 0, T + DAY);
      expect(bs.map((b) => [b.source, b.peakInView, b.occupancyMs])).toEqual([
        ['camera', 3, occupancy],
        ['video', 1, 0],
      ]);
      expect(bs[0].start).toBe(bucketStart(g, T));
    }
    expect(ctrl.today).toMatchObject({ peakInView: 3, occupancyMs: occupancy });

    // Fractional steps are summed exactly and stored in whole ms; today agrees throughout.
    for (let i = 0; i < 3; i++) ctrl.noteInView('camera', 1, 333.3);
    expect(ctrl.today.occupancyMs).toBe(occupancy + 1_000);
    await ctrl.flush();
    expect(ctrl.today.occupancyMs).toBe(occupancy + 1_000);
    const [day] = await db.buckets('day', 0, T + DAY, 'camera');
    expect(day.occupancyMs).toBe(occupancy + 1_000);
    expect(day.passersBy).toBe(0);
  });

  it('reports unreadable stored records, leaves them out, and moves one aside when in the way', async () => {
    const { ctrl, notices, name, openReal } = setup({
      openStore: () => openReal(),
    });
    const seed = await openCountsStore({ name, now: () => T });
    await seed.addVisits('camera', [visit()]);
    seed.close();
    const dayKey = bucketKey('day', 'camera', Date.UTC(2026, 10, 29));
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => {
        const tx = req.result.transaction('buckets', 'readwrite');
        tx.objectStore('buckets').put({ passersBy: '<b>9</b>' }, dayKey);
        tx.oncomplete = () => {
          req.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    });
    await ctrl.open();
    await vi.waitFor(() => expect(ctrl.unreadableRecords).toBe(1));
    expect(notices).toEqual([unreadableMessage(1)]);
    expect(await dayTotal(ctrl)).toBe(0);
    expect(ctrl.today.passersBy).toBe(1); // the hour bucket is fine
    expect((await exported(ctrl)).unreadableRecords).toHaveLength(1);

    ctrl.add('camera', [visit()]);
    await ctrl.flush();
    expect(notices).toContain(movedAsideMessage(1));
    expect(notices.filter((n) => n === unreadableMessage(1))).toHaveLength(1);
    expect(await dayTotal(ctrl)).toBe(1);
    expect(ctrl.today.passersBy).toBe(2);
  });
});
