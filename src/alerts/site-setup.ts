// The zones, lines and rules a user draws and switches (issue 17), their defaults, and the
// defensive parser for what localStorage or an imported settings file holds (untrusted).
// Coordinates are normalised to the frame (0..1), so a setup fits any resolution of the same
// camera. Pure; imports src/shared only.

import {
  LINE_IDS,
  ZONE_IDS,
  type LineId,
  type ZoneId,
} from '../shared/alert-keys';
import type { NPoint } from './geometry';

export interface ZoneRules {
  /** More than `limit` people in the zone at once (e.g. a room's fire limit). */
  occupancy: { on: boolean; limit: number };
  /** Anyone in the zone outside the opening hours. */
  afterHours: { on: boolean };
  /** One person in the zone longer than `seconds`. */
  loitering: { on: boolean; seconds: number };
  /** Anyone entering the zone. */
  restricted: { on: boolean };
}

export interface ZoneSetup {
  id: ZoneId;
  /** The user's name for it; kept in the settings, never in a count. */
  name: string;
  /** At least three corners, in order. */
  points: NPoint[];
  rules: ZoneRules;
}

/** A directed counting line: crossing along its arrow is "in", against it "out". */
export interface LineSetup {
  id: LineId;
  name: string;
  a: NPoint;
  b: NPoint;
}

export interface AlertSetup {
  zones: ZoneSetup[];
  lines: LineSetup[];
  /** Opening hours, local time "HH:MM", every day; open = close means always open. */
  hours: { open: string; close: string };
  /** A short tone when an alert starts. */
  sound: boolean;
  /** A system notification when an alert starts (only once the browser allows it). */
  notify: boolean;
  /** The COCO object-class demo (knife, scissors, baseball bat): off by default. */
  objects: boolean;
}

export const ALERTS_KEY = 'localsight.alerts.v1';
export const MAX_NAME = 40;
export const LIMIT_RANGE = { min: 0, max: 999 } as const;
export const LOITER_RANGE = { min: 1, max: 86_400 } as const;

export const DEFAULT_ZONE_RULES: ZoneRules = {
  occupancy: { on: true, limit: 5 },
  afterHours: { on: false },
  loitering: { on: false, seconds: 60 },
  restricted: { on: false },
};

export const DEFAULT_SETUP: AlertSetup = {
  zones: [],
  lines: [],
  hours: { open: '08:00', close: '20:00' },
  sound: true,
  notify: false,
  objects: false,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes since midnight of "HH:MM". */
export const minutesOf = (hhmm: string): number =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A name made safe to keep and show: control characters dropped, trimmed, at most MAX_NAME. */
export function cleanName(v: unknown, fallback: string): string {
  if (typeof v !== 'string') return fallback;
  // eslint-disable-next-line no-control-regex
  const s = v.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return s.length === 0 ? fallback : s.slice(0, MAX_NAME);
}

function point(v: unknown): NPoint | null {
  if (!isObject(v)) return null;
  const { x, y } = v;
  if (typeof x !== 'number' || typeof y !== 'number') return null;
  if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) return null;
  return { x, y };
}

function whole(
  v: unknown,
  range: { min: number; max: number },
  fallback: number,
) {
  return typeof v === 'number' &&
    Number.isInteger(v) &&
    v >= range.min &&
    v <= range.max
    ? v
    : fallback;
}

function rules(v: unknown): ZoneRules {
  const r = isObject(v) ? v : {};
  const rule = (k: keyof ZoneRules) => (isObject(r[k]) ? r[k] : {});
  const on = (k: keyof ZoneRules) =>
    typeof rule(k)['on'] === 'boolean'
      ? (rule(k)['on'] as boolean)
      : DEFAULT_ZONE_RULES[k].on;
  return {
    occupancy: {
      on: on('occupancy'),
      limit: whole(
        rule('occupancy')['limit'],
        LIMIT_RANGE,
        DEFAULT_ZONE_RULES.occupancy.limit,
      ),
    },
    afterHours: { on: on('afterHours') },
    loitering: {
      on: on('loitering'),
      seconds: whole(
        rule('loitering')['seconds'],
        LOITER_RANGE,
        DEFAULT_ZONE_RULES.loitering.seconds,
      ),
    },
    restricted: { on: on('restricted') },
  };
}

/**
 * A setup from untrusted JSON-ish data: shapes that cannot be used are dropped (and counted in
 * `dropped`), fields that cannot be used take their defaults. Slots are unique: a second zone
 * or line in a taken slot is dropped.
 */
export function parseAlertSetup(raw: unknown): {
  setup: AlertSetup;
  dropped: number;
} {
  const o = isObject(raw) ? raw : {};
  let dropped = 0;
  const zones: ZoneSetup[] = [];
  for (const z of Array.isArray(o['zones']) ? o['zones'] : []) {
    const id = isObject(z) ? z['id'] : null;
    const pts = isObject(z) && Array.isArray(z['points']) ? z['points'] : [];
    const points = pts.map(point);
    if (
      !isObject(z) ||
      !ZONE_IDS.includes(id as ZoneId) ||
      zones.some((k) => k.id === id) ||
      points.length < 3 ||
      points.length > 32 ||
      points.some((p) => p === null)
    ) {
      dropped++;
      continue;
    }
    zones.push({
      id: id as ZoneId,
      name: cleanName(z['name'], `Zone ${(id as string).slice(1)}`),
      points: points as NPoint[],
      rules: rules(z['rules']),
    });
  }
  const lines: LineSetup[] = [];
  for (const l of Array.isArray(o['lines']) ? o['lines'] : []) {
    const id = isObject(l) ? l['id'] : null;
    const a = isObject(l) ? point(l['a']) : null;
    const b = isObject(l) ? point(l['b']) : null;
    if (
      !isObject(l) ||
      !LINE_IDS.includes(id as LineId) ||
      lines.some((k) => k.id === id) ||
      !a ||
      !b ||
      (a.x === b.x && a.y === b.y)
    ) {
      dropped++;
      continue;
    }
    lines.push({
      id: id as LineId,
      name: cleanName(l['name'], `Line ${(id as string).slice(1)}`),
      a,
      b,
    });
  }
  const h = isObject(o['hours']) ? o['hours'] : {};
  const hhmm = (v: unknown, fallback: string) =>
    typeof v === 'string' && HHMM.test(v) ? v : fallback;
  const flag = (k: 'sound' | 'notify' | 'objects') =>
    typeof o[k] === 'boolean' ? (o[k] as boolean) : DEFAULT_SETUP[k];
  return {
    setup: {
      zones,
      lines,
      hours: {
        open: hhmm(h['open'], DEFAULT_SETUP.hours.open),
        close: hhmm(h['close'], DEFAULT_SETUP.hours.close),
      },
      sound: flag('sound'),
      notify: flag('notify'),
      objects: flag('objects'),
    },
    dropped,
  };
}

/** Is local time `wall` outside the opening hours? Overnight hours (open > close) work too. */
export function isOutOfHours(
  wall: number,
  hours: AlertSetup['hours'],
): boolean {
  const d = new Date(wall);
  const m = d.getHours() * 60 + d.getMinutes();
  const open = minutesOf(hours.open);
  const close = minutesOf(hours.close);
  if (open === close) return false; // always open
  return open < close ? m < open || m >= close : m >= close && m < open;
}

/** The first free zone slot, or null when all eight are taken. */
export function freeZoneId(setup: AlertSetup): ZoneId | null {
  return ZONE_IDS.find((id) => !setup.zones.some((z) => z.id === id)) ?? null;
}

export function freeLineId(setup: AlertSetup): LineId | null {
  return LINE_IDS.find((id) => !setup.lines.some((l) => l.id === id)) ?? null;
}
