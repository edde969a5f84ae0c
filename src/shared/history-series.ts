// The dashboard's history: which stored buckets a range needs, and the time slots, per-slot
// series (visits, people in view, moods) and range totals to draw, with small counts
// suppressed so that no shown figure, nor any sum, difference or bound of shown figures,
// singles out a person (history-suppression.ts). Zones, lines and alerts:
// history-site-series.ts. Pure; imports src/shared only.

import {
  DWELL_BINS,
  GENDERS,
  MOODS,
  SPAN_MS,
  SUPPRESSED,
  emptyCounts,
  suppress,
  type Bucket,
  type Counts,
  type DwellBin,
} from './aggregates';
import { Ledger, type Keep } from './history-suppression';
import { AGE_GROUPS, type AgeGroup, type Gender, type Mood } from './types';

export type HistoryRange = 'hour' | 'today' | 'week';
export const HISTORY_RANGES: readonly HistoryRange[] = [
  'hour',
  'today',
  'week',
];

/** What to ask the store for: buckets of `granularity` whose start is in [from, to). */
export interface RangeQuery {
  granularity: 'minute' | 'hour';
  from: number;
  to: number;
}

/**
 * Why a figure is not shown exactly: 'small', a count from 1 to N − 1 (threshold N), shown
 * as `<N`; 'reveals', a count that, shown exactly, would let a reader work out a small one
 * from the others, shown as the range they already allow ("11–14", or "≥6" with no most);
 * 'few', an average or sum over fewer than N people, shown as SUPPRESSED ("suppressed").
 */
export type HiddenWhy = 'small' | 'reveals' | 'few';

/**
 * One shown figure. `value` is for charts: the count, or null when it is not shown exactly.
 * `text` is for tables, tooltips and labels. A count not shown exactly says why, and the
 * least and most it can be as far as anyone can tell from what is shown (most null: no
 * bound), so a chart can draw it as a range.
 */
export interface Cell {
  value: number | null;
  text: string;
  hidden?: HiddenWhy;
  range?: readonly [lo: number, hi: number | null];
}

/** Age groups plus visits whose age was not estimated (age switched off, face never seen). */
export type AgeKey = AgeGroup | 'unknown';
export const AGE_KEYS: readonly AgeKey[] = [...AGE_GROUPS, 'unknown'];
/** Moods plus visits whose mood was not estimated. */
export type MoodKey = Mood | 'unknown';
export const MOOD_KEYS: readonly MoodKey[] = [...MOODS, 'unknown'];

export interface HistorySlot {
  /** Local label: "14:05" (minute), "14:00" (hour), "Mon 30 Nov" (local day). */
  label: string;
  /** Slot start and end, ms since the epoch (a day slot spans local midnight to midnight). */
  start: number;
  end: number;
  passersBy: Cell;
  watchers: Cell;
  moods: Record<MoodKey, Cell>;
  /**
   * Average people in view over the slot: person-time in view / the slot's span (the current
   * slot fills up as it goes, like its counts). A sum over people, so SUPPRESSED when the
   * slot's passers-by are under the threshold.
   */
  avgInView: Cell;
  /** Most people in view at once on one source; a count, suppressed like one. */
  peakInView: Cell;
}

export interface HistoryTotals {
  passersBy: Cell;
  watchers: Cell;
  /** Mean dwell in ms; null unless at least `threshold` passers-by (and at least one). */
  avgDwellMs: number | null;
  ages: Record<AgeKey, Cell>;
  genders: Record<Gender, Cell>;
  dwell: Record<DwellBin, Cell>;
  moods: Record<MoodKey, Cell>;
  /**
   * Average people in view over the range; SUPPRESSED also while any slot's is, since the
   * range's person-time minus the shown slots' would give that slot's away.
   */
  avgInView: Cell;
  peakInView: Cell;
}

export interface HistoryData {
  range: HistoryRange;
  /** What one slot spans. */
  slotSpan: 'minute' | 'hour' | 'day';
  threshold: number;
  from: number;
  to: number;
  slots: HistorySlot[];
  totals: HistoryTotals;
  /** No visit at all in the range (exact; an empty range reveals nobody). */
  empty: boolean;
}

const MINUTE = SPAN_MS.minute;
const HOUR = SPAN_MS.hour;
const floorTo = (ms: number, span: number) => Math.floor(ms / span) * span;
const ceilTo = (ms: number, span: number) => Math.ceil(ms / span) * span;

/** Local midnight `dayOffset` days from the local day containing `ms` (DST-safe). */
function localMidnight(ms: number, dayOffset = 0): number {
  const d = new Date(ms);
  return new Date(
    d.getFullYear(),
    d.getMonth(),
    d.getDate() + dayOffset,
  ).getTime();
}

/**
 * Buckets to read for a range. Hour buckets are UTC hours; where the local offset is not a
 * whole hour (e.g. UTC+5:30) an hour bucket belongs to the local day containing its start,
 * so a day starts at the first UTC hour at or after local midnight.
 */
export function rangeQuery(range: HistoryRange, nowMs: number): RangeQuery {
  switch (range) {
    case 'hour': {
      const to = floorTo(nowMs, MINUTE) + MINUTE;
      return { granularity: 'minute', from: to - 60 * MINUTE, to };
    }
    case 'today':
    case 'week': {
      const back = range === 'today' ? 0 : -6;
      const from = ceilTo(localMidnight(nowMs, back), HOUR);
      return { granularity: 'hour', from, to: floorTo(nowMs, HOUR) + HOUR };
    }
    default:
      throw new RangeError(`Unknown history range: ${String(range)}`);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const clock = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const dayLabel = (ms: number) => {
  const d = new Date(ms);
  return `${WEEKDAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]}`;
};

/** A slot, and the bucket starts [bFrom, bTo) that fall into it. */
export interface Frame {
  label: string;
  start: number;
  end: number;
  bFrom: number;
  bTo: number;
}

/** The range's slots (also used by history-site-series.ts). */
export function frames(
  range: HistoryRange,
  nowMs: number,
  q: RangeQuery,
): Frame[] {
  if (range === 'week') {
    return Array.from({ length: 7 }, (_, i) => {
      const start = localMidnight(nowMs, i - 6);
      const end = localMidnight(nowMs, i - 5);
      const bFrom = Math.max(q.from, ceilTo(start, HOUR));
      const bTo = Math.min(q.to, ceilTo(end, HOUR));
      return { label: dayLabel(start), start, end, bFrom, bTo };
    });
  }
  const span = SPAN_MS[q.granularity];
  const out: Frame[] = [];
  for (let s = q.from; s < q.to; s += span) {
    out.push({
      label: clock(s),
      start: s,
      end: s + span,
      bFrom: s,
      bTo: s + span,
    });
  }
  return out;
}

function addInto(into: Counts, b: Counts): void {
  into.passersBy += b.passersBy;
  into.watchers += b.watchers;
  into.dwellMs += b.dwellMs;
  into.occupancyMs += b.occupancyMs;
  // Sources are not added: one source's peak is what is known to have been in view at once.
  into.peakInView = Math.max(into.peakInView, b.peakInView);
  for (const k of AGE_GROUPS) into.ageGroups[k] += b.ageGroups[k];
  for (const k of GENDERS) into.genders[k] += b.genders[k];
  for (const k of MOODS) into.moods[k] += b.moods[k];
  for (const k of DWELL_BINS) into.dwell[k] += b.dwell[k];
}

export function checkThreshold(threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError('Suppression threshold must be a whole number ≥ 1.');
  }
}

const mapKeys = <K extends string, V>(keys: readonly K[], f: (k: K) => V) =>
  Object.fromEntries(keys.map((k) => [k, f(k)])) as Record<K, V>;
const sum = (ns: number[]) => ns.reduce((s, n) => s + n, 0);

/** A count from 1 to N − 1, shown as `<N`. */
export const smallCell = (threshold: number): Cell => ({
  value: null,
  text: String(suppress(1, threshold)),
  hidden: 'small',
  range: [1, threshold - 1],
});

/** An average or sum over fewer than the threshold's people. */
export const FEW: Cell = Object.freeze({
  value: null,
  text: SUPPRESSED,
  hidden: 'few' as const,
});

/** Protects the ledger's cells at `threshold`, then reads any of them as a shown Cell. */
export function protectedCells(L: Ledger, threshold: number) {
  const p = L.protect(threshold);
  return (id: number): Cell => {
    const v = L.values[id];
    if (p.state[id] === 'small') return smallCell(threshold);
    if (p.state[id] === 'shown') return { value: v, text: String(v) };
    const [lo, hi] = p.range(id);
    const most = hi === Infinity ? null : hi;
    return {
      value: null,
      text:
        most === null ? `≥${lo}` : lo === most ? String(lo) : `${lo}–${most}`,
      hidden: 'reveals',
      range: [lo, most],
    };
  };
}

/** Person-time over a span as people in view, to two decimals; SUPPRESSED over few visits. */
function average(c: Counts, spanMs: number, threshold: number): Cell {
  if (c.occupancyMs === 0) return { value: 0, text: '0' };
  if (threshold > 1 && c.passersBy < threshold) return FEW;
  const value = Math.round((100 * c.occupancyMs) / spanMs) / 100;
  return { value, text: value.toFixed(2) };
}

/** A maximum (most at once): a count, suppressed like one but no term of any sum. */
export function peakCell(n: number, threshold: number): Cell {
  return n === 0 || n >= threshold
    ? { value: n, text: String(n) }
    : smallCell(threshold);
}

/**
 * Sums buckets of every source per slot (exactly), then suppresses each shown figure.
 * Buckets outside the range or of another granularity are ignored.
 */
export function buildHistory(
  buckets: readonly Bucket[],
  range: HistoryRange,
  nowMs: number,
  threshold: number,
): HistoryData {
  checkThreshold(threshold);
  const q = rangeQuery(range, nowMs);
  const fs = frames(range, nowMs, q);
  const perSlot = fs.map(() => emptyCounts());
  const total = emptyCounts();
  for (const b of buckets) {
    if (b.granularity !== q.granularity) continue;
    const i = fs.findIndex((f) => b.start >= f.bFrom && b.start < f.bTo);
    if (i === -1) continue;
    addInto(perSlot[i], b);
    addInto(total, b);
  }

  const L = new Ledger();
  // The range's passers-by head the page: hidden last. Its other totals come next.
  const visitCells = (c: Counts, keep: Keep) => ({
    passersBy: L.cell(c.passersBy, {
      keep: keep === 'total' ? 'headline' : keep,
    }),
    watchers: L.cell(c.watchers, { keep }),
    // Passers-by who did not look: never shown, but a term of the sums.
    away: L.cell(c.passersBy - c.watchers, { unseen: true }),
    moods: mapKeys(MOODS, (k) => L.cell(c.moods[k], { keep })),
    // Shown as "not estimated": a count of visits like the others.
    unread: L.cell(c.passersBy - sum(MOODS.map((k) => c.moods[k])), { keep }),
  });
  const T = visitCells(total, 'total');
  const ageKnown = sum(AGE_GROUPS.map((k) => total.ageGroups[k]));
  const ages = mapKeys(AGE_KEYS, (k) =>
    L.cell(k === 'unknown' ? total.passersBy - ageKnown : total.ageGroups[k]),
  );
  const genders = mapKeys(GENDERS, (k) => L.cell(total.genders[k]));
  const dwell = mapKeys(DWELL_BINS, (k) => L.cell(total.dwell[k]));
  const S = perSlot.map((c) => visitCells(c, 'figure'));
  // The range's passers-by as one circulation, so that every sum a reader can check follows
  // from these balances: they split into watchers and not, each of those over the slots; a
  // slot's add up to its passers-by, who split into moods; each mood over the slots adds up
  // to the range's, and the range's moods, genders, age groups and dwell bins all add up to
  // the same passers-by.
  const moodsOf = (m: { moods: Record<Mood, number>; unread: number }) => [
    ...Object.values<number>(m.moods),
    m.unread,
  ];
  L.group(T.passersBy, [T.watchers, T.away]);
  L.group(
    T.watchers,
    S.map((s) => s.watchers),
  );
  L.group(
    T.away,
    S.map((s) => s.away),
  );
  for (const s of S) {
    L.balance([s.watchers, s.away], [s.passersBy]);
    L.group(s.passersBy, moodsOf(s));
  }
  moodsOf(T).forEach((t, k) =>
    L.balance(
      S.map((s) => moodsOf(s)[k]),
      [t],
    ),
  );
  const chain = [
    moodsOf(T),
    ...[genders, ages, dwell].map(Object.values<number>),
  ];
  for (let i = 1; i < chain.length; i++) L.balance(chain[i - 1], chain[i]);

  const out = protectedCells(L, threshold);
  const outAll = <K extends string>(r: Record<K, number>) =>
    mapKeys(Object.keys(r) as K[], (k) => out(r[k]));

  const n = total.passersBy;
  const slotAvg = fs.map((f, i) =>
    average(perSlot[i], f.end - f.start, threshold),
  );
  const rangeAvg = slotAvg.some((c) => c.hidden === 'few')
    ? FEW
    : average(total, fs.at(-1)!.end - fs[0].start, threshold);
  const shownMoods = (m: { moods: Record<Mood, number>; unread: number }) => ({
    ...outAll(m.moods),
    unknown: out(m.unread),
  });
  return {
    range,
    slotSpan: range === 'hour' ? 'minute' : range === 'today' ? 'hour' : 'day',
    threshold,
    from: q.from,
    to: q.to,
    slots: fs.map((f, i) => ({
      label: f.label,
      start: f.start,
      end: f.end,
      passersBy: out(S[i].passersBy),
      watchers: out(S[i].watchers),
      moods: shownMoods(S[i]),
      avgInView: slotAvg[i],
      peakInView: peakCell(perSlot[i].peakInView, threshold),
    })),
    totals: {
      passersBy: out(T.passersBy),
      watchers: out(T.watchers),
      avgDwellMs:
        n > 0 && n >= threshold ? Math.round(total.dwellMs / n) : null,
      ages: outAll(ages),
      genders: outAll(genders),
      dwell: outAll(dwell),
      moods: shownMoods(T),
      avgInView: rangeAvg,
      peakInView: peakCell(total.peakInView, threshold),
    },
    empty: n === 0,
  };
}
