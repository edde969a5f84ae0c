// Reading stored records without trusting them: a bucket record counts only when it is a
// valid bucket under its own key, a meta record only when its key is known and its value a
// whole number. Anything else is described in safe words, never by its value, and left where
// it is. Pure. Imports src/shared and this folder only.

import {
  StoreValidationError,
  validateBucket,
  type Bucket,
} from '../shared/aggregates';
import { typeName } from '../shared/value-inspect';
import { bucketKey, validateMeta } from './db';

/** A stored record that could not be read: where it is and what is wrong, never its value. */
export interface UnreadableRecord {
  store: string;
  /** The record's key made safe to show: letters, digits and . : | + - _ kept, the rest "?". */
  key: string;
  /** E.g. "passersBy must be a number, not string". */
  problem: string;
}

export type ReadResult<T> =
  { ok: true; value: T } | { ok: false; unreadable: UnreadableRecord };

const MAX_TEXT = 80;

/**
 * Text from stored data, made inert for any context it may end up in (a notice, a file, a
 * spreadsheet): only [A-Za-z0-9_ .:|+-] kept, at most `max` characters.
 */
export function safeText(s: string, max = MAX_TEXT): string {
  const clean = s.replace(/[^\w .:|+-]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** A key as safe text: strings cleaned, finite numbers as digits, anything else by type. */
export function describeKey(key: unknown): string {
  if (typeof key === 'string') return safeText(key);
  if (typeof key === 'number' && Number.isFinite(key)) return String(key);
  return `(${typeName(key)} key)`;
}

function problemOf(err: unknown): string {
  return err instanceof StoreValidationError
    ? `${safeText(err.field, 60)} ${err.problem}`
    : 'could not be checked';
}

/** A bucket record, or why it cannot be used. Returns a fresh copy, never the stored object. */
export function readBucket(key: unknown, value: unknown): ReadResult<Bucket> {
  const unreadable = (problem: string): ReadResult<Bucket> => ({
    ok: false,
    unreadable: { store: 'buckets', key: describeKey(key), problem },
  });
  let bucket: Bucket;
  try {
    bucket = validateBucket(value);
  } catch (err) {
    return unreadable(problemOf(err));
  }
  // A valid bucket under another key would be counted twice, or merged into the wrong one.
  if (key !== bucketKey(bucket.granularity, bucket.source, bucket.start)) {
    return unreadable('is not stored under its own key');
  }
  return { ok: true, value: bucket };
}

/** A meta record, or why it cannot be used. */
export function readMeta(key: unknown, value: unknown): ReadResult<number> {
  try {
    return { ok: true, value: validateMeta(key, value) };
  } catch (err) {
    return {
      ok: false,
      unreadable: {
        store: 'meta',
        key: describeKey(key),
        problem: problemOf(err),
      },
    };
  }
}

/** Splits records into the buckets that can be used and the ones that cannot. */
export function readBuckets(
  keys: readonly unknown[],
  values: readonly unknown[],
): { buckets: Bucket[]; unreadable: UnreadableRecord[] } {
  const buckets: Bucket[] = [];
  const unreadable: UnreadableRecord[] = [];
  values.forEach((value, i) => {
    const r = readBucket(keys[i], value);
    if (r.ok) buckets.push(r.value);
    else unreadable.push(r.unreadable);
  });
  return { buckets, unreadable };
}
