// Runs a setup's zones, lines and rules over the people of each analysed frame (issue 17):
// people per zone, crossings per line and direction, and alerts that start and end. What it
// returns per frame is what may be kept: counts. Per-person state (sides, entry times) lives in
// the counters and is dropped when the person is gone. Pure: time is passed in.

import {
  alertKey,
  type AlertKey,
  type AlertRule,
  type AlertTarget,
  type CrossingKey,
  type Direction,
  type LineId,
  type ZoneId,
} from '../shared/alert-keys';
import { emptySiteCounts, type SiteCounts } from '../shared/aggregates';
import type { NPoint } from './geometry';
import { LineCounter, type LineCounterOptions } from './line-counter';
import { RuleLatch } from './rule-latch';
import { isOutOfHours, type AlertSetup, type ZoneSetup } from './site-setup';
import { ZonePresence } from './zone-presence';

export interface SiteFrame {
  /** Each person's reference point on this frame, by their (short-lived) track id. */
  points: ReadonlyMap<string, NPoint>;
  /** Objects of the flagged classes on this frame (the object-class demo; 0 when off). */
  objects: number;
  /** Frame time, ms (media time for a file): durations. */
  t: number;
  /** Wall clock, ms since the epoch: opening hours. */
  wall: number;
}

export interface AlertStart {
  key: AlertKey;
  target: AlertTarget;
  rule: AlertRule;
  /** People (or objects) that made it hold. */
  value: number;
}

export interface AlertEnd {
  key: AlertKey;
  /** The most people (or objects) while it held. */
  peak: number;
}

export interface SiteUpdate {
  started: AlertStart[];
  ended: AlertEnd[];
  crossings: { line: LineId; direction: Direction }[];
  /** People in each zone now. */
  zoneCounts: Partial<Record<ZoneId, number>>;
  /** What this frame adds to the stored counts. */
  site: SiteCounts;
}

export interface SiteMonitorOptions {
  line?: Partial<LineCounterOptions>;
  exitGraceMs?: number;
  endGraceMs?: number;
}

interface ZoneWatch {
  zone: ZoneSetup;
  presence: ZonePresence;
  latches: Partial<Record<AlertRule, RuleLatch>>;
}

export class SiteMonitor {
  private readonly _zones: ZoneWatch[];
  private readonly _lines: { id: LineId; counter: LineCounter }[];
  private readonly _object: RuleLatch | null;
  private _lastT = -Infinity;

  constructor(
    private readonly _setup: AlertSetup,
    options: SiteMonitorOptions = {},
  ) {
    const latch = () => new RuleLatch(options.endGraceMs);
    this._zones = _setup.zones.map((zone) => {
      const latches: ZoneWatch['latches'] = {};
      for (const rule of Object.keys(zone.rules) as (keyof typeof zone.rules)[])
        if (zone.rules[rule].on) latches[rule] = latch();
      return {
        zone,
        presence: new ZonePresence(zone.points, options.exitGraceMs),
        latches,
      };
    });
    this._lines = _setup.lines.map((l) => ({
      id: l.id,
      counter: new LineCounter(l.a, l.b, options.line),
    }));
    this._object = _setup.objects ? latch() : null;
  }

  update(frame: SiteFrame): SiteUpdate {
    const out: SiteUpdate = {
      started: [],
      ended: [],
      crossings: [],
      zoneCounts: {},
      site: emptySiteCounts(),
    };
    // A seek or a new loop of a file: nobody carries over, and what held has ended.
    if (frame.t < this._lastT) out.ended.push(...this.endAll());
    this._lastT = frame.t;
    const { t } = frame;
    const afterHours = isOutOfHours(frame.wall, this._setup.hours);
    for (const w of this._zones) {
      w.presence.update(frame.points, t);
      const n = w.presence.count;
      out.zoneCounts[w.zone.id] = n;
      if (n > 0) out.site.zonePeaks[w.zone.id] = n;
      const r = w.zone.rules;
      const loiterMs = r.loitering.seconds * 1000;
      const holds: Record<keyof typeof r, [boolean, number]> = {
        occupancy: [n > r.occupancy.limit, n],
        afterHours: [afterHours && n > 0, n],
        loitering: [
          n > 0 && w.presence.longestStayMs(t) >= loiterMs,
          w.presence.stayingAtLeast(loiterMs, t),
        ],
        restricted: [n > 0, n],
      };
      for (const [rule, latch] of Object.entries(w.latches)) {
        const [on, value] = holds[rule as keyof typeof r];
        this._apply(out, w.zone.id, rule as AlertRule, latch, on, value, t);
      }
    }
    for (const { id, counter } of this._lines) {
      for (const direction of counter.update(frame.points, t)) {
        out.crossings.push({ line: id, direction });
        const key: CrossingKey = `${id}.${direction}`;
        out.site.crossings[key] = (out.site.crossings[key] ?? 0) + 1;
      }
    }
    if (this._object)
      this._apply(
        out,
        'frame',
        'object',
        this._object,
        frame.objects > 0,
        frame.objects,
        t,
      );
    return out;
  }

  /** Ends every active alert and forgets everyone (the source stopped or jumped). */
  endAll(): AlertEnd[] {
    const ended: AlertEnd[] = [];
    for (const w of this._zones) {
      w.presence.reset();
      for (const [rule, latch] of Object.entries(w.latches)) {
        const e = latch.end();
        if (e?.kind === 'end')
          ended.push({
            key: alertKey(w.zone.id, rule as AlertRule),
            peak: e.peak,
          });
      }
    }
    for (const l of this._lines) l.counter.reset();
    const e = this._object?.end();
    if (e?.kind === 'end') ended.push({ key: 'frame.object', peak: e.peak });
    this._lastT = -Infinity;
    return ended;
  }

  private _apply(
    out: SiteUpdate,
    target: AlertTarget,
    rule: AlertRule,
    latch: RuleLatch,
    holds: boolean,
    value: number,
    t: number,
  ): void {
    const event = latch.update(holds, value, t);
    if (!event) return;
    const key = alertKey(target, rule);
    if (event.kind === 'start') {
      out.started.push({ key, target, rule, value });
      out.site.alerts[key] = (out.site.alerts[key] ?? 0) + 1;
    } else {
      out.ended.push({ key, peak: event.peak });
    }
  }
}
