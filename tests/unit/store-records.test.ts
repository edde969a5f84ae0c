// Stored records are untrusted input: the read validator lets through only valid buckets
// under their own key and known meta numbers, and describes anything else in safe words.
import { describe, expect, it } from 'vitest';
import {
  emptyBucket,
  foldPeak,
  foldVisit,
  type Bucket,
} from '../../src/shared/aggregates';
import { asideKey, bucketKey } from '../../src/store/db';
import {
  describeKey,
  readBucket,
  readBuckets,
  readMeta,
  safeText,
} from '../../src/store/records';
import { makeVisit } from '../support/visits';

const T = Date.UTC(2026, 10, 29, 10, 15, 42);
const visit = makeVisit(T);
const good = (): Bucket =>
  foldPeak(foldVisit(emptyBucket('minute', 'camera', T), visit()), 1);
const KEY = bucketKey('minute', 'camera', good().start);
const XSS = '<img src=x onerror=alert(1)>';

/** The problem readBucket reports for `value` under KEY (fails if it reads fine). */
function problem(value: unknown, key: unknown = KEY): string {
  const r = readBucket(key, value);
  if (r.ok) throw new Error('expected an unreadable record');
  expect(r.unreadable.store).toBe('buckets');
  return r.unreadable.problem;
}

describe('readBucket', () => {
  it('returns a fresh copy of a valid bucket under its own key', () => {
    const stored = good();
    const r = readBucket(KEY, stored);
    expect(r).toEqual({ ok: true, value: stored });
    if (r.ok) expect(r.value).not.toBe(stored);
  });

  it('refuses numbers that are strings, huge, negative, fractional or not finite', () => {
    const cases: [keyof Bucket, unknown, RegExp][] = [
      ['passersBy', '1', /passersBy must be a number, not string/],
      ['passersBy', '1e308', /not string/],
      ['glances', 'Infinity', /not string/],
      ['dwellMs', 'NaN', /not string/],
      ['dwellMs', 1e308, /dwellMs must not exceed/],
      ['glances', -1, /glances must not be negative/],
      ['attentionMs', 0.5, /whole number/],
      ['peakInView', Infinity, /must be finite/],
      ['peakInView', NaN, /must be finite/],
      ['occupancyMs', '5', /occupancyMs must be a number, not string/],
      ['occupancyMs', 1e13, /occupancyMs must not exceed 1000000000000/],
      ['occupancyMs', -0.5, /whole number/],
      ['watchers', null, /not null/],
    ];
    for (const [field, value, expected] of cases) {
      expect(problem({ ...good(), [field]: value })).toMatch(expected);
    }
  });

  it('refuses script in strings, extra keys and wrong shapes, without echoing them', () => {
    const hostile: unknown[] = [
      { ...good(), source: XSS },
      { ...good(), [XSS]: 1 },
      { ...good(), ageGroups: XSS },
      { ...good(), ageGroups: [1, 2, 3] },
      { ...good(), genders: { ...good().genders, [XSS]: 0 } },
      [good()],
      XSS,
      42,
      null,
      undefined,
      new Uint8Array(16),
    ];
    for (const value of hostile) {
      const p = problem(value);
      expect(p).not.toContain('<');
      expect(p).not.toContain('alert(1)');
      expect(p.length).toBeLessThan(120);
    }
    expect(problem({ ...good(), [XSS]: 1 })).toBe(
      'bucket.?img src?x onerror?alert?1?? is not allowed',
    );
  });

  it('refuses a valid bucket under another key, and keys that are not strings', () => {
    const other = bucketKey('hour', 'camera', T);
    expect(problem(good(), other)).toBe('is not stored under its own key');
    expect(problem(good(), asideKey(KEY, T))).toBe(
      'is not stored under its own key',
    );
    expect(readBucket(42, good())).toMatchObject({
      ok: false,
      unreadable: { key: '42', problem: 'is not stored under its own key' },
    });
    expect(readBucket([KEY], good())).toMatchObject({
      ok: false,
      unreadable: { key: '(Array key)' },
    });
  });

  it('splits a store into usable buckets and unreadable records', () => {
    const { buckets, unreadable } = readBuckets(
      [KEY, `${KEY}${XSS}`, 'x'],
      [good(), good(), { n: 1 }],
    );
    expect(buckets).toEqual([good()]);
    expect(unreadable).toEqual([
      {
        store: 'buckets',
        key: `${KEY}?img src?x onerror?alert?1??`,
        problem: 'is not stored under its own key',
      },
      { store: 'buckets', key: 'x', problem: 'bucket.n is not allowed' },
    ]);
  });
});

describe('readMeta', () => {
  it('keeps known keys with whole numbers', () => {
    expect(readMeta('retentionDays', 30)).toEqual({ ok: true, value: 30 });
    expect(readMeta('lastPurgeAt', T)).toEqual({ ok: true, value: T });
  });

  it('refuses unknown keys and anything but a sane whole number', () => {
    for (const [key, value] of [
      ['retentionDays', '30'],
      ['retentionDays', -1],
      ['retentionDays', 1e308],
      ['lastPurgeAt', Infinity],
      ['lastPurgeAt', { at: 1 }],
      [XSS, 1],
    ] as const) {
      const r = readMeta(key, value);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.unreadable.store).toBe('meta');
        expect(JSON.stringify(r.unreadable)).not.toContain('<');
      }
    }
  });
});

describe('safe text', () => {
  it('keeps key characters, replaces the rest and caps the length', () => {
    expect(safeText(KEY)).toBe(KEY);
    expect(safeText(XSS)).toBe('?img src?x onerror?alert?1??');
    expect(safeText('a"b\n=c;d')).toBe('a?b??c?d');
    expect(safeText('x'.repeat(500))).toHaveLength(80);
    expect(describeKey(NaN)).toBe('(number key)');
    expect(describeKey(new Date(0))).toBe('(Date key)');
  });
});
