// Plain data of the privacy inspector: what is stored on this device (inventory) and which
// requests this session made (network record). Types and `where` labels only; imports nothing.

/** One stored record, exactly as read back, with its approximate size. */
import type { SwDescription } from './sw-messages';

export interface InventoryRecord {
  key: unknown;
  value: unknown;
  bytes: number;
}

export interface StoreInventory {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: string[];
  /** Every record in the store. */
  count: number;
  /** Approximate size of every record (UTF-8 JSON length; byte length for binary). */
  bytes: number;
  /** The first records, at most the cap; `truncated` when there are more than shown. */
  records: InventoryRecord[];
  truncated: boolean;
}

export interface DatabaseInventory {
  name: string;
  version: number;
  stores: StoreInventory[];
}

/** Response metadata of one Cache Storage entry; the body is measured, never kept. */
export interface CacheEntry {
  url: string;
  contentType: string | null;
  /** Size of the body as stored (blob size); null when it could not be read. */
  bytes: number | null;
}

export interface CacheInventory {
  name: string;
  entries: CacheEntry[];
  count: number;
  truncated: boolean;
}

/** localStorage, sessionStorage or script-visible cookies. */
export interface WebStorageArea {
  name: 'localStorage' | 'sessionStorage' | 'cookies';
  entries: { key: string; value: string; bytes: number }[];
}

/** A file or folder of the origin private file system (name and size only). */
export interface FileEntry {
  path: string;
  kind: 'file' | 'directory';
  bytes: number | null;
  type: string | null;
}

/** An API that was missing or threw; the inventory goes on without it. */
export interface InventoryError {
  where: string;
  message: string;
}

export interface Inventory {
  takenAt: number;
  databases: DatabaseInventory[];
  caches: CacheInventory[];
  webStorage: WebStorageArea[];
  files: FileEntry[];
  /** navigator.storage.estimate(); null when unavailable. */
  estimate: { usage: number | null; quota: number | null } | null;
  /** navigator.storage.persisted(); null when unavailable. */
  persisted: boolean | null;
  errors: InventoryError[];
}

// `where` labels, shared by the inventory, the scan and the inspector.
export const WHERE_CACHE = 'Cache Storage';
export const whereDatabase = (db: string, store: string): string =>
  `IndexedDB ${db}/${store}`;
export const whereCache = (cache: string): string => `${WHERE_CACHE} ${cache}`;
export const WHERE_FILES = 'Origin private file system';

// ---- Network record ----

export type Realm = 'page' | 'worker';

/** A Resource Timing entry reduced to plain data (what the worker's resourceLog returns). */
export interface ResourceEntry {
  name: string;
  initiatorType: string;
  transferSize: number;
  startTime: number;
}

export type RequestPlace = 'same-origin' | 'local' | 'off-origin';

export interface NetworkRequest {
  url: string;
  /** The URL's origin; "local" for data:, blob: and about: URLs. */
  origin: string;
  initiatorType: string;
  realm: Realm;
  /** Bytes over the wire; 0 when served from a cache or not disclosed cross-origin. */
  bytes: number;
  place: RequestPlace;
}

export interface NetworkCounts {
  total: number;
  /** Same origin as the app, local URLs included; total = sameOrigin + offOrigin. */
  sameOrigin: number;
  /** Of sameOrigin: data:, blob: and about: URLs, which involve no request at all. */
  local: number;
  offOrigin: number;
}

export interface NetworkRecord {
  appOrigin: string;
  requests: NetworkRequest[];
  counts: NetworkCounts;
  /** Why the record may be incomplete (e.g. the worker could not be asked). */
  notes: string[];
}

/** The service worker's offline copy, and the Cache Storage entries that are not among its files. */
export interface OfflineCopyEvidence {
  copy: SwDescription;
  /** Entries of any cache whose URL (revision query ignored) the copy does not list. */
  unlisted: string[];
}
