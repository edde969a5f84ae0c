// The history series: range queries and slots in several time zones, exact sums across
// sources, and small-count suppression (primary and complementary) at thresholds 5 and 1.
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
  MOOD_KEYS,
  buildHistory,
  rangeQuery,
  type Cell,
  type HistoryRange,
} from '../../src/shared/history-series';
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
    expect(h.slots[8].passersBy).toEqual({ value: null, text: '<5' });
    expect(h.slots[7].passersBy).toEqual({ value: 0, text: '0' });
    // 7 is hidden too: with the total (10) shown, 10 − 7 would give the "<5" away.
    expect(h.slots[9].passersBy).toEqual({ value: null, text: SUPPRESSED });
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
      SUPPRESSED,
      '<5',
      '0',
    ]);
    expect(ages['45-54'].text).toBe('<5');
    expect(ages['25-34'].text).toBe(SUPPRESSED);
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
    expect(h.slots[9].watchers).toEqual({ value: null, text: SUPPRESSED });
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
    expect(five.slots[9].peakInView).toEqual({ value: null, text: '<5' });
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
    expect(h.slots[8].avgInView).toEqual({ value: null, text: SUPPRESSED });
    expect(h.slots[9].avgInView).toEqual({ value: 1, text: '1.00' });
    expect(h.slots[9].peakInView).toEqual({ value: 6, text: '6' });
    expect(h.slots[10].avgInView).toEqual({ value: null, text: SUPPRESSED });
    // The range's person-time minus slot 9's would give the others away.
    expect(h.totals.avgInView).toEqual({ value: null, text: SUPPRESSED });
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
    expect(h.slots[9].moods.unknown).toEqual({ value: null, text: '<5' });
    expect(h.totals.moods.unknown.text).toBe('<5');
    // 9 − 7 would give the two away: the 7 is hidden as well.
    expect(h.totals.moods.positive.text).toBe(SUPPRESSED);
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

  it('rejects a threshold that is not a whole number ≥ 1', () => {
    for (const t of [0, -1, 2.5, Number.NaN]) {
      expect(() => buildHistory([], 'hour', NOW, t)).toThrow(RangeError);
    }
  });

  it('never leaves one suppressed cell alone in a sum whose total is shown', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const genders = ['female', 'male', null] as const;
    const moods = ['positive', 'neutral', 'negative', null] as const;
    for (let trial = 0; trial < 200; trial++) {
      const buckets: Bucket[] = [];
      for (let h = 0; h <= 10; h++) {
        if (rand(3) === 0) continue;
        const more = Array.from({ length: rand(12) }, () => ({
          watcher: rand(4) > 0,
          gender: genders[rand(3)],
          mood: moods[rand(4)],
          dwellMs: rand(90_000),
        }));
        buckets.push(
          bucket('hour', Date.UTC(2026, 10, 29, h), 0, {}, 'camera', more),
        );
      }
      const data = buildHistory(buckets, 'today', NOW, 5);
      const t = data.totals;
      const lonely = (total: Cell, members: Cell[]) =>
        total.value !== null &&
        members.filter((m) => m.value === null).length === 1;
      for (const r of [t.genders, t.dwell, t.ages, t.moods]) {
        expect(lonely(t.passersBy, Object.values(r))).toBe(false);
      }
      expect(
        lonely(
          t.passersBy,
          data.slots.map((s) => s.passersBy),
        ),
      ).toBe(false);
      for (const s of data.slots) {
        for (const c of [s.passersBy, s.watchers, ...Object.values(s.moods)]) {
          if (c.value !== null)
            expect(c.value === 0 || c.value >= 5).toBe(true);
          else expect(['<5', SUPPRESSED]).toContain(c.text);
        }
      }
    }
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
