// The history series: range queries and slots in several time zones, exact sums across
// sources, and small-count suppression (primary and complementary) at thresholds 5 and 1,
// held through the real path (visits folded into buckets) to the promises of
// tests/support/reader.ts: no small count can be worked out, nothing is hidden for nothing.
// Each describe sets process.env.TZ (Node re-reads it on assignment; Vitest runs this file
// in its own process), so the results do not depend on the machine's zone.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SPAN_MS,
  SUPPRESSED,
  emptyBucket,
  foldInView,
  foldVisit,
  validateBucket,
  type Bucket,
  type Granularity,
} from '../../src/shared/aggregates';
import type { SourceKind } from '../../src/shared/kiosk-params';
import type { VisitSummary } from '../../src/shared/types';
import {
  AGE_KEYS,
  FEW,
  MOOD_KEYS,
  buildHistory,
  rangeQuery,
  smallCell,
  type Cell,
  type HistoryData,
  type HistoryRange,
} from '../../src/shared/history-series';
import { audit, type Shown, type Sum } from '../support/reader';
import { makeVisit } from '../support/visits';
const MIN = SPAN_MS.minute;
const HOUR = SPAN_MS.hour;
const ORIGINAL_TZ = process.env.TZ;

function inZone(tz: string) {
  beforeAll(() => {
    process.env.TZ = tz;
  });
  afterAll(() => {
    process.env.TZ = ORIGINAL_TZ;
  });
}

const visit = makeVisit(0, { dwellMs: 10_000 });

/** A valid bucket holding `n` copies of `over` (plus `more`). */
function bucket(
  granularity: Granularity,
  start: number,
  n: number,
  over: Partial<VisitSummary> = {},
  source: SourceKind = 'camera',
  more: Partial<VisitSummary>[] = [],
): Bucket {
  let b = emptyBucket(granularity, source, start);
  for (let i = 0; i < n; i++) b = foldVisit(b, visit(over));
  for (const m of more) b = foldVisit(b, visit(m));
  return validateBucket(b);
}

/** `b` with `peak` people in view at most and `occupancyMs` of person-time. */
const inView = (b: Bucket, peak: number, occupancyMs: number): Bucket =>
  validateBucket(foldInView(b, { peak, occupancyMs }));

const values = (cells: Cell[]) => cells.map((c) => c.value);
const texts = (cells: Cell[]) => cells.map((c) => c.text);
const SMALL = smallCell(5);
/** A count hidden because it would reveal a small one, shown as the range lo–hi. */
const reveals = (lo: number, hi: number): Cell => ({
  value: null,
  text: `${lo}–${hi}`,
  hidden: 'reveals',
  range: [lo, hi],
});

/**
 * What `h` publishes, as the reader sees it: every figure with the sums it is in (as a reader
 * would write them, independent of the ledger), and its true value summed from `buckets`.
 */
function publication(h: HistoryData, buckets: Bucket[]) {
  const values: number[] = [];
  const shown: Shown[] = [];
  const sums: Sum[] = [];
  const add = (v: number, c: Cell | null) => {
    values.push(v);
    if (!c) shown.push({ as: 'unseen' });
    else if (c.value !== null) shown.push({ as: 'exact' });
    else if (c.hidden === 'small') shown.push({ as: 'small' });
    else shown.push({ as: 'range', lo: c.range![0], hi: c.range![1] });
    return values.length - 1;
  };
  const moodOf = (b: Bucket, k: string) =>
    k === 'unknown'
      ? b.passersBy - b.moods.positive - b.moods.neutral - b.moods.negative
      : b.moods[k as keyof Bucket['moods']];
  const visits = (
    bs: Bucket[],
    c: Pick<HistoryData['totals'], 'passersBy' | 'watchers' | 'moods'>,
  ) => {
    const of = (f: (b: Bucket) => number) => bs.reduce((s, b) => s + f(b), 0);
    const pb = add(
      of((b) => b.passersBy),
      c.passersBy,
    );
    const w = add(
      of((b) => b.watchers),
      c.watchers,
    );
    const away = add(
      of((b) => b.passersBy - b.watchers),
      null,
    );
    const moods = MOOD_KEYS.map((k) =>
      add(
        of((b) => moodOf(b, k)),
        c.moods[k],
      ),
    );
    sums.push({ ins: [pb], outs: [w, away] }, { ins: [pb], outs: moods });
    return { pb, w, away, moods };
  };
  const inRange = buckets.filter((b) => b.start >= h.from && b.start < h.to);
  const T = visits(inRange, h.totals);
  const of = (f: (b: Bucket) => number) =>
    inRange.reduce((s, b) => s + f(b), 0);
  const t = h.totals;
  const ages = AGE_KEYS.map((k) =>
    add(
      of((b) =>
        k === 'unknown'
          ? b.passersBy - Object.values(b.ageGroups).reduce((x, y) => x + y, 0)
          : b.ageGroups[k],
      ),
      t.ages[k],
    ),
  );
  const genders = (['female', 'male', 'unknown'] as const).map((k) =>
    add(
      of((b) => b.genders[k]),
      t.genders[k],
    ),
  );
  const dwell = (Object.keys(t.dwell) as (keyof Bucket['dwell'])[]).map((k) =>
    add(
      of((b) => b.dwell[k]),
      t.dwell[k],
    ),
  );
  for (const split of [ages, genders, dwell])
    sums.push({ ins: [T.pb], outs: split });
  const S = h.slots.map((slot) =>
    visits(
      inRange.filter((b) => b.start >= slot.start && b.start < slot.end),
      slot,
    ),
  );
  sums.push(
    { ins: [T.pb], outs: S.map((s) => s.pb) },
    { ins: [T.w], outs: S.map((s) => s.w) },
    { ins: [T.away], outs: S.map((s) => s.away) },
    ...T.moods.map((m, k) => ({ ins: [m], outs: S.map((s) => s.moods[k]) })),
  );
  return { threshold: h.threshold, sums, values, shown };
}

describe('in UTC', () => {
  inZone('UTC');
  const NOW = Date.UTC(2026, 10, 29, 10, 15, 42); // Sun 29 Nov 2026, 10:15:42

  it('runs in the zone it set', () => {
    expect(new Date(NOW).getHours()).toBe(10);
  });

  it('queries the last 60 minutes of minute buckets, the current minute included', () => {
    const q = rangeQuery('hour', NOW);
    expect(q).toEqual({
      granularity: 'minute',
      from: Date.UTC(2026, 10, 29, 9, 16),
      to: Date.UTC(2026, 10, 29, 10, 16),
    });
  });

  it('queries hour buckets from local midnight, today and six days back', () => {
    expect(rangeQuery('today', NOW)).toEqual({
      granularity: 'hour',
      from: Date.UTC(2026, 10, 29),
      to: Date.UTC(2026, 10, 29, 11),
    });
    expect(rangeQuery('week', NOW).from).toBe(Date.UTC(2026, 10, 23));
    expect(() => rangeQuery('month' as HistoryRange, NOW)).toThrow(RangeError);
  });

  it('has a slot for every minute, hour and day, empty ones as zeros', () => {
    const hour = buildHistory([], 'hour', NOW, 5);
    expect(hour.slots).toHaveLength(60);
    expect(hour.slotSpan).toBe('minute');
    expect(hour.slots[0].label).toBe('09:16');
    expect(hour.slots[59].label).toBe('10:15');
    expect(hour.slots[59].end - hour.slots[59].start).toBe(MIN);

    const today = buildHistory([], 'today', NOW, 5);
    expect(today.slots.map((s) => s.label)).toEqual(
      Array.from({ length: 11 }, (_, h) => `${String(h).padStart(2, '0')}:00`),
    );

    const week = buildHistory([], 'week', NOW, 5);
    expect(week.slots.map((s) => s.label)).toEqual([
      'Mon 23 Nov',
      'Tue 24 Nov',
      'Wed 25 Nov',
      'Thu 26 Nov',
      'Fri 27 Nov',
      'Sat 28 Nov',
      'Sun 29 Nov',
    ]);
    for (const h of [hour, today, week]) {
      expect(h.empty).toBe(true);
      for (const s of h.slots) {
        expect(s.passersBy).toEqual({ value: 0, text: '0' });
        expect(s.watchers).toEqual({ value: 0, text: '0' });
        expect(values(Object.values(s.moods))).toEqual([0, 0, 0, 0]);
        expect(s.avgInView).toEqual({ value: 0, text: '0' });
        expect(s.peakInView).toEqual({ value: 0, text: '0' });
      }
      expect(h.totals.avgInView).toEqual({ value: 0, text: '0' });
      expect(h.totals.passersBy).toEqual({ value: 0, text: '0' });
      expect(h.totals.avgDwellMs).toBeNull();
      expect(values(Object.values(h.totals.ages))).toEqual(
        AGE_KEYS.map(() => 0),
      );
    }
  });

  it('sums every source exactly before suppressing (threshold 1 shows everything)', () => {
    const at = Date.UTC(2026, 10, 29, 10, 5);
    const h = buildHistory(
      [
        bucket('minute', at, 2, { mood: 'negative' }, 'camera'),
        bucket('minute', at, 1, { watcher: false, gender: 'male' }, 'video'),
        bucket('minute', at + MIN, 1, { ageGroup: null }, 'sample'),
      ],
      'hour',
      NOW,
      1,
    );
    const slot = h.slots.find((s) => s.label === '10:05')!;
    expect(slot.passersBy).toEqual({ value: 3, text: '3' });
    expect(slot.watchers).toEqual({ value: 2, text: '2' });
    expect(Object.keys(slot.moods)).toEqual(MOOD_KEYS);
    expect(texts(Object.values(slot.moods))).toEqual(['1', '0', '2', '0']);
    expect(h.totals.passersBy.value).toBe(4);
    expect(h.totals.genders.male.value).toBe(1);
    expect(h.totals.ages['25-34'].value).toBe(3);
    expect(h.totals.ages.unknown.value).toBe(1);
    expect(h.totals.dwell['5-15'].value).toBe(4);
    expect(h.totals.avgDwellMs).toBe(10_000);
    expect(h.empty).toBe(false);
  });

  it('ignores buckets of another granularity or outside the range', () => {
    const h = buildHistory(
      [
        bucket('hour', Date.UTC(2026, 10, 29, 10), 9),
        bucket('minute', Date.UTC(2026, 10, 29, 9, 15), 9),
        bucket('minute', Date.UTC(2026, 10, 29, 10, 16), 9),
      ],
      'hour',
      NOW,
      5,
    );
    expect(h.empty).toBe(true);
  });

  it('shows a count below 5 as "<5" and null, zero as 0, 5 and more as is', () => {
    const h = buildHistory(
      [
        bucket('hour', Date.UTC(2026, 10, 29, 8), 3),
        bucket('hour', Date.UTC(2026, 10, 29, 9), 7),
      ],
      'today',
      NOW,
      5,
    );
    expect(h.slots[8].passersBy).toEqual({
      value: null,
      text: '<5',
      hidden: 'small',
      range: [1, 4],
    });
    expect(h.slots[7].passersBy).toEqual({ value: 0, text: '0' });
    // 7 is hidden too: with the total (10) shown, 10 − 7 would give the "<5" away. Shown as
    // the range 10 − "<5" allows, it tells nothing more.
    expect(h.slots[9].passersBy).toEqual(reveals(6, 9));
    expect(h.totals.passersBy).toEqual({ value: 10, text: '10' });
    expect(h.totals.avgDwellMs).toBe(10_000);
  });

  it('hides a complementary cell in each group whose total is shown', () => {
    const h = buildHistory(
      [
        bucket('hour', Date.UTC(2026, 10, 29, 9), 8, {}, 'camera', [
          { gender: 'male', ageGroup: '45-54', mood: 'neutral' },
        ]),
      ],
      'today',
      NOW,
      5,
    );
    const { genders, ages, moods } = h.totals;
    expect(h.totals.passersBy.text).toBe('9');
    expect(texts([genders.female, genders.male, genders.unknown])).toEqual([
      '5–8',
      '<5',
      '0',
    ]);
    expect(ages['45-54'].text).toBe('<5');
    expect(ages['25-34']).toEqual(reveals(5, 8));
    expect(ages['0-12'].text).toBe('0');
    expect(moods.neutral.text).toBe('<5');
    expect(moods.positive.value).toBeNull();
    // The one busy hour: its mood cells sum to its passers-by, which is shown.
    expect(h.slots[9].passersBy.text).toBe('9');
    expect(values(Object.values(h.slots[9].moods))).toEqual([null, null, 0, 0]);
  });

  it('protects a small remainder that is never shown (passers-by who did not look)', () => {
    const h = buildHistory(
      [
        bucket('hour', Date.UTC(2026, 10, 29, 9), 11, {}, 'camera', [
          { watcher: false },
        ]),
      ],
      'today',
      NOW,
      5,
    );
    expect(h.slots[9].passersBy.text).toBe('12');
    // 12 − 11 would say that exactly one person did not look.
    expect(h.slots[9].watchers).toEqual(reveals(5, 11));
    expect(h.totals.watchers.value).toBeNull();
  });

  it('shows no average dwell over fewer passers-by than the threshold', () => {
    const b = [bucket('minute', Date.UTC(2026, 10, 29, 10), 4)];
    expect(buildHistory(b, 'hour', NOW, 5).totals.avgDwellMs).toBeNull();
    expect(buildHistory(b, 'hour', NOW, 4).totals.avgDwellMs).toBe(10_000);
    expect(buildHistory(b, 'hour', NOW, 1).totals.avgDwellMs).toBe(10_000);
  });

  it('threshold 1 turns suppression off', () => {
    const h = buildHistory(
      [
        bucket('hour', Date.UTC(2026, 10, 29, 8), 1, { watcher: false }),
        bucket('hour', Date.UTC(2026, 10, 29, 9), 7),
      ],
      'today',
      NOW,
      1,
    );
    expect(texts([h.slots[8].passersBy, h.slots[9].passersBy])).toEqual([
      '1',
      '7',
    ]);
    expect(h.slots[8].watchers.value).toBe(0);
    expect(h.totals.watchers.value).toBe(7);
  });

  it('averages people in view over each slot and the range, and keeps the peak of any one source', () => {
    const nine = Date.UTC(2026, 10, 29, 9);
    const buckets = [
      // 1.5 people on average over the hour on the camera, 0.5 on the video: 2 in all.
      inView(bucket('hour', nine, 6), 4, 5_400_000),
      inView(bucket('hour', nine, 0, {}, 'video'), 3, 1_800_000),
    ];
    const h = buildHistory(buckets, 'today', NOW, 1);
    expect(h.slots[9].avgInView).toEqual({ value: 2, text: '2.00' });
    expect(h.slots[9].peakInView).toEqual({ value: 4, text: '4' });
    expect(h.slots[8].avgInView).toEqual({ value: 0, text: '0' });
    // Over the range so far: 00:00 to the end of the current hour, 11 h.
    expect(h.totals.avgInView).toEqual({ value: 0.18, text: '0.18' });
    expect(h.totals.peakInView).toEqual({ value: 4, text: '4' });
    // 6 passers-by reach the threshold; a peak of 4 people is a count under it.
    const five = buildHistory(buckets, 'today', NOW, 5);
    expect(five.slots[9].avgInView.value).toBe(2);
    expect(five.slots[9].peakInView).toEqual(SMALL);
    expect(five.totals.peakInView.text).toBe('<5');
  });

  it('suppresses the average in view over few passers-by, and the range average with it', () => {
    const buckets = [
      inView(bucket('hour', Date.UTC(2026, 10, 29, 8), 2), 2, 600_000),
      inView(bucket('hour', Date.UTC(2026, 10, 29, 9), 6), 6, 3_600_000),
      // Person-time in a minute nobody arrived in (they came earlier): passers-by 0.
      inView(bucket('hour', Date.UTC(2026, 10, 29, 10), 0), 1, 60_000),
    ];
    const h = buildHistory(buckets, 'today', NOW, 5);
    expect(h.slots[8].avgInView).toEqual({
      value: null,
      text: SUPPRESSED,
      hidden: 'few',
    });
    expect(h.slots[9].avgInView).toEqual({ value: 1, text: '1.00' });
    expect(h.slots[9].peakInView).toEqual({ value: 6, text: '6' });
    expect(h.slots[10].avgInView).toEqual(FEW);
    // The range's person-time minus slot 9's would give the others away.
    expect(h.totals.avgInView).toEqual(FEW);
    expect(h.totals.peakInView.value).toBe(6);
    const all = buildHistory(buckets, 'today', NOW, 1);
    expect(values(all.slots.slice(8).map((s) => s.avgInView))).toEqual([
      0.17, 1, 0.02,
    ]);
    expect(all.totals.avgInView.text).toBe('0.11');
    // Without the slots under the threshold, the range average is shown.
    const one = buildHistory([buckets[1]], 'today', NOW, 5);
    expect(one.totals.avgInView).toEqual({ value: 0.09, text: '0.09' });
  });

  it('shows visits whose mood was not estimated, suppressed like any count', () => {
    const h = buildHistory(
      [
        bucket('hour', Date.UTC(2026, 10, 29, 9), 7, {}, 'camera', [
          { mood: null },
          { mood: null, ageGroup: null, gender: null },
        ]),
      ],
      'today',
      NOW,
      5,
    );
    expect(h.totals.passersBy.text).toBe('9');
    expect(h.slots[9].moods.unknown).toEqual(SMALL);
    expect(h.totals.moods.unknown.text).toBe('<5');
    // 9 − 7 would give the two away: the 7 is hidden as well.
    expect(h.totals.moods.positive).toEqual(reveals(5, 8));
    expect(h.totals.ages.unknown.text).toBe('<5');
    expect(h.totals.genders.unknown.text).toBe('<5');
    const one = buildHistory(
      [
        bucket('hour', Date.UTC(2026, 10, 29, 9), 7, {}, 'camera', [
          { mood: null },
          { mood: null, ageGroup: null, gender: null },
        ]),
      ],
      'today',
      NOW,
      1,
    );
    expect(one.slots[9].moods.unknown).toEqual({ value: 2, text: '2' });
    expect(one.totals.ages.unknown.value).toBe(1);
  });

  it('issue 19: 15 passers-by today, every face seen female, one never seen: the gender chart has something to draw', () => {
    // Four hours of 4, 4, 4 and 3 visits (each hour below 5); the last hour's first person
    // never showed a face, so their gender, age and mood are not estimated.
    const visits = [4, 4, 4, 3].map((n, h) => {
      const start = Date.UTC(2026, 10, 29, 6 + h);
      let b = emptyBucket('hour', 'camera', start);
      for (let i = 0; i < n; i++) {
        const face = !(h === 3 && i === 0);
        b = foldVisit(
          b,
          makeVisit(start + 5 * MIN)(
            face
              ? { mood: i % 2 ? 'neutral' : 'positive' }
              : { gender: null, ageGroup: null, mood: null, watcher: false },
          ),
        );
      }
      return validateBucket(b);
    });
    const h = buildHistory(visits, 'today', NOW, 5);
    const g = h.totals.genders;
    expect(h.totals.passersBy.text).toBe('15');
    // Before: female "suppressed" (null), male 0, unknown "<5" (null): a blank chart. The 14
    // must stay hidden (15 − 14 − 0 is the one not estimated), but the 1 is "<5", so the
    // female count is 15 − (1 to 4): 11–14, which says no more than "<5" does.
    expect(g.female).toEqual(reveals(11, 14));
    expect(g.male).toEqual({ value: 0, text: '0' });
    expect(g.unknown).toEqual(SMALL);
    // Every figure of every chart is a value or a range: nothing is blank.
    const drawable = (c: Cell) => c.value !== null || c.range !== undefined;
    const counts = [
      ...Object.values(h.totals.ages),
      ...Object.values(g),
      ...Object.values(h.totals.dwell),
      ...h.slots.flatMap((s) => [
        s.passersBy,
        s.watchers,
        s.peakInView,
        ...Object.values(s.moods),
      ]),
    ];
    expect(counts.filter((c) => !drawable(c))).toEqual([]);
    // Per hour all is "<5"; the range's watchers (14) hide the one who did not look.
    expect(texts(h.slots.slice(6, 10).map((s) => s.passersBy))).toEqual(
      Array(4).fill('<5'),
    );
    expect(h.totals.watchers).toEqual(reveals(12, 14));
    audit(publication(h, visits));
  });

  it('rejects a threshold that is not a whole number ≥ 1', () => {
    for (const t of [0, -1, 2.5, Number.NaN]) {
      expect(() => buildHistory([], 'hour', NOW, t)).toThrow(RangeError);
    }
  });

  it('never lets a small count be worked out, through the real path, and hides nothing for nothing', () => {
    // mulberry32: seeded, its low bits as random as its high ones.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
      return Math.floor((((r ^ (r >>> 14)) >>> 0) / 2 ** 32) * n);
    };
    const genders = ['female', 'male', null] as const;
    const moods = ['positive', 'neutral', 'negative', null] as const;
    const ages = ['18-24', '25-34', '65+', null] as const;
    const seen = { hidden: 0, pinnedByLabels: 0 };
    for (let trial = 0; trial < 120; trial++) {
      const threshold = [5, 5, 3, 2][rand(4)];
      const buckets: Bucket[] = [];
      // Mostly a few busy hours, like a demo; sometimes many quiet ones.
      const hours = 1 + rand(rand(2) ? 3 : 6);
      for (let h = 0; h < hours; h++) {
        const more = Array.from({ length: rand(12) }, () => ({
          watcher: rand(4) > 0,
          gender: genders[rand(3)],
          ageGroup: ages[rand(4)],
          mood: moods[rand(4)],
          dwellMs: rand(90_000),
        }));
        buckets.push(
          bucket('hour', Date.UTC(2026, 10, 29, 10 - h), 0, {}, 'camera', more),
        );
      }
      const data = buildHistory(buckets, 'today', NOW, threshold);
      const found = audit(publication(data, buckets));
      seen.hidden += found.hidden;
      seen.pinnedByLabels += found.pinnedByLabels;
      // (This supersedes the old check that no sum with a shown total has one figure hidden:
      // a lone "<N" beside a shown total is now left only where the labels already give it
      // away, as 4 passers-by in 4 moods are 1 each — hiding more would tell nothing.)
      for (const s of data.slots) {
        for (const c of [s.passersBy, s.watchers, ...Object.values(s.moods)]) {
          if (c.value !== null) {
            expect(c.value === 0 || c.value >= threshold).toBe(true);
          } else if (c.hidden === 'small') {
            expect(c.text).toBe(`<${threshold}`);
          } else {
            expect(c.hidden).toBe('reveals');
            expect(c.text).toMatch(/^\d+–\d+$|^≥\d+$/);
          }
        }
      }
    }
    // The trials hid counts, and met counts the labels alone give away.
    expect(seen.hidden).toBeGreaterThan(100);
    expect(seen.pinnedByLabels).toBeGreaterThan(0);
  });
});

describe('in Europe/Berlin (DST)', () => {
  inZone('Europe/Berlin');

  it('groups hour buckets by local day, including a 23-hour day', () => {
    // Tue 31 Mar 2026, 12:30 CEST; clocks went forward on Sun 29 Mar.
    const now = Date.UTC(2026, 2, 31, 10, 30);
    const q = rangeQuery('week', now);
    expect(q.from).toBe(Date.UTC(2026, 2, 24, 23)); // Wed 25 Mar 00:00 CET
    const h = buildHistory(
      [
        bucket('hour', Date.UTC(2026, 2, 28, 22), 5), // Sat 28, 23:00 CET
        bucket('hour', Date.UTC(2026, 2, 28, 23), 6), // Sun 29, 00:00 CET
        bucket('hour', Date.UTC(2026, 2, 29, 21), 7), // Sun 29, 23:00 CEST
        bucket('hour', Date.UTC(2026, 2, 29, 22), 8), // Mon 30, 00:00 CEST
      ],
      'week',
      now,
      1,
    );
    expect(h.slotSpan).toBe('day');
    expect(h.slots.map((s) => s.label)).toEqual([
      'Wed 25 Mar',
      'Thu 26 Mar',
      'Fri 27 Mar',
      'Sat 28 Mar',
      'Sun 29 Mar',
      'Mon 30 Mar',
      'Tue 31 Mar',
    ]);
    expect(values(h.slots.map((s) => s.passersBy))).toEqual([
      0, 0, 0, 5, 13, 8, 0,
    ]);
    const sunday = h.slots[4];
    expect(sunday.end - sunday.start).toBe(23 * HOUR);
  });

  it('starts today at local midnight', () => {
    const now = Date.UTC(2026, 10, 29, 10, 15); // 11:15 CET
    expect(rangeQuery('today', now)).toEqual({
      granularity: 'hour',
      from: Date.UTC(2026, 10, 28, 23),
      to: Date.UTC(2026, 10, 29, 11),
    });
    const h = buildHistory([], 'today', now, 5);
    expect(h.slots.map((s) => s.label).slice(0, 2)).toEqual(['00:00', '01:00']);
    expect(h.slots).toHaveLength(12);
  });
});

describe('in Asia/Kolkata (UTC+5:30)', () => {
  inZone('Asia/Kolkata');

  it('puts an hour bucket in the local day that contains its start', () => {
    const now = Date.UTC(2026, 10, 29, 6, 0); // Sun 29 Nov, 11:30 IST
    const q = rangeQuery('today', now);
    // Local midnight is 18:30 UTC; the first whole UTC hour after it starts at 00:30 IST.
    expect(q.from).toBe(Date.UTC(2026, 10, 28, 19));
    const h = buildHistory(
      [
        bucket('hour', Date.UTC(2026, 10, 28, 18), 5), // Sat 23:30–00:30 IST
        bucket('hour', Date.UTC(2026, 10, 28, 19), 6), // Sun 00:30 IST
      ],
      'week',
      now,
      1,
    );
    expect(h.slots.at(-2)!.passersBy.value).toBe(5);
    expect(h.slots.at(-1)!.passersBy.value).toBe(6);
    const today = buildHistory([], 'today', now, 1);
    expect(today.slots[0].label).toBe('00:30');
  });
});
