// Read-only inventory of everything this origin keeps on the device: every IndexedDB database
// (opened without a version, so never created or upgraded), Cache Storage, web storage, the
// origin private file system and the storage estimate. Imports src/shared and this folder only.

import type {
  CacheInventory,
  DatabaseInventory,
  FileEntry,
  Inventory,
  InventoryError,
  StoreInventory,
  WebStorageArea,
} from '../shared/inspector-types';
import { approxBytes, utf8Length } from '../shared/value-inspect';
import { DEFAULT_DB_NAME } from './db';

export const MAX_RECORDS_SHOWN = 200;
export const MAX_CACHE_ENTRIES = 500;
export const OPEN_TIMEOUT_MS = 3000;
const MAX_FILES = 500;

export interface InventorySources {
  indexedDB?: IDBFactory;
  caches?: CacheStorage;
  localStorage?: Storage;
  sessionStorage?: Storage;
  cookie?: () => string;
  storage?: StorageManager;
  /** Records shown per object store (all are counted and measured). */
  maxRecords?: number;
  /** How long opening one database may take (another tab's upgrade can hold it), ms. */
  openTimeoutMs?: number;
  /** Called with every record of every store, shown or not (e.g. to scan them all). */
  onRecord?: (
    database: string,
    store: string,
    key: IDBValidKey,
    value: unknown,
  ) => void;
}

const message = (err: unknown): string =>
  err instanceof Error ? `${err.name}: ${err.message}` : String(err);

/** The global, or undefined where it is missing or its getter throws (blocked storage). */
function global<T>(get: () => T): T | undefined {
  try {
    return get() ?? undefined;
  } catch {
    return undefined;
  }
}

/** The browser's own storage APIs, each undefined where missing or blocked. */
export function inventorySources(): InventorySources {
  return {
    indexedDB: global(() => globalThis.indexedDB),
    caches: global(() => globalThis.caches),
    localStorage: global(() => globalThis.localStorage),
    sessionStorage: global(() => globalThis.sessionStorage),
    cookie: typeof document === 'undefined' ? undefined : () => document.cookie,
    storage: global(() => globalThis.navigator?.storage),
  };
}

export async function readInventory(
  sources: InventorySources = inventorySources(),
): Promise<Inventory> {
  const errors: InventoryError[] = [];
  const attempt = async <T>(
    where: string,
    fallback: T,
    f: () => Promise<T>,
  ) => {
    try {
      return await f();
    } catch (err) {
      errors.push({ where, message: message(err) });
      return fallback;
    }
  };
  const missing = (where: string, what: string) => {
    errors.push({ where, message: `${what} is not available here` });
  };
  const max = sources.maxRecords ?? MAX_RECORDS_SHOWN;

  const databases: DatabaseInventory[] = [];
  const idb = sources.indexedDB;
  if (!idb) missing('IndexedDB', 'indexedDB');
  else {
    const names = await attempt('IndexedDB', [DEFAULT_DB_NAME], async () => {
      if (typeof idb.databases !== 'function') {
        throw new Error(
          `indexedDB.databases() is not supported; only "${DEFAULT_DB_NAME}" was checked`,
        );
      }
      return (await idb.databases()).flatMap((d) => (d.name ? [d.name] : []));
    });
    for (const name of names) {
      const db = await attempt(`IndexedDB ${name}`, null, () =>
        readDatabase(
          idb,
          name,
          max,
          sources.onRecord,
          sources.openTimeoutMs ?? OPEN_TIMEOUT_MS,
        ),
      );
      if (db) databases.push(db);
    }
  }

  const caches = sources.caches
    ? await attempt('Cache Storage', [], () => readCaches(sources.caches!))
    : (missing('Cache Storage', 'caches'), []);

  const webStorage: WebStorageArea[] = [];
  for (const name of ['localStorage', 'sessionStorage'] as const) {
    const area = sources[name];
    if (!area) {
      missing(name, name);
      continue;
    }
    await attempt(name, null, async () => {
      const entries = [];
      for (let i = 0; i < area.length; i++) {
        const key = area.key(i);
        if (key === null) continue;
        const value = area.getItem(key) ?? '';
        entries.push({
          key,
          value,
          bytes: utf8Length(key) + utf8Length(value),
        });
      }
      webStorage.push({ name, entries });
      return null;
    });
  }
  if (sources.cookie) {
    const read = sources.cookie;
    await attempt('cookies', null, async () => {
      const entries = read()
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean)
        .map((c) => {
          const eq = c.indexOf('=');
          const key = eq < 0 ? '' : c.slice(0, eq);
          const value = eq < 0 ? c : c.slice(eq + 1);
          return { key, value, bytes: utf8Length(c) };
        });
      webStorage.push({ name: 'cookies', entries });
      return null;
    });
  }

  const storage = sources.storage;
  let estimate: Inventory['estimate'] = null;
  let persisted: boolean | null = null;
  let files: FileEntry[] = [];
  if (!storage) missing('Storage manager', 'navigator.storage');
  else {
    estimate = await attempt('navigator.storage.estimate()', null, async () => {
      const e = await storage.estimate();
      return { usage: e.usage ?? null, quota: e.quota ?? null };
    });
    persisted = await attempt('navigator.storage.persisted()', null, () =>
      storage.persisted(),
    );
    if (typeof storage.getDirectory === 'function') {
      files = await attempt('Origin private file system', [], async () =>
        listFiles(await storage.getDirectory(), ''),
      );
    }
  }

  return {
    takenAt: Date.now(),
    databases,
    caches,
    webStorage,
    files,
    estimate,
    persisted,
    errors,
  };
}

/**
 * Opens `name` at its current version; a database that does not exist is not created. Gives
 * up after `timeoutMs`: the request waits behind any upgrade in flight, and one that another
 * tab blocks may never finish. Should it open later, it is closed at once.
 */
function openExisting(
  idb: IDBFactory,
  name: string,
  timeoutMs: number,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(
        new Error(
          `did not open within ${timeoutMs / 1000} s (another tab may be upgrading it)`,
        ),
      );
    }, timeoutMs);
    const req = idb.open(name);
    // Only fires when the database does not exist (it was deleted since databases()):
    // aborting the versionchange transaction leaves nothing behind.
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => {
      clearTimeout(timer);
      if (late) req.result.close();
      else resolve(req.result);
    };
    req.onerror = () => {
      clearTimeout(timer);
      reject(req.error ?? new Error('Could not open'));
    };
    req.onblocked = () => {
      clearTimeout(timer);
      reject(new Error('Opening was blocked'));
    };
  });
}

async function readDatabase(
  idb: IDBFactory,
  name: string,
  max: number,
  onRecord: InventorySources['onRecord'],
  timeoutMs: number,
): Promise<DatabaseInventory> {
  const db = await openExisting(idb, name, timeoutMs);
  // Never stand in the way of the app's own upgrade or wipe in another tab.
  db.onversionchange = () => db.close();
  try {
    const stores: StoreInventory[] = [];
    for (const storeName of Array.from(db.objectStoreNames)) {
      stores.push(
        await readStore(db, storeName, max, (key, value) =>
          onRecord?.(name, storeName, key, value),
        ),
      );
    }
    return { name, version: db.version, stores };
  } finally {
    db.close();
  }
}

/** One cursor pass: every record counted and measured, the first `max` kept. */
function readStore(
  db: IDBDatabase,
  name: string,
  max: number,
  onRecord: (key: IDBValidKey, value: unknown) => void,
): Promise<StoreInventory> {
  const tx = db.transaction(name, 'readonly');
  const store = tx.objectStore(name);
  const out: StoreInventory = {
    name,
    keyPath: store.keyPath,
    autoIncrement: store.autoIncrement,
    indexes: Array.from(store.indexNames),
    count: 0,
    bytes: 0,
    records: [],
    truncated: false,
  };
  return new Promise((resolve, reject) => {
    const req = store.openCursor();
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return;
      const bytes = approxBytes(cursor.key) + approxBytes(cursor.value);
      out.count++;
      onRecord(cursor.key, cursor.value);
      out.bytes += bytes;
      if (out.records.length < max) {
        out.records.push({ key: cursor.key, value: cursor.value, bytes });
      } else out.truncated = true;
      cursor.continue();
    };
    req.onerror = () => reject(req.error ?? new Error('Cursor failed'));
    tx.oncomplete = () => resolve(out);
    tx.onabort = () => reject(tx.error ?? new Error('Transaction aborted'));
  });
}

async function readCaches(storage: CacheStorage): Promise<CacheInventory[]> {
  const out: CacheInventory[] = [];
  // caches.open() would create a missing cache, so only names keys() just listed are opened.
  for (const name of await storage.keys()) {
    const cache = await storage.open(name);
    const requests = await cache.keys();
    const entries = [];
    for (const req of requests.slice(0, MAX_CACHE_ENTRIES)) {
      const res = await cache.match(req);
      let bytes: number | null = null;
      try {
        bytes = res ? (await res.blob()).size : null;
      } catch {
        // Unreadable body (e.g. an opaque response in some browsers): size unknown.
      }
      entries.push({
        url: req.url,
        contentType: res?.headers.get('content-type') ?? null,
        bytes,
      });
    }
    out.push({
      name,
      entries,
      count: requests.length,
      truncated: requests.length > MAX_CACHE_ENTRIES,
    });
  }
  return out;
}

type DirHandle = FileSystemDirectoryHandle & {
  entries(): AsyncIterable<[string, FileSystemHandle]>;
};

async function listFiles(
  dir: FileSystemDirectoryHandle,
  prefix: string,
  out: FileEntry[] = [],
): Promise<FileEntry[]> {
  for await (const [name, handle] of (dir as DirHandle).entries()) {
    if (out.length >= MAX_FILES) break;
    const path = `${prefix}/${name}`;
    if (handle.kind === 'directory') {
      out.push({ path, kind: 'directory', bytes: null, type: null });
      await listFiles(handle as FileSystemDirectoryHandle, path, out);
    } else {
      const file = await (handle as FileSystemFileHandle).getFile();
      out.push({
        path,
        kind: 'file',
        bytes: file.size,
        type: file.type || null,
      });
    }
  }
  return out;
}
