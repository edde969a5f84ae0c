// The dashboard's history: which stored buckets a range needs, and the time slots, per-slot
// series (visits, people in view, moods) and range totals to draw, with small counts
// suppressed so that no shown figure, nor a sum or difference of shown figures, singles out a
// person. Zones, lines and alerts: history-site-series.ts. Pure; imports src/shared only.

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
 * One shown figure. `value` is for charts: null when suppressed, so nothing is drawn for it.
 * `text` is for tables, tooltips and labels: the count, `<N` for a count below the
 * threshold N, or SUPPRESSED ("suppressed") for a count hidden only so that it cannot be
 * subtracted from a total to recover a `<N` one.
 */
export interface Cell {
  value: number | null;
  text: string;
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

// ---- Suppression with complementary cells ----
//
// Every figure is a cell; every sum a reader can check is a group [total, ...members]: a
// range total over its slots, a slot's passers-by over its watchers and the rest, and so on.
// Some cells are never shown (passers-by who did not look, visits without a mood) but are
// still terms of sums. Primary: a count 0 < n < threshold. Then, as a reader would, we work
// out every cell that is the last unknown of some sum (a hidden remainder of 0 counts as
// known: it is easy to guess). While that recovers a primary cell, the smallest non-zero
// shown member of the sums involved (a total only if no member will do) is hidden too.
// This stops recovery by adding and subtracting exact figures. It is not differential
// privacy: a suppressed count can still be bounded, or read off another range (minutes vs
// hours) or an export (docs/decisions/0007-storage-schema.md).

type CellState = 'shown' | 'small' | 'hidden';

export class Ledger {
  readonly values: number[] = [];
  readonly hidden: boolean[] = [];
  readonly groups: number[][] = [];

  cell(value: number, hidden = false): number {
    this.values.push(Math.max(0, value));
    this.hidden.push(hidden);
    return this.values.length - 1;
  }

  group(total: number, members: number[]): void {
    this.groups.push([total, ...members]);
  }

  /** 'shown', 'small' (primary) or 'hidden' (complementary) for every cell. */
  protect(threshold: number): CellState[] {
    const { values, hidden } = this;
    const state = values.map((v): CellState =>
      v > 0 && v < threshold ? 'small' : 'shown',
    );
    const visible = (i: number) => !hidden[i] && state[i] === 'shown';
    for (;;) {
      const leak = this.derive(state, visible);
      if (!leak) return state;
      state[this.cover(leak.via, leak.derivedBy, visible)] = 'hidden';
    }
  }

  /** What a reader can compute; the first primary cell recovered, and how, if any. */
  private derive(state: CellState[], visible: (i: number) => boolean) {
    const known = this.values.map(
      (v, i) => visible(i) || (this.hidden[i] && v === 0),
    );
    const derivedBy = new Map<number, number[]>();
    for (let changed = true; changed;) {
      changed = false;
      for (const g of this.groups) {
        const open = g.filter((i) => !known[i]);
        if (open.length !== 1) continue;
        known[open[0]] = true;
        derivedBy.set(open[0], g);
        changed = true;
        if (state[open[0]] === 'small') return { via: g, derivedBy };
      }
    }
    return null;
  }

  /** The cell to hide: searched through `via` and the sums its derived cells came from. */
  private cover(
    via: number[],
    derivedBy: Map<number, number[]>,
    visible: (i: number) => boolean,
  ): number {
    for (const withTotals of [false, true]) {
      const seen = new Set<number[]>();
      for (let level = [via]; level.length;) {
        const next: number[][] = [];
        const candidates: number[] = [];
        for (const g of level) {
          if (seen.has(g)) continue;
          seen.add(g);
          for (const [k, i] of g.entries()) {
            if (visible(i) && this.values[i] > 0) {
              if (k > 0 || withTotals) candidates.push(i);
            } else if (derivedBy.has(i)) next.push(derivedBy.get(i)!);
          }
        }
        if (candidates.length) {
          return candidates.sort((a, b) => this.values[a] - this.values[b])[0];
        }
        level = next;
      }
    }
    // Unreachable: a recovered count > 0 rests on some shown non-zero cell.
    throw new Error('No cell left to hide.');
  }
}

export function checkThreshold(threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError('Suppression threshold must be a whole number ≥ 1.');
  }
}

const mapKeys = <K extends string, V>(keys: readonly K[], f: (k: K) => V) =>
  Object.fromEntries(keys.map((k) => [k, f(k)])) as Record<K, V>;
const sum = (ns: number[]) => ns.reduce((s, n) => s + n, 0);

/** Protects the ledger's cells at `threshold`, then reads any of them as a shown Cell. */
export function protectedCells(L: Ledger, threshold: number) {
  const state = L.protect(threshold);
  return (id: number): Cell => {
    const v = L.values[id];
    if (state[id] === 'hidden') return { value: null, text: SUPPRESSED };
    if (state[id] === 'small')
      return { value: null, text: String(suppress(v, threshold)) };
    return { value: v, text: String(v) };
  };
}

/** Person-time over a span as people in view, to two decimals; SUPPRESSED over few visits. */
function average(c: Counts, spanMs: number, threshold: number): Cell {
  if (c.occupancyMs === 0) return { value: 0, text: '0' };
  if (threshold > 1 && c.passersBy < threshold) {
    return { value: null, text: SUPPRESSED };
  }
  const value = Math.round((100 * c.occupancyMs) / spanMs) / 100;
  return { value, text: value.toFixed(2) };
}

/** A maximum (most at once): a count, suppressed like one but no term of any sum. */
export function peakCell(n: number, threshold: number): Cell {
  const shown = suppress(n, threshold);
  return {
    value: typeof shown === 'number' ? shown : null,
    text: String(shown),
  };
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
  const moodCells = (c: Counts) => {
    const moods = mapKeys(MOODS, (k) => L.cell(c.moods[k]));
    // Shown as "not estimated": a count of visits like the others.
    const unread = L.cell(c.passersBy - sum(MOODS.map((k) => c.moods[k])));
    return { moods, unread };
  };
  const visitCells = (c: Counts) => {
    const passersBy = L.cell(c.passersBy);
    const watchers = L.cell(c.watchers);
    const away = L.cell(c.passersBy - c.watchers, true);
    const m = moodCells(c);
    L.group(passersBy, [watchers, away]);
    L.group(passersBy, [...Object.values(m.moods), m.unread]);
    return { passersBy, watchers, away, ...m };
  };

  const T = visitCells(total);
  const ageKnown = sum(AGE_GROUPS.map((k) => total.ageGroups[k]));
  const ages = mapKeys(AGE_KEYS, (k) =>
    L.cell(k === 'unknown' ? total.passersBy - ageKnown : total.ageGroups[k]),
  );
  const genders = mapKeys(GENDERS, (k) => L.cell(total.genders[k]));
  const dwell = mapKeys(DWELL_BINS, (k) => L.cell(total.dwell[k]));
  for (const r of [ages, genders, dwell]) {
    L.group(T.passersBy, Object.values<number>(r));
  }
  const S = perSlot.map(visitCells);
  // Each series sums to its range total.
  const column = (total: number, pick: (s: (typeof S)[number]) => number) =>
    L.group(total, S.map(pick));
  column(T.passersBy, (s) => s.passersBy);
  column(T.watchers, (s) => s.watchers);
  column(T.away, (s) => s.away);
  column(T.unread, (s) => s.unread);
  for (const k of MOODS) column(T.moods[k], (s) => s.moods[k]);

  const out = protectedCells(L, threshold);
  const outAll = <K extends string>(r: Record<K, number>) =>
    mapKeys(Object.keys(r) as K[], (k) => out(r[k]));

  const n = total.passersBy;
  const slotAvg = fs.map((f, i) =>
    average(perSlot[i], f.end - f.start, threshold),
  );
  const rangeAvg = slotAvg.some((c) => c.text === SUPPRESSED)
    ? { value: null, text: SUPPRESSED }
    : average(total, fs.at(-1)!.end - fs[0].start, threshold);
  const moodsOf = (m: { moods: Record<Mood, number>; unread: number }) => ({
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
      moods: moodsOf(S[i]),
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
      moods: moodsOf(T),
      avgInView: rangeAvg,
      peakInView: peakCell(total.peakInView, threshold),
    },
    empty: n === 0,
  };
}
