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

/**
 * Authorised face matching (issue 18) as the privacy inspector shows it: whether it is on,
 * the operator's declaration, the encrypted profiles store's size and protection, and the
 * audit log. Never a label or a descriptor: the inspector may be shown with the store locked.
 */
export interface MatchingInspect {
  state: 'starting' | 'off' | 'locked' | 'unlocked';
  /** The declaration recorded when it was turned on; null while off. */
  declaration: MatchingDeclaration | null;
  /** Profiles stored (each encrypted) and the database's bytes as stored; 0 while off. */
  profiles: number;
  bytes: number;
  /** Whether the profiles database exists at all (it must not while off). */
  databaseExists: boolean;
  /** The protection in words, e.g. "AES-GCM, 256-bit key from the passphrase by PBKDF2-SHA-256 …". */
  encryption: string;
  /** Every audited act, oldest first: time, action and a count only. */
  audit: { at: number; action: string; count: number }[];
  /** The recognition model's files (paths under the app's base), to look for in the network record. */
  modelFiles: string[];
}

/** The operator's declaration in words (src/matching/authorisation.ts, which shared/ may not import). */
export interface MatchingDeclaration {
  /** e.g. "Authorised staff tracking". */
  purpose: string;
  /** GDPR Art. 6 basis in words. */
  basis: string;
  /** GDPR Art. 9(2) condition in words. */
  condition: string;
  retentionDays: number;
  affected: string;
  authorisedBy: string;
  /** ms since the epoch. */
  at: number;
}
