// The encrypted profiles store (issue 18) on fake-indexeddb and node's WebCrypto: a wrong
// passphrase reads nothing, the stored bytes hold no descriptor in the clear, expired profiles
// go on open while locked, an edited expiry makes a profile unreadable, and delete-all leaves
// no database.

import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  deriveKey,
  open,
  randomBytes,
  seal,
} from '../../src/matching/profile-crypto';
import {
  ProfileStore,
  decodeProfile,
  encodeProfile,
} from '../../src/matching/profile-store';

const AUTH = {
  purpose: 'staff-tracking',
  art6: 'legitimate-interests',
  art9: 'explicit-consent',
  retentionDays: 90,
  affected: 'Front-desk staff who signed the consent form',
  authorisedBy: 'Site manager',
  at: Date.UTC(2026, 11, 6),
} as const;
const ITER = 1000; // the real store uses 600 000; the maths is the same
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 6, 12);
let n = 0;
const fresh = () => `profiles-test-${++n}`;

/** A descriptor that looks like one: 128 unit-normalised floats. */
function descriptor(seed: number): Float32Array {
  const d = new Float32Array(128).map((_, i) =>
    Math.sin(seed * 7.1 + i * 0.37),
  );
  const norm = Math.hypot(...d);
  return d.map((v) => v / norm);
}

/** Every byte the database holds, as one buffer per record (keys and values). */
async function rawBytes(name: string): Promise<Uint8Array[]> {
  const db = await openDB(name);
  const out: Uint8Array[] = [];
  const walk = (v: unknown): void => {
    if (v instanceof Uint8Array) out.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    else if (typeof v === 'string') out.push(new TextEncoder().encode(v));
  };
  for (const store of Array.from(db.objectStoreNames)) {
    for (const v of await db.getAll(store)) walk(v);
    for (const k of await db.getAllKeys(store)) walk(k);
  }
  db.close();
  return out;
}

/** True when `hay` contains `needle`'s bytes anywhere. */
function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++)
      if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Runs of 4-byte words that read as plausible descriptor floats (|v| in 1e-4..1). */
function longestFloatRun(bytes: Uint8Array): number {
  let best = 0;
  for (let offset = 0; offset < 4; offset++) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let run = 0;
    for (let i = offset; i + 4 <= bytes.length; i += 4) {
      const v = Math.abs(view.getFloat32(i, true));
      run = v > 1e-4 && v < 1 ? run + 1 : 0;
      best = Math.max(best, run);
    }
  }
  return best;
}

describe('profile crypto', () => {
  it('opens only with the same passphrase, salt and context', async () => {
    const salt = randomBytes(16);
    const key = await deriveKey('correct horse', salt, ITER);
    const plain = new TextEncoder().encode('hello');
    const sealed = await seal(key, plain, 'profile:a');
    expect(await open(key, sealed, 'profile:a')).toEqual(plain);
    expect(await open(key, sealed, 'profile:b')).toBeNull();
    const wrong = await deriveKey('correct horsf', salt, ITER);
    expect(await open(wrong, sealed, 'profile:a')).toBeNull();
    const tampered = { ...sealed, data: sealed.data.slice() };
    tampered.data[0]! ^= 1;
    expect(await open(key, tampered, 'profile:a')).toBeNull();
    // A fresh IV each time: the same text never seals to the same bytes.
    const again = await seal(key, plain, 'profile:a');
    expect(again.iv).not.toEqual(sealed.iv);
    await expect(deriveKey('', salt, ITER)).rejects.toThrow(/empty/);
  });

  it('keeps the key non-extractable', async () => {
    const key = await deriveKey('pass', randomBytes(16), ITER);
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });
});

describe('ProfileStore', () => {
  it('round-trips labels and descriptors through the binary encoding', () => {
    const ds = [descriptor(1), descriptor(2)];
    const back = decodeProfile(encodeProfile('Ana (staff) ✓', ds));
    expect(back.label).toBe('Ana (staff) ✓');
    expect(back.descriptors).toEqual(ds);
    expect(() => encodeProfile('x', [])).toThrow(RangeError);
  });

  it('enrols, locks, refuses a wrong passphrase, and unlocks to the same gallery', async () => {
    const name = fresh();
    const opts = { name, iterations: ITER, now: () => NOW };
    expect(await ProfileStore.exists(name)).toBe(false);
    const store = await ProfileStore.create('s3cret pass', AUTH, opts);
    const ds = [descriptor(3), descriptor(4), descriptor(5)];
    const id = await store.add('Front desk: Ana', NOW + 30 * DAY, ds);
    expect(await store.list()).toEqual([
      { id, label: 'Front desk: Ana', expiresAt: NOW + 30 * DAY, captures: 3 },
    ]);
    store.close();

    const opened = await ProfileStore.open(opts);
    expect(opened?.expired).toEqual([]);
    const locked = opened!.store;
    expect(locked.unlocked).toBe(false);
    // The declaration and the ids are readable while locked; nothing else is.
    expect(await locked.authorisation()).toEqual(AUTH);
    expect(await locked.ids()).toEqual([id]);
    await expect(locked.gallery()).rejects.toThrow(/locked/);
    expect(await locked.unlock('s3cret pasS')).toBe(false);
    expect(locked.unlocked).toBe(false);
    expect(await locked.unlock('s3cret pass')).toBe(true);
    const { entries, unreadable } = await locked.gallery();
    expect(unreadable).toBe(0);
    expect(entries).toEqual([
      { id, label: 'Front desk: Ana', descriptors: ds },
    ]);
    locked.lock();
    await expect(locked.list()).rejects.toThrow(/locked/);
    locked.close();
  });

  it('stores no descriptor or label in the clear', async () => {
    const name = fresh();
    const store = await ProfileStore.create('pass phrase', AUTH, {
      name,
      iterations: ITER,
      now: () => NOW,
    });
    const d = descriptor(9);
    await store.add('Visitor Bob', NOW + DAY, [d, descriptor(10)]);
    store.close();
    const raw = await rawBytes(name);
    const floats = new Uint8Array(d.buffer);
    for (const bytes of raw) {
      expect(contains(bytes, floats.subarray(0, 16))).toBe(false);
      expect(contains(bytes, new TextEncoder().encode('Visitor Bob'))).toBe(
        false,
      );
      // A descriptor in the clear is a run of 128 small floats; ciphertext reads as noise.
      expect(longestFloatRun(bytes)).toBeLessThan(12);
    }
    // The check: the encoded profile itself does show such a run.
    expect(longestFloatRun(encodeProfile('x', [d]))).toBeGreaterThanOrEqual(
      128,
    );
  });

  it('deletes expired profiles on open while locked; an edited expiry reads as nothing', async () => {
    const name = fresh();
    let now = NOW;
    const opts = { name, iterations: ITER, now: () => now };
    const store = await ProfileStore.create('pw', AUTH, opts);
    const soon = await store.add('Temp', NOW + DAY, [descriptor(1)]);
    const later = await store.add('Staff', NOW + 90 * DAY, [descriptor(2)]);
    store.close();
    // An attacker pushes "Temp"'s expiry out: the expiry is bound to the ciphertext.
    const db = await openDB(name);
    const rec = await db.get('profiles', soon);
    await db.put('profiles', { ...rec, expiresAt: NOW + 365 * DAY }, soon);
    db.close();
    now = NOW + 2 * DAY;
    const opened = await ProfileStore.open(opts);
    expect(opened!.expired).toEqual([]); // its edited expiry has not passed…
    await opened!.store.unlock('pw');
    const g = await opened!.store.gallery();
    expect(g.entries.map((e) => e.id)).toEqual([later]); // …but it reads as nothing
    expect(g.unreadable).toBe(1);
    opened!.store.close();
    now = NOW + 100 * DAY;
    const again = await ProfileStore.open(opts);
    // Only the real one expires; the tampered record stays, unreadable, until deleted.
    expect(again!.expired).toHaveLength(1);
    expect(await again!.store.count()).toBe(1);
    again!.store.close();
  });

  it('delete-all leaves no database; a second create needs the first gone', async () => {
    const name = fresh();
    const store = await ProfileStore.create('pw', AUTH, {
      name,
      iterations: ITER,
    });
    await expect(
      ProfileStore.create('pw', AUTH, { name, iterations: ITER }),
    ).rejects.toThrow(/exists already/);
    store.close();
    await ProfileStore.deleteAll(name);
    expect(await ProfileStore.exists(name)).toBe(false);
    expect(await ProfileStore.open({ name })).toBeNull();
  });

  it('refuses to turn on without a complete authorisation', async () => {
    await expect(
      ProfileStore.create('pw', { ...AUTH, affected: '' }, { name: fresh() }),
    ).rejects.toThrow(/Say who is affected/);
  });

  it('refuses an expiry in the past', async () => {
    const store = await ProfileStore.create('pw', AUTH, {
      name: fresh(),
      iterations: ITER,
      now: () => NOW,
    });
    await expect(store.add('x', NOW - 1, [descriptor(1)])).rejects.toThrow(
      /future/,
    );
    store.close();
  });
});
