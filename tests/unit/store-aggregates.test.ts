import { describe, expect, it } from 'vitest';
import {
  SUPPRESSED,
  StoreValidationError,
  addSite,
  bucketStart,
  dwellBin,
  emptyBucket,
  emptyCounts,
  emptySiteCounts,
  foldInView,
  foldPeak,
  foldSite,
  foldVisit,
  isEmptySite,
  mergeBuckets,
  mergeCounts,
  suppress,
  suppressBucket,
  validateBucket,
  type Bucket,
  type SiteCounts,
} from '../../src/shared/aggregates';
import { makeVisit } from '../support/visits';

const T = Date.UTC(2026, 10, 29, 10, 15, 42, 123); // 2026-11-29T10:15:42.123Z

const visit = makeVisit(T, {
  dwellMs: 7_400.6,
  attentionMs: 2_100.2,
  glances: 2,
});

function expectRejected(value: unknown, field: string) {
  let caught: unknown;
  try {
    validateBucket(value);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(StoreValidationError);
  expect((caught as StoreValidationError).field).toBe(field);
  expect((caught as Error).message).toContain(field);
}

describe('bucketStart and dwellBin', () => {
  it('aligns to the UTC minute, hour and day', () => {
    expect(bucketStart('minute', T)).toBe(Date.UTC(2026, 10, 29, 10, 15));
    expect(bucketStart('hour', T)).toBe(Date.UTC(2026, 10, 29, 10));
    expect(bucketStart('day', T)).toBe(Date.UTC(2026, 10, 29));
    expect(bucketStart('day', Date.UTC(2026, 10, 29))).toBe(
      Date.UTC(2026, 10, 29),
    );
  });
  it('bins dwell at 5, 15, 30 and 60 s, lower bound inclusive', () => {
    expect([0, 4_999, 5_000, 14_999, 15_000, 29_999].map(dwellBin)).toEqual([
      '0-5',
      '0-5',
      '5-15',
      '5-15',
      '15-30',
      '15-30',
    ]);
    expect([30_000, 59_999, 60_000, 3_600_000].map(dwellBin)).toEqual([
      '30-60',
      '30-60',
      '60+',
      '60+',
    ]);
  });
});

describe('folding', () => {
  it('counts a visit everywhere it belongs, in whole ms', () => {
    const b = foldVisit(emptyBucket('minute', 'camera', T), visit());
    expect(b.start).toBe(Date.UTC(2026, 10, 29, 10, 15));
    expect(b).toMatchObject({ passersBy: 1, watchers: 1, glances: 2 });
    expect(b).toMatchObject({ dwellMs: 7_401, attentionMs: 2_100 });
    expect(b.ageGroups['25-34']).toBe(1);
    expect(b.genders.female).toBe(1);
    expect(b.moods.positive).toBe(1);
    expect(b.expressions.happy).toBe(1);
    expect(b.dwell['5-15']).toBe(1);
    expect(validateBucket(b)).toEqual(b);
  });
  it('counts a visit without readings as gender unknown only', () => {
    const none = { ageGroup: null, gender: null, mood: null, expression: null };
    const b = foldVisit(emptyBucket('hour', 'sample', T), visit(none));
    expect(b.genders.unknown).toBe(1);
    expect(Object.values(b.ageGroups).every((n) => n === 0)).toBe(true);
    expect(Object.values(b.moods).every((n) => n === 0)).toBe(true);
    expect(validateBucket(b)).toEqual(b);
  });
  it('is pure', () => {
    const empty = emptyBucket('day', 'video', T);
    const copy = structuredClone(empty);
    foldVisit(empty, visit());
    foldPeak(empty, 4);
    expect(empty).toEqual(copy);
  });
  it('keeps the highest peak', () => {
    const b = foldPeak(foldPeak(emptyBucket('minute', 'camera', T), 3), 2);
    expect(b.peakInView).toBe(3);
  });
  it('adds person-time in view in whole ms, and keeps the highest peak', () => {
    const empty = emptyBucket('minute', 'camera', T);
    const b = foldInView(foldInView(empty, { peak: 2, occupancyMs: 999.6 }), {
      peak: 1,
      occupancyMs: 2_000.2,
    });
    expect(b).toMatchObject({ peakInView: 2, occupancyMs: 3_000 });
    expect(empty.occupancyMs).toBe(0);
    expect(validateBucket(b)).toEqual(b);
  });
});

describe('mergeBuckets', () => {
  it('adds counts and sums, and takes the larger peak', () => {
    const a = foldInView(foldVisit(emptyBucket('hour', 'camera', T), visit()), {
      peak: 2,
      occupancyMs: 4_000,
    });
    const b = foldInView(
      foldVisit(a, visit({ dwellMs: 70_000, gender: 'male', watcher: false })),
      { peak: 5, occupancyMs: 1_000 },
    );
    const m = mergeBuckets(a, b);
    expect(m).toMatchObject({ passersBy: 3, watchers: 2, peakInView: 5 });
    expect(m.occupancyMs).toBe(4_000 + 5_000);
    expect(m.dwellMs).toBe(7_401 * 2 + 70_000);
    expect(m.genders).toEqual({ female: 2, male: 1, unknown: 0 });
    expect(m.dwell).toMatchObject({ '5-15': 2, '60+': 1 });
    expect(validateBucket(m)).toEqual(m);
  });
  it('refuses buckets of different identity', () => {
    const a = emptyBucket('hour', 'camera', T);
    expect(() => mergeBuckets(a, emptyBucket('day', 'camera', T))).toThrow();
    expect(() => mergeBuckets(a, emptyBucket('hour', 'video', T))).toThrow();
    expect(() =>
      mergeBuckets(a, emptyBucket('hour', 'camera', T + 3_600_000)),
    ).toThrow();
  });
});

describe('validateBucket', () => {
  const good = (): Bucket =>
    foldPeak(foldVisit(emptyBucket('minute', 'camera', T), visit()), 1);

  it('returns a fresh copy of a valid bucket', () => {
    const b = good();
    const v = validateBucket(b);
    expect(v).toEqual(b);
    expect(v).not.toBe(b);
    expect(v.ageGroups).not.toBe(b.ageGroups);
  });
  it('rejects an extra key at any level', () => {
    expectRejected({ ...good(), image: 'x' }, 'bucket.image');
    const b = good();
    expectRejected(
      { ...b, ageGroups: { ...b.ageGroups, '99+': 0 } },
      'ageGroups.99+',
    );
    expectRejected({ ...good(), [Symbol('s')]: 1 }, 'bucket.Symbol(s)');
  });
  it('rejects binary values and embeddings', () => {
    expectRejected({ ...good(), dwellMs: new Blob(['x']) }, 'dwellMs');
    expectRejected({ ...good(), glances: new ArrayBuffer(8) }, 'glances');
    expectRejected({ ...good(), moods: new Float32Array(3) }, 'moods');
    expectRejected(new Float32Array(128), 'bucket');
  });
  it('rejects strings outside the enum fields, such as a data: URL', () => {
    const url = 'data:image/jpeg;base64,/9j/4AAQSkZJRg==';
    expectRejected({ ...good(), passersBy: url }, 'passersBy');
    expectRejected({ ...good(), source: url }, 'source');
    const b = good();
    expectRejected({ ...b, dwell: { ...b.dwell, '0-5': url } }, 'dwell.0-5');
  });
  it('does not echo the rejected value', () => {
    const url = 'data:image/jpeg;base64,SECRET';
    expect(() => validateBucket({ ...good(), watchers: url })).toThrow(
      /^(?!.*SECRET)/,
    );
  });
  it('rejects negatives, NaN, Infinity, fractions and huge numbers', () => {
    expectRejected({ ...good(), glances: -1 }, 'glances');
    expectRejected({ ...good(), dwellMs: NaN }, 'dwellMs');
    expectRejected({ ...good(), attentionMs: Infinity }, 'attentionMs');
    expectRejected({ ...good(), glances: 1.5 }, 'glances');
    expectRejected({ ...good(), dwellMs: 1e15 }, 'dwellMs');
    expectRejected({ ...good(), peakInView: 1e15 }, 'peakInView');
    expectRejected({ ...good(), occupancyMs: 1e15 }, 'occupancyMs');
    expectRejected({ ...good(), occupancyMs: -1 }, 'occupancyMs');
    expectRejected({ ...good(), occupancyMs: 0.5 }, 'occupancyMs');
    expect(validateBucket({ ...good(), occupancyMs: 1e12 }).occupancyMs).toBe(
      1e12,
    );
  });
  it('rejects wrong enums, missing fields and inconsistent totals', () => {
    expectRejected({ ...good(), granularity: 'week' }, 'granularity');
    const missing: Partial<Bucket> = good();
    delete missing.glances;
    expectRejected(missing, 'bucket.glances');
    const v2: Partial<Bucket> = good();
    delete v2.occupancyMs; // a v2 record: migrated, never read as it is
    expectRejected(v2, 'bucket.occupancyMs');
    expectRejected({ ...good(), watchers: 2 }, 'watchers');
    const b = good();
    expectRejected({ ...b, genders: { ...b.genders, male: 1 } }, 'genders');
    expectRejected({ ...b, moods: { ...b.moods, negative: 1 } }, 'moods');
  });
  it('rejects a per-visit-looking record', () => {
    expectRejected(visit(), 'bucket.startedAt');
    // Disguised as a bucket: its start is a visit's timestamp, not a minute.
    expectRejected({ ...good(), start: T }, 'start');
  });
  it('rejects class instances, arrays and accessors', () => {
    expectRejected([good()], 'bucket');
    expectRejected(new (class {})(), 'bucket');
    expectRejected(new Date(), 'bucket');
    const sneaky = good() as unknown as Record<string, unknown>;
    Object.defineProperty(sneaky, 'glances', {
      get: () => 1,
      enumerable: true,
    });
    expectRejected(sneaky, 'bucket.glances');
  });
});

describe('suppression', () => {
  it('turns small non-zero counts into "<threshold"', () => {
    expect(suppress(0, 5)).toBe(0);
    expect(suppress(1, 5)).toBe('<5');
    expect(suppress(4, 5)).toBe('<5');
    expect(suppress(5, 5)).toBe(5);
    expect(suppress(3, 10)).toBe('<10');
  });
  it('is disabled by threshold 1 and refuses nonsense thresholds', () => {
    expect([0, 1, 2].map((n) => suppress(n, 1))).toEqual([0, 1, 2]);
    expect(() => suppress(1, 0)).toThrow(RangeError);
    expect(() => suppress(1, 2.5)).toThrow(RangeError);
  });
  it('hides sums and the peak of a bucket with few people', () => {
    const few = foldInView(
      foldVisit(emptyBucket('day', 'camera', T), visit()),
      { peak: 2, occupancyMs: 9_000 },
    );
    const shown = suppressBucket(few, 5);
    expect(shown).toMatchObject({ passersBy: '<5', watchers: '<5' });
    expect(shown).toMatchObject({ dwellMs: SUPPRESSED, glances: SUPPRESSED });
    expect(shown.occupancyMs).toBe(SUPPRESSED);
    expect(shown).toMatchObject({ peakInView: '<5', start: few.start });
    expect(shown.ageGroups).toMatchObject({ '25-34': '<5', '0-12': 0 });
    expect(suppressBucket(few, 1)).toEqual(few);
  });
  it('shows sums once enough people contributed', () => {
    let b = emptyBucket('day', 'camera', T);
    for (let i = 0; i < 6; i++) b = foldVisit(b, visit({ gender: 'male' }));
    b = foldInView(b, { peak: 3, occupancyMs: 40_000 });
    const shown = suppressBucket(b, 5);
    expect(shown).toMatchObject({ passersBy: 6, dwellMs: b.dwellMs });
    expect(shown).toMatchObject({ peakInView: '<5', occupancyMs: 40_000 });
    expect(shown.genders).toEqual({ female: 0, male: 6, unknown: 0 });
  });
  it('changes nothing at threshold 1, even a bucket holding only people in view', () => {
    // A flush in a minute where nobody left yet writes the peak and person-time alone
    // (passersBy 0).
    const peakOnly = foldInView(emptyBucket('minute', 'camera', T), {
      peak: 3,
      occupancyMs: 90_000,
    });
    expect(suppressBucket(peakOnly, 1)).toEqual(peakOnly);
    expect(suppressBucket(peakOnly, 2)).toMatchObject({
      peakInView: 3,
      occupancyMs: SUPPRESSED,
    });
    expect(suppressBucket(peakOnly, 5).peakInView).toBe('<5');
    expect(suppressBucket(foldPeak(peakOnly, 7), 5).peakInView).toBe(7);
  });
  it('keeps zero sums as 0', () => {
    const shown = suppressBucket(emptyBucket('day', 'camera', T), 5);
    expect(shown).toMatchObject({ dwellMs: 0, peakInView: 0, passersBy: 0 });
    expect(shown.occupancyMs).toBe(0);
  });
});

describe('zones, lines and alerts in buckets', () => {
  const site = (over: Partial<SiteCounts> = {}): SiteCounts => ({
    ...emptySiteCounts(),
    ...over,
  });
  const withSite = (over: Partial<SiteCounts>): Bucket =>
    foldSite(emptyBucket('hour', 'camera', T), site(over));

  it('starts every bucket and tally with empty alerts, crossings and zone peaks', () => {
    const b = emptyBucket('minute', 'camera', T);
    expect(b).toMatchObject({ alerts: {}, crossings: {}, zonePeaks: {} });
    expect(emptyCounts()).toMatchObject(emptySiteCounts());
    expect(isEmptySite(b)).toBe(true);
    // Fresh records each time: filling one tally must not fill the next.
    const a = emptySiteCounts();
    a.alerts['z1.occupancy'] = 1;
    expect(emptySiteCounts().alerts).toEqual({});
  });
  it('tells an empty site delta from one holding anything', () => {
    expect(isEmptySite(emptySiteCounts())).toBe(true);
    expect(isEmptySite(site({ alerts: { 'frame.object': 1 } }))).toBe(false);
    expect(isEmptySite(site({ crossings: { 'l8.out': 2 } }))).toBe(false);
    expect(isEmptySite(site({ zonePeaks: { z4: 1 } }))).toBe(false);
  });
  it('accepts sparse subsets of the known keys', () => {
    const b = withSite({
      alerts: { 'z1.occupancy': 2, 'frame.object': 1 },
      crossings: { 'l1.in': 5 },
      zonePeaks: { z3: 4 },
    });
    const v = validateBucket(b);
    expect(v).toEqual(b);
    expect(v.alerts).not.toBe(b.alerts);
    expect(validateBucket(withSite({ crossings: { 'l8.out': 1 } }))).toEqual(
      withSite({ crossings: { 'l8.out': 1 } }),
    );
  });
  it('accepts every alert, crossing and zone key, and a null-prototype record', () => {
    const alerts = Object.fromEntries(
      ['z1', 'z8'].flatMap((z) =>
        ['occupancy', 'afterHours', 'loitering', 'restricted'].map((r) => [
          `${z}.${r}`,
          1,
        ]),
      ),
    );
    const b = { ...emptyBucket('day', 'video', T), alerts };
    expect(Object.keys(validateBucket(b).alerts)).toHaveLength(8);
    const bare = Object.assign(Object.create(null) as object, { 'l2.in': 3 });
    expect(
      validateBucket({ ...emptyBucket('day', 'video', T), crossings: bare })
        .crossings,
    ).toEqual({ 'l2.in': 3 });
  });
  it('returns the sparse keys in one canonical order', () => {
    const b = {
      ...emptyBucket('hour', 'camera', T),
      alerts: { 'frame.object': 1, 'z2.loitering': 1, 'z1.restricted': 1 },
      zonePeaks: { z5: 1, z2: 2 },
    };
    const v = validateBucket(b);
    expect(Object.keys(v.alerts)).toEqual([
      'z1.restricted',
      'z2.loitering',
      'frame.object',
    ]);
    expect(Object.keys(v.zonePeaks)).toEqual(['z2', 'z5']);
  });
  it('rejects unknown keys, including __proto__ from JSON', () => {
    const empty = () => emptyBucket('hour', 'camera', T);
    expectRejected(
      { ...empty(), alerts: { 'z9.occupancy': 1 } },
      'alerts.z9.occupancy',
    );
    expectRejected(
      { ...empty(), alerts: { 'frame.occupancy': 1 } },
      'alerts.frame.occupancy',
    );
    expectRejected(
      { ...empty(), alerts: { 'z1.Lobby': 1 } },
      'alerts.z1.Lobby',
    );
    expectRejected(
      { ...empty(), crossings: { 'l1.sideways': 1 } },
      'crossings.l1.sideways',
    );
    expectRejected({ ...empty(), zonePeaks: { l1: 1 } }, 'zonePeaks.l1');
    const json = JSON.stringify(empty()).replace(
      '"alerts":{}',
      '"alerts":{"__proto__":{"z1.occupancy":1}}',
    );
    expect(json).toContain('__proto__');
    expectRejected(JSON.parse(json), 'alerts.__proto__');
    expectRejected(
      { ...empty(), zonePeaks: { [Symbol('z1')]: 1 } },
      'zonePeaks.Symbol(z1)',
    );
  });
  it('rejects non-integer, negative and huge counts', () => {
    const empty = () => emptyBucket('hour', 'camera', T);
    for (const v of [1.5, NaN, Infinity, '2', null, true, [1]]) {
      expectRejected(
        { ...empty(), alerts: { 'z1.occupancy': v } },
        'alerts.z1.occupancy',
      );
    }
    expectRejected(
      { ...empty(), crossings: { 'l1.in': -1 } },
      'crossings.l1.in',
    );
    expectRejected({ ...empty(), zonePeaks: { z1: -3 } }, 'zonePeaks.z1');
    expectRejected({ ...empty(), zonePeaks: { z1: 1e10 } }, 'zonePeaks.z1');
  });
  it('rejects records that are not plain objects, and missing records', () => {
    const empty = () => emptyBucket('hour', 'camera', T);
    expectRejected({ ...empty(), alerts: [] }, 'alerts');
    expectRejected({ ...empty(), alerts: [1, 2] }, 'alerts');
    expectRejected(
      { ...empty(), crossings: new Map([['l1.in', 1]]) },
      'crossings',
    );
    expectRejected({ ...empty(), zonePeaks: 3 }, 'zonePeaks');
    expectRejected({ ...empty(), zonePeaks: 'z1' }, 'zonePeaks');
    expectRejected({ ...empty(), alerts: new (class {})() }, 'alerts');
    const old: Partial<Bucket> = empty();
    delete old.crossings; // a record from before issue 17: migrated, never read as it is
    expectRejected(old, 'bucket.crossings');
    const sneaky = { ...empty(), alerts: {} };
    Object.defineProperty(sneaky.alerts, 'z1.occupancy', {
      get: () => 1,
      enumerable: true,
    });
    expectRejected(sneaky, 'alerts.z1.occupancy');
  });
  it('rejects a null record with a StoreValidationError', () => {
    expectRejected(
      { ...emptyBucket('hour', 'camera', T), zonePeaks: null },
      'zonePeaks',
    );
  });
  it("does not echo a rejected key's value", () => {
    const b = {
      ...emptyBucket('hour', 'camera', T),
      alerts: { 'z1.occupancy': 'data:image/png;base64,SECRET' },
    };
    expect(() => validateBucket(b)).toThrow(/^(?!.*SECRET)/);
  });
  it('sums alerts and crossings and keeps the highest zone peak when merging', () => {
    const a = withSite({
      alerts: { 'z1.occupancy': 2, 'frame.object': 1 },
      crossings: { 'l1.in': 5, 'l1.out': 3 },
      zonePeaks: { z1: 4, z2: 1 },
    });
    const b = withSite({
      alerts: { 'z1.occupancy': 1, 'z2.restricted': 4 },
      crossings: { 'l1.in': 2, 'l2.out': 7 },
      zonePeaks: { z1: 3, z2: 6, z3: 2 },
    });
    const aCopy = structuredClone(a);
    const m = mergeBuckets(a, b);
    expect(m.alerts).toEqual({
      'z1.occupancy': 3,
      'frame.object': 1,
      'z2.restricted': 4,
    });
    expect(m.crossings).toEqual({ 'l1.in': 7, 'l1.out': 3, 'l2.out': 7 });
    expect(m.zonePeaks).toEqual({ z1: 4, z2: 6, z3: 2 });
    expect(a).toEqual(aCopy);
    expect(validateBucket(m)).toEqual(m);
    const { alerts, crossings, zonePeaks } = b;
    expect(mergeCounts(emptyCounts(), b)).toMatchObject({
      alerts,
      crossings,
      zonePeaks,
    });
  });
  it('folds a site delta in without changing the bucket, and leaves zeros out', () => {
    const empty = emptyBucket('minute', 'camera', T);
    const once = foldSite(empty, site({ alerts: { 'z1.loitering': 1 } }));
    const twice = foldSite(
      once,
      site({
        alerts: { 'z1.loitering': 1, 'z2.occupancy': 0 },
        crossings: { 'l1.in': 0 },
        zonePeaks: { z1: 2, z2: 0 },
      }),
    );
    expect(empty.alerts).toEqual({});
    expect(once.alerts).toEqual({ 'z1.loitering': 1 });
    expect(twice.alerts).toEqual({ 'z1.loitering': 2 });
    expect(twice.crossings).toEqual({});
    expect(twice.zonePeaks).toEqual({ z1: 2 });
    expect(foldSite(twice, site({ zonePeaks: { z1: 1 } })).zonePeaks).toEqual({
      z1: 2,
    });
    expect(validateBucket(twice)).toEqual(twice);
  });
  it('adds a site delta into a running tally in place', () => {
    const tally = emptySiteCounts();
    const same = addSite(tally, site({ crossings: { 'l3.out': 1 } }));
    addSite(tally, site({ crossings: { 'l3.out': 2 }, zonePeaks: { z1: 1 } }));
    expect(same).toBe(tally);
    expect(tally).toEqual({
      alerts: {},
      crossings: { 'l3.out': 3 },
      zonePeaks: { z1: 1 },
    });
  });
  it('suppresses small alert, crossing and zone counts like other counts', () => {
    const b = withSite({
      alerts: { 'z1.occupancy': 2, 'z2.restricted': 7 },
      crossings: { 'l1.in': 4, 'l1.out': 5 },
      zonePeaks: { z1: 3, z2: 12 },
    });
    const shown = suppressBucket(b, 5);
    expect(shown.alerts).toEqual({ 'z1.occupancy': '<5', 'z2.restricted': 7 });
    expect(shown.crossings).toEqual({ 'l1.in': '<5', 'l1.out': 5 });
    expect(shown.zonePeaks).toEqual({ z1: '<5', z2: 12 });
    expect(suppressBucket(b, 1)).toEqual(b);
    // Zeros are normally absent; one that is present reveals nobody and stays 0.
    const zero = { ...b, crossings: { 'l1.in': 0, 'l1.out': 1 } };
    expect(suppressBucket(zero, 5).crossings).toEqual({
      'l1.in': 0,
      'l1.out': '<5',
    });
    expect(suppressBucket(emptyBucket('day', 'camera', T), 5)).toMatchObject({
      alerts: {},
      crossings: {},
      zonePeaks: {},
    });
  });
});

describe('enrolled profiles in buckets (issue 18)', () => {
  const b = () => emptyBucket('hour', 'camera', Date.UTC(2026, 11, 6, 10));
  it('takes counts keyed by 16-hex profile ids, and merges them by sum', () => {
    const one = { ...b(), profiles: { '0123456789abcdef': 2 } };
    expect(validateBucket(one)).toEqual(one);
    const merged = mergeBuckets(one, {
      ...b(),
      profiles: { '0123456789abcdef': 1, fedcba9876543210: 4 },
    });
    expect(merged.profiles).toEqual({
      '0123456789abcdef': 3,
      fedcba9876543210: 4,
    });
  });
  it('refuses labels or anything else as keys, without repeating the key', () => {
    for (const key of ['Ana', '0123456789ABCDEF', '0123', '__proto__x'])
      expect(() => validateBucket({ ...b(), profiles: { [key]: 1 } })).toThrow(
        /^Refused to store a bucket: profiles key is not allowed\.$/,
      );
    expect(() =>
      validateBucket({ ...b(), profiles: { '0123456789abcdef': 0.5 } }),
    ).toThrow(/whole number/);
    const many = Object.fromEntries(
      Array.from({ length: 257 }, (_, i) => [
        i.toString(16).padStart(16, '0'),
        1,
      ]),
    );
    expect(() => validateBucket({ ...b(), profiles: many })).toThrow(
      /too many keys/,
    );
  });
});
