// This session's alerts (issue 17): rule, zone, start, end, peak and when the operator
// acknowledged each. Memory only: the page forgets it when it closes; only the count of alerts
// per rule and zone is stored (aggregates.ts). Pure: time is passed in.

import type { AlertKey, AlertRule, AlertTarget } from '../shared/alert-keys';
import type { AlertEnd, AlertStart } from './site-monitor';

export interface AlertLogEntry {
  /** Counts up from 1 within the session. */
  id: number;
  key: AlertKey;
  rule: AlertRule;
  target: AlertTarget;
  /** The zone's name when it started ("Whole frame" for the object-class demo). */
  place: string;
  startedAt: number;
  endedAt: number | null;
  /** Most people (or objects) while it held. */
  peak: number;
  acknowledgedAt: number | null;
}

export const RULE_LABELS: Record<AlertRule, string> = {
  occupancy: 'Occupancy limit',
  afterHours: 'Out of hours',
  loitering: 'Loitering',
  restricted: 'Restricted area',
  object: 'Object class (demo)',
};

/** A log of at most `max` alerts; the oldest acknowledged and ended ones go first. */
export class AlertLog {
  private _entries: AlertLogEntry[] = [];
  private _next = 1;

  constructor(private readonly _max = 200) {}

  start(s: AlertStart, place: string, wall: number): AlertLogEntry {
    const entry: AlertLogEntry = {
      id: this._next++,
      key: s.key,
      rule: s.rule,
      target: s.target,
      place,
      startedAt: wall,
      endedAt: null,
      peak: s.value,
      acknowledgedAt: null,
    };
    this._entries = [...this._entries, entry];
    if (this._entries.length > this._max) {
      const i = this._entries.findIndex(
        (e) => e.endedAt !== null && e.acknowledgedAt !== null,
      );
      this._entries.splice(i === -1 ? 0 : i, 1);
    }
    return entry;
  }

  end(e: AlertEnd, wall: number): void {
    this._update(
      (x) => x.key === e.key && x.endedAt === null,
      (x) => ({ ...x, endedAt: wall, peak: Math.max(x.peak, e.peak) }),
    );
  }

  /** Notes a higher peak of the open alert of `key`. */
  peak(key: AlertKey, value: number): void {
    const open = this._entries.find((x) => x.key === key && x.endedAt === null);
    if (open && value > open.peak)
      this._update(
        (x) => x === open,
        (x) => ({ ...x, peak: value }),
      );
  }

  acknowledge(id: number, wall: number): void {
    this._update(
      (x) => x.id === id && x.acknowledgedAt === null,
      (x) => ({ ...x, acknowledgedAt: wall }),
    );
  }

  acknowledgeAll(wall: number): void {
    this._update(
      (x) => x.acknowledgedAt === null,
      (x) => ({ ...x, acknowledgedAt: wall }),
    );
  }

  /** Every alert of the session, oldest first (a new array after each change). */
  get entries(): readonly AlertLogEntry[] {
    return this._entries;
  }

  /** Alerts the operator has not acknowledged yet, newest first: what the banner shows. */
  get unacknowledged(): AlertLogEntry[] {
    return this._entries.filter((e) => e.acknowledgedAt === null).reverse();
  }

  clear(): void {
    this._entries = [];
  }

  private _update(
    match: (e: AlertLogEntry) => boolean,
    change: (e: AlertLogEntry) => AlertLogEntry,
  ): void {
    if (!this._entries.some(match)) return;
    this._entries = this._entries.map((e) => (match(e) ? change(e) : e));
  }
}

/** The banner's words for an alert, e.g. "Occupancy limit in Lobby: 6 people (limit 5)". */
export function describeAlert(e: AlertLogEntry, limit?: number): string {
  const who =
    e.rule === 'object'
      ? `${e.peak} flagged object${e.peak === 1 ? '' : 's'}`
      : `${e.peak} ${e.peak === 1 ? 'person' : 'people'}`;
  const extra =
    e.rule === 'occupancy' && limit !== undefined ? ` (limit ${limit})` : '';
  const where = e.rule === 'object' ? 'in view' : `in ${e.place}`;
  return `${RULE_LABELS[e.rule]} ${where}: ${who}${extra}`;
}
