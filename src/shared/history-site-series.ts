// The history of zones, lines and alerts (issue 17): per slot, the people who crossed each
// line each way, the most people in each zone at once, and alerts per rule summed over zones,
// with small counts suppressed as in history-series.ts. Buckets hold zone and line slots
// ("z1", "l1"), never names: those come from the settings. Pure; imports src/shared only.

import type { Bucket } from './aggregates';
import {
  ALERT_RULES,
  DIRECTIONS,
  LINE_IDS,
  ZONE_IDS,
  ruleOf,
  type AlertRule,
  type CrossingKey,
  type Direction,
  type LineId,
  type ZoneId,
} from './alert-keys';
import {
  checkThreshold,
  frames,
  peakCell,
  protectedCells,
  rangeQuery,
  type Cell,
  type HistoryData,
  type HistoryRange,
  type HistorySlot,
} from './history-series';
import { Ledger } from './history-suppression';

/** The names the user gave zones and lines (settings, not buckets), by slot. */
export interface SitePlaces {
  zones: Partial<Record<ZoneId, string>>;
  lines: Partial<Record<LineId, string>>;
}
/** No names given: every zone and line shows as its slot. */
export const NO_PLACES: SitePlaces = Object.freeze({
  zones: Object.freeze({}),
  lines: Object.freeze({}),
});

const isZone = (id: ZoneId | LineId): id is ZoneId => id.startsWith('z');

/** A zone's or line's name: the user's, else "Zone 3" or "Line 1" from its slot. */
export function placeName(id: ZoneId | LineId, places: SitePlaces): string {
  const given = isZone(id) ? places.zones[id] : places.lines[id];
  return given?.trim() || `${isZone(id) ? 'Zone' : 'Line'} ${id.slice(1)}`;
}

/** One shown series: a cell per slot, and the range's figure (a sum, or for peaks a maximum). */
export interface SiteSeries {
  cells: Cell[];
  total: Cell;
}

export interface SiteHistory {
  range: HistoryRange;
  slotSpan: HistoryData['slotSpan'];
  threshold: number;
  from: number;
  to: number;
  slots: Pick<HistorySlot, 'label' | 'start' | 'end'>[];
  /** Lines with a crossing in the range, in slot order; "in" is along the arrow (entries). */
  lines: { id: LineId; crossings: Record<Direction, SiteSeries> }[];
  /** Zones with a peak in the range: the most people in the zone at once per slot. */
  zones: { id: ZoneId; peaks: SiteSeries }[];
  /** Rules that raised an alert in the range, summed over zones, in ALERT_RULES order. */
  rules: { rule: AlertRule; alerts: SiteSeries }[];
  /**
   * Authorised matching (issue 18): visits of each enrolled profile, by its random id, in id
   * order. Not suppressed: they count a person the client identified on purpose, and the
   * History shows them only while the operator has unlocked the profiles (and by label).
   */
  profiles: { id: string; visits: SiteSeries }[];
  /** No bucket in the range holds a crossing, zone peak or alert (no zone or line was drawn). */
  empty: boolean;
}

/** The per-slot numbers of each key, created on first use. */
class PerSlot<K extends string> extends Map<K, number[]> {
  constructor(private readonly _slots: number) {
    super();
  }
  of(key: K): number[] {
    let row = this.get(key);
    if (!row) this.set(key, (row = new Array<number>(this._slots).fill(0)));
    return row;
  }
}

const entries = <K extends string>(r: Partial<Record<K, number>>) =>
  Object.entries(r) as [K, number][];

/**
 * Adds up crossings and alerts and takes the most at once per zone, per slot, over every
 * source, then suppresses: a sum's cells are protected with its range total (so that no
 * small count can be worked out from the others); peaks are suppressed on their own, as no
 * sum holds them. Buckets outside the range or of another granularity are ignored.
 */
export function buildSiteHistory(
  buckets: readonly Bucket[],
  range: HistoryRange,
  nowMs: number,
  threshold: number,
): SiteHistory {
  checkThreshold(threshold);
  const q = rangeQuery(range, nowMs);
  const fs = frames(range, nowMs, q);
  const crossings = new PerSlot<CrossingKey>(fs.length);
  const peaks = new PerSlot<ZoneId>(fs.length);
  const alerts = new PerSlot<AlertRule>(fs.length);
  const profiles = new PerSlot<string>(fs.length);
  for (const b of buckets) {
    if (b.granularity !== q.granularity) continue;
    const i = fs.findIndex((f) => b.start >= f.bFrom && b.start < f.bTo);
    if (i === -1) continue;
    for (const [k, n] of entries(b.crossings)) crossings.of(k)[i] += n;
    for (const [z, n] of entries(b.zonePeaks)) {
      const row = peaks.of(z);
      row[i] = Math.max(row[i], n);
    }
    for (const [k, n] of entries(b.alerts)) alerts.of(ruleOf(k))[i] += n;
    for (const [id, n] of entries(b.profiles ?? {})) profiles.of(id)[i] += n;
  }

  const L = new Ledger();
  const summed = (row: number[]) => {
    const cells = row.map((n) => L.cell(n));
    const total = L.cell(
      row.reduce((s, n) => s + n, 0),
      { keep: 'total' },
    );
    L.group(total, cells);
    return { cells, total };
  };
  const lineIds = LINE_IDS.filter((l) =>
    DIRECTIONS.some((d) => crossings.has(`${l}.${d}`)),
  );
  const lineRows = lineIds.map((l) =>
    DIRECTIONS.map((d) => [d, summed(crossings.of(`${l}.${d}`))] as const),
  );
  const rules = ALERT_RULES.filter((r) => alerts.has(r));
  const ruleRows = rules.map((r) => summed(alerts.of(r)));

  const out = protectedCells(L, threshold);
  const series = (s: { cells: number[]; total: number }): SiteSeries => ({
    cells: s.cells.map(out),
    total: out(s.total),
  });
  const zones = ZONE_IDS.filter((z) => peaks.has(z));
  return {
    range,
    slotSpan: range === 'hour' ? 'minute' : range === 'today' ? 'hour' : 'day',
    threshold,
    from: q.from,
    to: q.to,
    slots: fs.map(({ label, start, end }) => ({ label, start, end })),
    lines: lineIds.map((id, i) => ({
      id,
      crossings: Object.fromEntries(
        lineRows[i].map(([d, s]) => [d, series(s)]),
      ) as Record<Direction, SiteSeries>,
    })),
    zones: zones.map((id) => {
      const row = peaks.of(id);
      const cells = row.map((n) => peakCell(n, threshold));
      return {
        id,
        peaks: { cells, total: peakCell(Math.max(...row), threshold) },
      };
    }),
    rules: rules.map((rule, i) => ({ rule, alerts: series(ruleRows[i]) })),
    profiles: [...profiles.keys()].sort().map((id) => {
      const row = profiles.of(id);
      const shown = (n: number): Cell => ({ value: n, text: String(n) });
      return {
        id,
        visits: {
          cells: row.map(shown),
          total: shown(row.reduce((sum, n) => sum + n, 0)),
        },
      };
    }),
    empty: lineIds.length + zones.length + rules.length === 0,
  };
}
