// The words alerts and lines leave in stored buckets (issue 17): zone and line slots, rule
// names and crossing directions. Slots, never the names the user gave them: a bucket holds no
// free text. Shared because the bucket validator (aggregates.ts) and the alerts domain both
// read them. Imports nothing.

/** Up to eight zones and eight lines; each takes the first free slot. */
export const ZONE_IDS = [
  'z1',
  'z2',
  'z3',
  'z4',
  'z5',
  'z6',
  'z7',
  'z8',
] as const;
export const LINE_IDS = [
  'l1',
  'l2',
  'l3',
  'l4',
  'l5',
  'l6',
  'l7',
  'l8',
] as const;
export type ZoneId = (typeof ZONE_IDS)[number];
export type LineId = (typeof LINE_IDS)[number];

/** The rules a zone can hold, in the order the editor lists them. */
export const ZONE_RULES = [
  'occupancy',
  'afterHours',
  'loitering',
  'restricted',
] as const;
export type ZoneRule = (typeof ZONE_RULES)[number];
/** Zone rules, and the object-class demo, which watches the whole frame. */
export type AlertRule = ZoneRule | 'object';
export const ALERT_RULES: readonly AlertRule[] = [...ZONE_RULES, 'object'];

/** Where an alert was raised: a zone, or the whole frame (the object-class demo). */
export type AlertTarget = ZoneId | 'frame';
/** An alert count's key in a bucket, e.g. "z1.occupancy" or "frame.object". */
export type AlertKey = `${ZoneId}.${ZoneRule}` | 'frame.object';
export const ALERT_KEYS: readonly AlertKey[] = [
  ...ZONE_IDS.flatMap((z) => ZONE_RULES.map((r) => `${z}.${r}` as const)),
  'frame.object',
];

/** "in": crossed along the line's arrow; "out": against it. */
export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];
/** A crossing count's key in a bucket, e.g. "l1.in". */
export type CrossingKey = `${LineId}.${Direction}`;
export const CROSSING_KEYS: readonly CrossingKey[] = LINE_IDS.flatMap((l) =>
  DIRECTIONS.map((d) => `${l}.${d}` as const),
);

export const alertKey = (target: AlertTarget, rule: AlertRule): AlertKey =>
  (target === 'frame' ? 'frame.object' : `${target}.${rule}`) as AlertKey;

/** The rule of a stored alert key. */
export const ruleOf = (key: AlertKey): AlertRule =>
  key.slice(key.indexOf('.') + 1) as AlertRule;
