// Enrolled profiles for authorised matching (issue 18), in their own IndexedDB database,
// apart from the aggregate counts: each profile's label and face descriptors are encrypted
// (profile-crypto.ts) under a key only the operator's passphrase unlocks. What is in the clear:
// a random id and the expiry date, so expired profiles are deleted on start while the store is
// still locked; the expiry is bound to the ciphertext, so editing it makes the profile
// unreadable rather than longer-lived. No photo is ever given to this store. Main thread only.

import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { readAuthorisation, type Authorisation } from './authorisation';
import {
  PBKDF2_ITERATIONS,
  SALT_BYTES,
  deriveKey,
  open as openSealed,
  randomBytes,
  seal,
  type Bytes,
  type Sealed,
} from './profile-crypto';

export const PROFILES_DB = 'localsight-profiles';
const VERSION = 1;
const CHECK = 'localsight-profiles/v1';

interface Keyring {
  salt: Bytes;
  iterations: number;
  /** CHECK sealed under the key: a passphrase is right when it opens. */
  check: Sealed;
}

interface StoredProfile {
  /** ms since the epoch; in the clear so a locked store can delete expired profiles. */
  expiresAt: number;
  sealed: Sealed;
}

interface ProfilesSchema extends DBSchema {
  keyring: { key: 'v1'; value: Keyring };
  profiles: { key: string; value: StoredProfile };
  /** The operator's declaration when turning matching on (authorisation.ts), in the clear. */
  authorisation: { key: 'v1'; value: Authorisation };
}

/** What the operator sees of a profile: never its descriptors. */
export interface ProfileSummary {
  id: string;
  label: string;
  expiresAt: number;
  /** How many captures were enrolled. */
  captures: number;
}

/** What matching compares faces with, in memory only while the store is unlocked. */
export interface GalleryEntry {
  id: string;
  label: string;
  descriptors: Float32Array[];
}

export interface ProfileStoreOptions {
  name?: string;
  now?: () => number;
  /** PBKDF2 rounds for a new store (tests pass fewer). */
  iterations?: number;
}

const context = (id: string, expiresAt: number) => `profile:${id}:${expiresAt}`;

/** Label and descriptors as bytes: a JSON header's length, the header, then float32s. */
export function encodeProfile(
  label: string,
  descriptors: readonly Float32Array[],
): Bytes {
  const dim = descriptors[0]?.length ?? 0;
  if (
    descriptors.length === 0 ||
    descriptors.some((d) => d.length !== dim || dim === 0)
  )
    throw new RangeError(
      'Descriptors must all have the same, non-zero length.',
    );
  const header = new TextEncoder().encode(
    JSON.stringify({ label, dim, count: descriptors.length }),
  );
  const out = new Uint8Array(4 + header.length + descriptors.length * dim * 4);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  // Copied as bytes: a float32 view would need 4-byte alignment, which the header breaks.
  let at = 4 + header.length;
  for (const d of descriptors) {
    out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), at);
    at += d.byteLength;
  }
  return out;
}

export function decodeProfile(bytes: Uint8Array): {
  label: string;
  descriptors: Float32Array[];
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(4, 4 + headerLength)),
  ) as { label: string; dim: number; count: number };
  const descriptors: Float32Array[] = [];
  let at = 4 + headerLength;
  for (let i = 0; i < header.count; i++) {
    // A copy: float32 views need 4-byte alignment, which the header does not keep.
    const d = new Float32Array(header.dim);
    new Uint8Array(d.buffer).set(bytes.subarray(at, at + header.dim * 4));
    descriptors.push(d);
    at += header.dim * 4;
  }
  return { label: header.label, descriptors };
}

export class ProfileStore {
  private _key: CryptoKey | null = null;

  private constructor(
    private readonly _db: IDBPDatabase<ProfilesSchema>,
    private readonly _now: () => number,
  ) {}

  /** Whether a profiles database exists (without creating one). */
  static async exists(name = PROFILES_DB): Promise<boolean> {
    const dbs = await indexedDB.databases();
    return dbs.some((d) => d.name === name);
  }

  /**
   * Creates the store for `passphrase` with the operator's `authorisation` (matching turned
   * on); it starts unlocked.
   */
  static async create(
    passphrase: string,
    authorisation: Authorisation,
    options: ProfileStoreOptions = {},
  ): Promise<ProfileStore> {
    const declared = readAuthorisation(authorisation);
    if (!declared.ok) throw new RangeError(declared.problems.join(' '));
    const name = options.name ?? PROFILES_DB;
    if (await ProfileStore.exists(name))
      throw new Error('A profiles database exists already: delete it first.');
    // The key first: if WebCrypto is missing (a plain-http address) nothing is created.
    const salt = randomBytes(SALT_BYTES);
    const iterations = options.iterations ?? PBKDF2_ITERATIONS;
    const key = await deriveKey(passphrase, salt, iterations);
    const check = await seal(key, new TextEncoder().encode(CHECK), 'check');
    const db = await ProfileStore._openDb(name);
    try {
      const tx = db.transaction(['keyring', 'authorisation'], 'readwrite');
      await Promise.all([
        tx.objectStore('keyring').put({ salt, iterations, check }, 'v1'),
        tx.objectStore('authorisation').put(declared.value, 'v1'),
        tx.done,
      ]);
    } catch (err) {
      // A full disk, say: no half-made store is left behind (it would read as "on, locked").
      db.close();
      await deleteDB(name);
      throw err;
    }
    const store = new ProfileStore(db, options.now ?? Date.now);
    store._key = key;
    return store;
  }

  /**
   * Opens an existing store, locked, and deletes its expired profiles; null when there is
   * none (matching was never turned on, or was turned off).
   */
  static async open(
    options: ProfileStoreOptions = {},
  ): Promise<{ store: ProfileStore; expired: string[] } | null> {
    const name = options.name ?? PROFILES_DB;
    if (!(await ProfileStore.exists(name))) return null;
    const db = await ProfileStore._openDb(name);
    const store = new ProfileStore(db, options.now ?? Date.now);
    const expired = await store.purgeExpired();
    return { store, expired };
  }

  /**
   * Closes and deletes the whole database: every profile and the keyring. `onBlocked`: another
   * tab holds it open (the delete waits until it closes).
   */
  static async deleteAll(
    name = PROFILES_DB,
    onBlocked: () => void = () => {},
  ): Promise<void> {
    await deleteDB(name, { blocked: onBlocked });
  }

  private static _openDb(name: string) {
    return openDB<ProfilesSchema>(name, VERSION, {
      upgrade(db) {
        db.createObjectStore('keyring');
        db.createObjectStore('profiles');
        db.createObjectStore('authorisation');
      },
    });
  }

  /** What the operator declared when turning matching on; readable while locked. */
  async authorisation(): Promise<Authorisation | null> {
    const r = readAuthorisation(await this._db.get('authorisation', 'v1'));
    return r.ok ? r.value : null;
  }

  /** The profiles' ids (random; readable while locked, e.g. to delete their counts). */
  async ids(): Promise<string[]> {
    return this._db.getAllKeys('profiles');
  }

  get unlocked(): boolean {
    return this._key !== null;
  }

  /** Unlocks with `passphrase`; false (and still locked) when it is not the right one. */
  async unlock(passphrase: string): Promise<boolean> {
    const ring = await this._db.get('keyring', 'v1');
    if (!ring || passphrase.length === 0) return false;
    const key = await deriveKey(passphrase, ring.salt, ring.iterations);
    const check = await openSealed(key, ring.check, 'check');
    if (!check || new TextDecoder().decode(check) !== CHECK) return false;
    this._key = key;
    return true;
  }

  /** Forgets the key: nothing can be read until the passphrase is given again. */
  lock(): void {
    this._key = null;
  }

  close(): void {
    this._key = null;
    this._db.close();
  }

  /** Enrols one person: their label, expiry and descriptors, encrypted. Returns its id. */
  async add(
    label: string,
    expiresAt: number,
    descriptors: readonly Float32Array[],
  ): Promise<string> {
    const key = this._need();
    if (!(expiresAt > this._now()))
      throw new RangeError('The expiry must be in the future.');
    const id = [...randomBytes(8)]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    const sealed = await seal(
      key,
      encodeProfile(label, descriptors),
      context(id, expiresAt),
    );
    await this._db.put('profiles', { expiresAt, sealed }, id);
    return id;
  }

  /** Every readable profile, decrypted in memory; `unreadable` counts the rest. */
  async gallery(): Promise<{ entries: GalleryEntry[]; unreadable: number }> {
    const key = this._need();
    const tx = this._db.transaction('profiles');
    const [ids, records] = await Promise.all([
      tx.store.getAllKeys(),
      tx.store.getAll(),
    ]);
    const entries: GalleryEntry[] = [];
    let unreadable = 0;
    const now = this._now();
    for (const [i, r] of records.entries()) {
      const id = ids[i]!;
      if (r.expiresAt <= now) continue; // expired since the start: never matched again
      const plain = await openSealed(key, r.sealed, context(id, r.expiresAt));
      if (!plain) {
        unreadable++;
        continue;
      }
      entries.push({ id, ...decodeProfile(plain) });
      plain.fill(0); // the decoded copies are all that remain, in the caller's hands
    }
    return { entries, unreadable };
  }

  /** What the operator's list shows: labels, expiries and capture counts. */
  async list(): Promise<ProfileSummary[]> {
    const { entries } = await this.gallery();
    const out: ProfileSummary[] = [];
    for (const e of entries) {
      const r = await this._db.get('profiles', e.id);
      out.push({
        id: e.id,
        label: e.label,
        expiresAt: r?.expiresAt ?? 0,
        captures: e.descriptors.length,
      });
    }
    return out;
  }

  async remove(id: string): Promise<void> {
    await this._db.delete('profiles', id);
  }

  /** Deletes every profile whose expiry has passed; works while locked. Resolves to their ids. */
  async purgeExpired(): Promise<string[]> {
    const now = this._now();
    const tx = this._db.transaction('profiles', 'readwrite');
    const ids: string[] = [];
    for await (const cursor of tx.store) {
      if (cursor.value.expiresAt <= now) {
        ids.push(cursor.key);
        await cursor.delete();
      }
    }
    await tx.done;
    return ids;
  }

  async count(): Promise<number> {
    return this._db.count('profiles');
  }

  /**
   * How many profiles are stored and the bytes of every record as stored (ciphertext, IVs,
   * salt, expiry dates, the declaration): readable while locked, for the privacy inspector.
   */
  async size(): Promise<{ profiles: number; bytes: number }> {
    const sealedBytes = (s: Sealed) => s.iv.byteLength + s.data.byteLength;
    let bytes = 0;
    const profiles = await this._db.getAll('profiles');
    for (const p of profiles) bytes += 8 + sealedBytes(p.sealed) + 16; // expiry + id
    const ring = await this._db.get('keyring', 'v1');
    if (ring) bytes += ring.salt.byteLength + 8 + sealedBytes(ring.check);
    const declared = await this._db.get('authorisation', 'v1');
    if (declared)
      bytes += new TextEncoder().encode(JSON.stringify(declared)).length;
    return { profiles: profiles.length, bytes };
  }

  private _need(): CryptoKey {
    if (!this._key) throw new Error('The profiles are locked.');
    return this._key;
  }
}
