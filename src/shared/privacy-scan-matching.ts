// The privacy scan's rule for authorised face matching's own databases (issue 18): the
// profiles store holds ciphertext, which every other store may not, so its records must have
// exactly the shapes the store writes; the audit log holds time, action and count only.
// Anything else there is reported. Pure; imports src/shared only.

import { whereDatabase } from './inspector-types';
import type { FindingKind, ScanItem } from './privacy-scan-rules';
import { AUDIT_DB_NAME, PROFILES_DB_NAME } from './reviewer-config';
import { typeName } from './value-inspect';

/** Plausible float32 values in a row that make "ciphertext" a descriptor in the clear. */
export const FLOAT_RUN = 16;
const IV_BYTES = 12;
const SALT_BYTES = 16;
const TAG_BYTES = 16;
const MAX_TEXT = 120;
const PROFILE_ID = /^[0-9a-f]{16}$/;

export const MATCHING_SCAN_RULE = `Authorised face matching: in ${PROFILES_DB_NAME}, only the keyring (salt, rounds and a sealed check value), the operator’s authorisation (purpose, legal bases, retention, who is affected, who authorised it, when) and profiles of exactly a random 16-hex-digit id, an expiry and AES-GCM ciphertext; ciphertext is accepted as binary only where it does not read as ${FLOAT_RUN} or more float32 numbers in a row (a descriptor in the clear). In ${AUDIT_DB_NAME}, only entries of time, action and count. Anything else in either database is reported.`;

type Add = (kind: FindingKind, detail: string) => void;
type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && typeName(v) === 'Object';
const hasKeys = (o: Obj, keys: readonly string[]) =>
  Object.keys(o).sort().join() === [...keys].sort().join();
const whole = (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0;
const shortText = (v: unknown) => typeof v === 'string' && v.length <= MAX_TEXT;
const bytesOf = (v: unknown, min: number, max = min): Uint8Array | null =>
  typeName(v) === 'Uint8Array' &&
  (v as Uint8Array).byteLength >= min &&
  (v as Uint8Array).byteLength <= max
    ? (v as Uint8Array)
    : null;

/** The longest run of plausible float32 values (little-endian) at any 4-byte alignment. */
export function longestFloatRun(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let best = 0;
  for (let offset = 0; offset < 4; offset++) {
    let run = 0;
    for (let i = offset; i + 4 <= bytes.byteLength; i += 4) {
      const a = Math.abs(view.getFloat32(i, true));
      // Descriptors hold numbers of about ±0.01 to ±1; random bytes rarely read so.
      run = a >= 1e-6 && a <= 16 ? run + 1 : 0;
      if (run > best) best = run;
    }
  }
  return best;
}

/** {iv, data} as profile-crypto seals it; its buffers accepted, or null. */
function sealed(v: unknown, add: Add, what: string): Uint8Array[] | null {
  if (!isObject(v) || !hasKeys(v, ['iv', 'data'])) return null;
  const iv = bytesOf(v.iv, IV_BYTES);
  const data = bytesOf(v.data, TAG_BYTES, Number.MAX_SAFE_INTEGER);
  if (!iv || !data) return null;
  const run = longestFloatRun(data);
  if (run >= FLOAT_RUN) {
    // Reported once, as what it is, rather than also as binary.
    add(
      'embedding',
      `${what} of ${data.byteLength} bytes that reads as ${run} float32 numbers in a row: a descriptor in the clear, not ciphertext`,
    );
  }
  return [iv, data];
}

/** Accepted buffers of a record of `store` in the profiles database, or null for a wrong shape. */
function profilesRecord(
  store: string,
  key: string,
  v: unknown,
  add: Add,
): Uint8Array[] | null {
  if (!isObject(v)) return null;
  if (store === 'keyring' && key === 'v1') {
    if (!hasKeys(v, ['salt', 'iterations', 'check'])) return null;
    const salt = bytesOf(v.salt, SALT_BYTES);
    const check = sealed(v.check, add, 'check value');
    return salt && whole(v.iterations) && check ? [salt, ...check] : null;
  }
  if (store === 'authorisation' && key === 'v1') {
    const text = ['purpose', 'art6', 'art9', 'affected', 'authorisedBy'];
    const ok =
      hasKeys(v, [...text, 'retentionDays', 'at']) &&
      text.every((k) => shortText(v[k])) &&
      whole(v.retentionDays) &&
      whole(v.at);
    return ok ? [] : null;
  }
  if (store === 'profiles' && PROFILE_ID.test(key)) {
    if (!hasKeys(v, ['expiresAt', 'sealed']) || !whole(v.expiresAt))
      return null;
    return sealed(v.sealed, add, 'profile ciphertext');
  }
  return null;
}

/**
 * Checks an item of authorised matching's databases. Returns the binary values accepted as
 * random bytes or ciphertext (the scan counts them without reporting them); empty for any
 * other item, and for a record of the wrong shape, which is reported as `unexpected`.
 */
export function checkMatchingRecord(item: ScanItem, add: Add): Set<object> {
  const none = new Set<object>();
  const [profiles, audit] = [PROFILES_DB_NAME, AUDIT_DB_NAME].map((db) =>
    whereDatabase(db, ''),
  );
  if (item.where.startsWith(profiles)) {
    const store = item.where.slice(profiles.length);
    const accepted = profilesRecord(store, item.key, item.value, add);
    if (accepted) return new Set(accepted);
    add(
      'unexpected',
      ['keyring', 'authorisation', 'profiles'].includes(store)
        ? `${typeName(item.value)} in ${store} that is not what the profiles store writes there`
        : `${typeName(item.value)} in a store the profiles database does not define`,
    );
    return none;
  }
  if (item.where.startsWith(audit)) {
    const store = item.where.slice(audit.length);
    const v = item.value;
    const entry =
      isObject(v) &&
      hasKeys(v, ['at', 'action', 'count']) &&
      whole(v.at) &&
      whole(v.count) &&
      typeof v.action === 'string' &&
      /^[a-z-]{1,20}$/.test(v.action);
    // recordItems also scans an auto-increment key as a value of its own.
    if (
      store === 'entries' &&
      (entry || (whole(v) && item.key.endsWith(' (key)')))
    )
      return none;
    add(
      'unexpected',
      store === 'entries'
        ? `${typeName(v)} that is not an audit entry (time, action, count)`
        : `${typeName(v)} in a store the audit log does not define`,
    );
  }
  return none;
}
