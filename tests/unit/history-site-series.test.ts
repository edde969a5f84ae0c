// The zones, lines and alerts history (issue 17): sums per slot over sources and zones,
// peaks as maxima, small-count suppression (primary and complementary) at thresholds 5 and
// 1, names falling back to slots, and the empty case. Runs in UTC (set before each test).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emptyBucket,
  foldSite,
  foldVisit,
  validateBucket,
  type Bucket,
  type Granularity,
  type SiteCounts,
} from '../../src/shared/aggregates';
import type { SourceKind } from '../../src/shared/kiosk-params';
import {
  NO_PLACES,
  buildSiteHistory,
  placeName,
} from '../../src/shared/history-site-series';
import { smallCell, type Cell } from '../../src/shared/history-series';
import { audit } from '../support/reader';
import { makeVisit } from '../support/visits';

const ORIGINAL_TZ = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'UTC';
});
afterAll(() => {
  process.env.TZ = ORIGINAL_TZ;
});

const NOW = Date.UTC(2026, 10, 29, 10, 15, 42); // Sun 29 Nov 2026, 10:15:42
const at = (h: number, m = 0) => Date.UTC(2026, 10, 29, h, m);

/** A valid bucket holding `site` (sparse records as stored). */
function bucket(
  granularity: Granularity,
  start: number,
  site: Partial<SiteCounts>,
  source: SourceKind = 'camera',
): Bucket {
  const empty = emptyBucket(granularity, source, start);
  return validateBucket(
    foldSite(empty, { alerts: {}, crossings: {}, zonePeaks: {}, ...site }),
  );
}

const values = (cells: Cell[]) => cells.map((c) => c.value);
const texts = (cells: Cell[]) => cells.map((c) => c.text);

describe('buildSiteHistory', () => {
  it('runs in UTC', () => {
    expect(new Date(NOW).getHours()).toBe(10);
  });

  it('sums crossings and alerts per slot over sources, and takes the most in a zone at once', () => {
    const h = buildSiteHistory(
      [
        bucket('minute', at(10, 5), {
          crossings: { 'l1.in': 2, 'l1.out': 1 },
          zonePeaks: { z2: 3 },
          alerts: { 'z2.occupancy': 1, 'z1.loitering': 1 },
        }),
        bucket(
          'minute',
          at(10, 5),
          {
            crossings: { 'l1.in': 3, 'l3.out': 4 },
            zonePeaks: { z2: 2, z1: 1 },
            alerts: { 'z3.occupancy': 2, 'frame.object': 1 },
          },
          'video',
        ),
        bucket('minute', at(10, 7), {
          crossings: { 'l1.in': 1 },
          zonePeaks: { z2: 5 },
        }),
      ],
      'hour',
      NOW,
      1,
    );
    expect(h.slots).toHaveLength(60);
    expect(h.slotSpan).toBe('minute');
    const i = h.slots.findIndex((s) => s.label === '10:05');
    const j = h.slots.findIndex((s) => s.label === '10:07');
    // Only what happened, in slot and rule order; "in" and "out" for each line crossed.
    expect(h.lines.map((l) => l.id)).toEqual(['l1', 'l3']);
    expect(h.zones.map((z) => z.id)).toEqual(['z1', 'z2']);
    expect(h.rules.map((r) => r.rule)).toEqual([
      'occupancy',
      'loitering',
      'object',
    ]);
    const [l1, l3] = h.lines;
    expect(l1.crossings.in.cells[i]).toEqual({ value: 5, text: '5' });
    expect(l1.crossings.in.cells[j]).toEqual({ value: 1, text: '1' });
    expect(l1.crossings.in.total).toEqual({ value: 6, text: '6' });
    expect(l1.crossings.out.total.value).toBe(1);
    expect(l3.crossings.in.total).toEqual({ value: 0, text: '0' });
    expect(l3.crossings.out.cells[i].value).toBe(4);
    // Peaks are not added across sources: max(3, 2), then the most over the range.
    const z2 = h.zones[1].peaks;
    expect(z2.cells[i].value).toBe(3);
    expect(z2.cells[j].value).toBe(5);
    expect(z2.total).toEqual({ value: 5, text: '5' });
    expect(h.zones[0].peaks.total.value).toBe(1);
    // Occupancy alerts of zones 2 and 3 together.
    expect(h.rules[0].alerts.cells[i].value).toBe(3);
    expect(h.rules[0].alerts.total.value).toBe(3);
    expect(h.rules[2].alerts.total.value).toBe(1);
    // Every other slot holds zeros.
    const others = h.slots.map((_, k) => k).filter((k) => k !== i && k !== j);
    expect(new Set(others.map((k) => l1.crossings.in.cells[k].text))).toEqual(
      new Set(['0']),
    );
    expect(h.empty).toBe(false);
  });

  it('sums hours into local days for the week', () => {
    const h = buildSiteHistory(
      [
        bucket('hour', at(8), { crossings: { 'l2.in': 4 } }),
        bucket('hour', at(9), { crossings: { 'l2.in': 6 } }),
        bucket('hour', Date.UTC(2026, 10, 27, 12), {
          crossings: { 'l2.in': 5 },
        }),
      ],
      'week',
      NOW,
      1,
    );
    expect(h.slots.map((s) => s.label)).toEqual([
      'Mon 23 Nov',
      'Tue 24 Nov',
      'Wed 25 Nov',
      'Thu 26 Nov',
      'Fri 27 Nov',
      'Sat 28 Nov',
      'Sun 29 Nov',
    ]);
    expect(values(h.lines[0].crossings.in.cells)).toEqual([
      0, 0, 0, 0, 5, 0, 10,
    ]);
    expect(h.lines[0].crossings.in.total.value).toBe(15);
  });

  it('shows a count below 5 as "<5", and hides one more so the total cannot give it away', () => {
    const h = buildSiteHistory(
      [
        bucket('hour', at(8), {
          crossings: { 'l1.in': 2, 'l1.out': 6 },
          alerts: { 'z1.restricted': 1 },
        }),
        bucket('hour', at(9), {
          crossings: { 'l1.in': 7, 'l1.out': 5 },
          alerts: { 'z1.restricted': 1, 'z2.restricted': 2 },
        }),
      ],
      'today',
      NOW,
      5,
    );
    const { in: entries, out: exits } = h.lines[0].crossings;
    expect(entries.cells[8]).toEqual(smallCell(5));
    // 7 is hidden too: with the total (9) shown, 9 − 7 would give the "<5" away.
    // Shown as the range 9 − "<5" allows, given that it is 5 or more: it tells nothing new.
    expect(entries.cells[9]).toEqual({
      value: null,
      text: '5–8',
      hidden: 'reveals',
      range: [5, 8],
    });
    expect(entries.total).toEqual({ value: 9, text: '9' });
    expect(entries.cells[7]).toEqual({ value: 0, text: '0' });
    // Nothing small among the exits: all shown.
    expect(texts([exits.cells[8], exits.cells[9], exits.total])).toEqual([
      '6',
      '5',
      '11',
    ]);
    // Alerts summed over zones before suppressing: 1 and 1 + 2, total 4, all small.
    const alerts = h.rules[0].alerts;
    expect(h.rules[0].rule).toBe('restricted');
    expect(texts([alerts.cells[8], alerts.cells[9], alerts.total])).toEqual([
      '<5',
      '<5',
      '<5',
    ]);
    expect(values([alerts.cells[8], alerts.cells[9], alerts.total])).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('never lets a small count of crossings be worked out (alerts sum the same way), nor hides one for nothing', () => {
    // mulberry32: seeded, its low bits as random as its high ones.
    let seed = 3;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
      return Math.floor((((r ^ (r >>> 14)) >>> 0) / 2 ** 32) * n);
    };
    let hidden = 0;
    for (let trial = 0; trial < 100; trial++) {
      const rows = Array.from(
        { length: 1 + rand(5) },
        () => [0, 1, 2, 4, 5, 6, 9][rand(7)],
      );
      const h = buildSiteHistory(
        rows.map((n, i) =>
          bucket('hour', at(10 - i), { crossings: { 'l1.in': n } }),
        ),
        'today',
        NOW,
        5,
      );
      if (!h.lines.length) continue; // nobody crossed
      const s = h.lines[0].crossings.in;
      // The series' cells and its total: one sum, as the reader sees it.
      const cells = [...s.cells, s.total];
      const truth = [
        ...h.slots.map((slot) => {
          const i = rows.findIndex((_, j) => at(10 - j) === slot.start);
          return i === -1 ? 0 : rows[i];
        }),
        rows.reduce((a, b) => a + b, 0),
      ];
      hidden += audit({
        threshold: 5,
        sums: [{ ins: [cells.length - 1], outs: s.cells.map((_, i) => i) }],
        values: truth,
        shown: cells.map((c) =>
          c.value !== null
            ? { as: 'exact' }
            : c.hidden === 'small'
              ? { as: 'small' }
              : { as: 'range', lo: c.range![0], hi: c.range![1] },
        ),
      }).hidden;
    }
    expect(hidden).toBeGreaterThan(10);
  });

  it('suppresses a small zone peak on its own: a maximum is no term of a sum', () => {
    const h = buildSiteHistory(
      [
        bucket('hour', at(8), { zonePeaks: { z4: 3 } }),
        bucket('hour', at(9), { zonePeaks: { z4: 8 } }),
      ],
      'today',
      NOW,
      5,
    );
    const { cells, total } = h.zones[0].peaks;
    expect(cells[8]).toEqual(smallCell(5));
    expect(cells[9]).toEqual({ value: 8, text: '8' });
    expect(total).toEqual({ value: 8, text: '8' });
  });

  it('shows every figure at threshold 1', () => {
    const h = buildSiteHistory(
      [
        bucket('hour', at(8), {
          crossings: { 'l1.in': 1 },
          zonePeaks: { z1: 1 },
        }),
      ],
      'today',
      NOW,
      1,
    );
    expect(h.lines[0].crossings.in.cells[8]).toEqual({ value: 1, text: '1' });
    expect(h.zones[0].peaks.cells[8]).toEqual({ value: 1, text: '1' });
  });

  it('is empty when no bucket in the range holds a crossing, zone peak or alert', () => {
    const visit = makeVisit(0, { dwellMs: 10_000 });
    const visits = validateBucket(
      foldVisit(emptyBucket('minute', 'camera', at(10, 5)), visit()),
    );
    for (const buckets of [
      [],
      [visits],
      // Another granularity, and minutes before and after the range.
      [
        bucket('hour', at(10), { crossings: { 'l1.in': 9 } }),
        bucket('minute', at(9, 15), { zonePeaks: { z1: 9 } }),
        bucket('minute', at(10, 16), { alerts: { 'z1.occupancy': 9 } }),
      ],
    ]) {
      const h = buildSiteHistory(buckets, 'hour', NOW, 5);
      expect(h.empty).toBe(true);
      expect([h.lines, h.zones, h.rules]).toEqual([[], [], []]);
      expect(h.slots).toHaveLength(60);
    }
  });

  it('counts a key stored as zero as drawn (a zone nobody entered)', () => {
    const h = buildSiteHistory(
      [
        bucket('minute', at(10, 5), {}),
        validateBucket({
          ...bucket('minute', at(10, 6), {}),
          zonePeaks: { z1: 0 },
        }),
      ],
      'hour',
      NOW,
      5,
    );
    expect(h.empty).toBe(false);
    expect(h.zones[0].peaks.total).toEqual({ value: 0, text: '0' });
  });

  it('rejects a threshold that is not a whole number ≥ 1', () => {
    expect(() => buildSiteHistory([], 'today', NOW, 0)).toThrow(RangeError);
    expect(() => buildSiteHistory([], 'today', NOW, 2.5)).toThrow(RangeError);
  });
});

describe('placeName', () => {
  it('uses the name the user gave, trimmed', () => {
    const places = { zones: { z2: '  Lobby ' }, lines: { l1: 'Front door' } };
    expect(placeName('z2', places)).toBe('Lobby');
    expect(placeName('l1', places)).toBe('Front door');
  });

  it('falls back to the slot for a missing or blank name', () => {
    const places = { zones: { z1: '   ' }, lines: { l2: '' } };
    expect(placeName('z1', places)).toBe('Zone 1');
    expect(placeName('z8', places)).toBe('Zone 8');
    expect(placeName('l2', places)).toBe('Line 2');
    expect(placeName('l1', NO_PLACES)).toBe('Line 1');
  });

  it("adds up enrolled people's visits per slot by profile id, unsuppressed, apart from the site charts", () => {
    const a = 'aaaaaaaaaaaaaaaa';
    const b = '0123456789abcdef';
    const h = buildSiteHistory(
      [
        bucket('minute', at(10, 5), { profiles: { [a]: 1 } }),
        bucket('minute', at(10, 5), { profiles: { [a]: 1, [b]: 2 } }, 'video'),
        bucket('minute', at(10, 9), { profiles: { [b]: 1 } }),
      ],
      'hour',
      NOW,
      5,
    );
    expect(h.profiles.map((p) => p.id)).toEqual([b, a]);
    const [pb, pa] = h.profiles;
    expect(values(pa!.visits.cells).filter((v) => v !== 0)).toEqual([2]);
    expect(pa!.visits.total).toEqual({ value: 2, text: '2' });
    expect(pb!.visits.total).toEqual({ value: 3, text: '3' });
    // No zone, line or alert: the site charts stay empty.
    expect(h.empty).toBe(true);
  });
});
