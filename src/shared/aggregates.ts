// Aggregate count buckets, the only thing LocalSight ever stores: folding visit summaries in,
// merging, strict runtime validation and small-count suppression. Pure: no DOM, no I/O, no
// imports beyond src/shared.

import {
  ALERT_KEYS,
  CROSSING_KEYS,
  ZONE_IDS,
  type AlertKey,
  type CrossingKey,
  type ZoneId,
} from './alert-keys';
import type { SourceKind } from './kiosk-params';
import {
  AGE_GROUPS,
  EXPRESSIONS,
  type AgeGroup,
  type Expression,
  type Gender,
  type Mood,
  type VisitSummary,
} from './types';

export const SPAN_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
export type Granularity = keyof typeof SPAN_MS;
// Records with every member as a key, so these lists cannot fall behind their types.
const SOURCE: Record<SourceKind, 1> = {
  camera: 1,
  sample: 1,
  video: 1,
  images: 1,
};
const GENDER: Record<Gender, 1> = { female: 1, male: 1, unknown: 1 };
const MOOD: Record<Mood, 1> = { positive: 1, neutral: 1, negative: 1 };
export const GRANULARITIES = Object.keys(SPAN_MS) as readonly Granularity[];
export const SOURCE_KINDS = Object.keys(SOURCE) as readonly SourceKind[];
export const GENDERS = Object.keys(GENDER) as readonly Gender[];
export const MOODS = Object.keys(MOOD) as readonly Mood[];
/** Dwell histogram bins in seconds: [0,5), [5,15), [15,30), [30,60), [60,∞). */
export const DWELL_BINS = ['0-5', '5-15', '15-30', '30-60', '60+'] as const;
export type DwellBin = (typeof DWELL_BINS)[number];
const DWELL_UPPER_MS = [5_000, 15_000, 30_000, 60_000];

/** Caps no real bucket reaches: anything above is a bug or an attack. */
export const MAX_COUNT = 1e9;
export const MAX_MS_SUM = 1e12;
/** Latest allowed start (9999-12-31), so keys built from ISO dates keep sorting. */
export const MAX_START = Date.UTC(9999, 11, 31);
/**
 * Longest step of person-time one analysed frame may add, ms: a stall, a pause or a seek
 * between two results must not count the people of the last frame as in view all along.
 */
export const MAX_IN_VIEW_STEP_MS = 1_000;

/** Counts over some visits: a stored bucket's body, or the live session's tally. */
export interface Counts {
  /** Visits counted here, one per person per visit. */
  passersBy: number;
  /** Visits that looked at the camera. */
  watchers: number;
  glances: number;
  dwellMs: number;
  attentionMs: number;
  /** Most people in view at once during the bucket. */
  peakInView: number;
  /**
   * Person-milliseconds in view during the bucket: the integral of people in view over time,
   * so occupancyMs / span is the average number of people in view.
   */
  occupancyMs: number;
  ageGroups: Record<AgeGroup, number>;
  /** A visit without a gender reading counts as 'unknown', so these sum to passersBy. */
  genders: Record<Gender, number>;
  moods: Record<Mood, number>;
  expressions: Record<Expression, number>;
  /** Visits by dwell time; sums to passersBy. */
  dwell: Record<DwellBin, number>;
  /**
   * Alerts raised (issue 17), by zone slot and rule ("z1.occupancy") or "frame.object"; an
   * alert counts in the bucket where it started. Sparse: only keys that happened are present.
   */
  alerts: Partial<Record<AlertKey, number>>;
  /** People who crossed each line, by direction ("l1.in", "l1.out"). Sparse. */
  crossings: Partial<Record<CrossingKey, number>>;
  /** Most people in each zone at once. Sparse. */
  zonePeaks: Partial<Record<ZoneId, number>>;
  /**
   * Authorised matching (issue 18): visits of each enrolled profile, by the profile's random id
   * (16 hex digits; never its label or anything of the face). Sparse; empty unless the operator
   * turned matching on, and a deleted profile's counts are deleted with it.
   */
  profiles: Partial<Record<string, number>>;
}

/** What zones, lines and alerts add to the counts between two saves (issue 17). */
export type SiteCounts = Pick<Counts, 'alerts' | 'crossings' | 'zonePeaks'> &
  Partial<Pick<Counts, 'profiles'>>;

/** A profile's id as buckets key it: 16 lowercase hex digits (profile-store.ts makes them). */
export const PROFILE_ID = /^[0-9a-f]{16}$/;
/** At most this many profiles in one bucket: more is a bug or an attack. */
export const MAX_PROFILE_KEYS = 256;

/** Counts of one source over one UTC minute, hour or day. No field identifies a person. */
export interface Bucket extends Counts {
  granularity: Granularity;
  source: SourceKind;
  /** Start of the UTC minute/hour/day, ms since the epoch. Days are UTC days, not local. */
  start: number;
}

/** people: counts of visits; sum: totals over visits; peak: a maximum, not a sum. */
const SCALARS = {
  passersBy: 'people',
  watchers: 'people',
  glances: 'sum',
  dwellMs: 'sum',
  attentionMs: 'sum',
  // Most people in view at once: a count of people, suppressed like one.
  peakInView: 'peak',
  // Person-time in view: a sum over the people in view, so suppressed like dwellMs.
  occupancyMs: 'sum',
} as const;
const SCALAR_FIELDS = Object.keys(SCALARS) as (keyof typeof SCALARS)[];
type RecordField = 'ageGroups' | 'genders' | 'moods' | 'expressions' | 'dwell';
const RECORDS: Record<RecordField, readonly string[]> = {
  ageGroups: AGE_GROUPS,
  genders: GENDERS,
  moods: MOODS,
  expressions: EXPRESSIONS,
  dwell: DWELL_BINS,
};
const RECORD_FIELDS = Object.keys(RECORDS) as RecordField[];
/**
 * Sparse records: only the keys that happened are present. peak: a maximum; sum: added. Keys
 * come from a fixed list, or (profiles) match a pattern.
 */
type SparseField = keyof SiteCounts | 'profiles';
const SPARSE: Record<
  SparseField,
  { keys: readonly string[] | RegExp; merge: 'sum' | 'peak' }
> = {
  alerts: { keys: ALERT_KEYS, merge: 'sum' },
  crossings: { keys: CROSSING_KEYS, merge: 'sum' },
  zonePeaks: { keys: ZONE_IDS, merge: 'peak' },
  profiles: { keys: PROFILE_ID, merge: 'sum' },
};
export const SPARSE_FIELDS = Object.keys(SPARSE) as SparseField[];

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Start of the UTC minute/hour/day containing `wallMs`. */
export function bucketStart(granularity: Granularity, wallMs: number): number {
  return Math.floor(wallMs / SPAN_MS[granularity]) * SPAN_MS[granularity];
}

export function dwellBin(ms: number): DwellBin {
  const i = DWELL_UPPER_MS.findIndex((upper) => !(ms >= upper));
  return DWELL_BINS[i === -1 ? DWELL_BINS.length - 1 : i];
}

/** All-zero counts. */
export function emptyCounts(): Counts {
  return {
    ...zeros(SCALAR_FIELDS),
    ageGroups: zeros(AGE_GROUPS),
    genders: zeros(GENDERS),
    moods: zeros(MOODS),
    expressions: zeros(EXPRESSIONS),
    dwell: zeros(DWELL_BINS),
    ...emptySiteCounts(),
    profiles: {},
  };
}

/** No alert, crossing or zone peak. */
export function emptySiteCounts(): SiteCounts {
  return { alerts: {}, crossings: {}, zonePeaks: {} };
}

/** True when `site` holds nothing. */
export function isEmptySite(site: SiteCounts): boolean {
  return SPARSE_FIELDS.every((f) => Object.keys(site[f] ?? {}).length === 0);
}

/** Adds the sparse records of `from` into `to` in place (sums, or maxima for zonePeaks). */
function mergeSparse(to: SiteCounts, from: SiteCounts): void {
  for (const f of SPARSE_FIELDS) {
    if (!from[f]) continue; // profiles: absent from most deltas
    const b = from[f] as Record<string, number>;
    const a = (to[f] ??= {}) as Record<string, number>;
    for (const [k, v] of Object.entries(b)) {
      if (v === 0 && a[k] === undefined) continue; // zeros are not kept: sparse
      a[k] =
        SPARSE[f].merge === 'peak' ? Math.max(a[k] ?? 0, v) : (a[k] ?? 0) + v;
    }
  }
}

/** Returns new counts with the alerts, crossings and zone peaks of `site` added. */
export function foldSite<T extends Counts>(bucket: T, site: SiteCounts): T {
  const next = structuredClone(bucket);
  mergeSparse(next, site);
  return next;
}

/** `into` with `site` added, in place: the controllers' running tallies between saves. */
export function addSite(into: SiteCounts, site: SiteCounts): SiteCounts {
  mergeSparse(into, site);
  return into;
}

/** An all-zero bucket for the minute/hour/day containing `wallMs`. */
export function emptyBucket(
  granularity: Granularity,
  source: SourceKind,
  wallMs: number,
): Bucket {
  return {
    granularity,
    source,
    start: bucketStart(granularity, wallMs),
    ...emptyCounts(),
  };
}

/** Returns new counts with `visit` counted in. The caller picks the right bucket. */
export function foldVisit<T extends Counts>(bucket: T, visit: VisitSummary): T {
  const next = structuredClone(bucket);
  next.passersBy++;
  if (visit.watcher) next.watchers++;
  // Whole numbers: validation rejects fractions, and sub-ms precision means nothing.
  next.glances += Math.round(visit.glances);
  next.dwellMs += Math.round(visit.dwellMs);
  next.attentionMs += Math.round(visit.attentionMs);
  if (visit.ageGroup) next.ageGroups[visit.ageGroup]++;
  next.genders[visit.gender ?? 'unknown']++;
  if (visit.mood) next.moods[visit.mood]++;
  if (visit.expression) next.expressions[visit.expression]++;
  next.dwell[dwellBin(visit.dwellMs)]++;
  return next;
}

/** Returns new counts whose peak is at least `inView`. */
export function foldPeak<T extends Counts>(bucket: T, inView: number): T {
  const next = structuredClone(bucket);
  next.peakInView = Math.max(bucket.peakInView, inView);
  return next;
}

/** People in view over a stretch of time: the most at once, and the person-time. */
export interface InView {
  peak: number;
  /** People in view × time, ms; may be fractional until folded in. */
  occupancyMs: number;
}

/** Returns new counts with `inView` noted: the higher peak, and the person-time added. */
export function foldInView<T extends Counts>(bucket: T, inView: InView): T {
  const next = foldPeak(bucket, inView.peak);
  // Whole numbers, as for dwell: validation rejects fractions.
  next.occupancyMs += Math.round(inView.occupancyMs);
  return next;
}

/** Adds counts; peaks take the maximum. Keeps the other fields of `a` (e.g. a bucket's start). */
export function mergeCounts<T extends Counts>(a: T, b: Counts): T {
  const out = structuredClone(a);
  for (const f of SCALAR_FIELDS) {
    out[f] = SCALARS[f] === 'peak' ? Math.max(a[f], b[f]) : a[f] + b[f];
  }
  for (const f of RECORD_FIELDS) {
    const [to, from] = [out[f], b[f]] as Record<string, number>[];
    for (const k of RECORDS[f]) to[k] += from[k];
  }
  mergeSparse(out, b);
  return out;
}

/** Adds two buckets of the same granularity, source and start; peaks take the maximum. */
export function mergeBuckets(a: Bucket, b: Bucket): Bucket {
  if (
    a.granularity !== b.granularity ||
    a.source !== b.source ||
    a.start !== b.start
  ) {
    throw new RangeError(
      'Only buckets of one granularity, source and start merge.',
    );
  }
  return mergeCounts(a, b);
}

// ---- Runtime validation ----

/** A value the store refused to write; `field` is its path, e.g. "ageGroups.25-34". */
export class StoreValidationError extends Error {
  override name = 'StoreValidationError';
  constructor(
    readonly field: string,
    /** What is wrong, e.g. "must be a whole number"; never the value itself. */
    readonly problem: string,
  ) {
    super(`Refused to store a bucket: ${field} ${problem}.`);
  }
}

function fail(field: string, problem: string): never {
  throw new StoreValidationError(field, problem);
}

// Names the type, never the value: the value may be the very data that must not be kept.
const describe = (v: unknown) =>
  typeof v === 'object' && v
    ? Object.prototype.toString.call(v).slice(8, -1)
    : `${v === null ? 'null' : typeof v}`;

function plainObject(
  v: unknown,
  field: string,
  /** The keys allowed: a list, or a pattern every key must match. */
  keys: readonly string[] | RegExp,
  /** Every listed key must be present (else: any of them may be). */
  exact = true,
) {
  const allowed = (k: string) =>
    keys instanceof RegExp ? keys.test(k) : keys.includes(k);
  const proto: unknown = typeof v === 'object' && v && Object.getPrototypeOf(v);
  // Object.prototype of any realm (hence no identity test), or null. Rejects Blob, typed
  // arrays, ArrayBuffer, Date, Map, arrays and class instances.
  // null is refused here (not by Reflect.ownKeys below), so the field is named.
  const plain =
    (v !== null && proto === null) ||
    (typeof proto === 'object' &&
      proto !== null &&
      Object.getPrototypeOf(proto) === null &&
      Object.prototype.toString.call(v) === '[object Object]');
  if (!plain) fail(field, `must be a plain object, not ${describe(v)}`);
  const o = v as Record<string | symbol, unknown>;
  for (const k of Reflect.ownKeys(o)) {
    const path = `${field}.${String(k)}`;
    if (typeof k !== 'string' || !allowed(k)) {
      // Names the field, not the key: a key that does not belong may be anything.
      fail(keys instanceof RegExp ? `${field} key` : path, 'is not allowed');
    }
    const desc = Object.getOwnPropertyDescriptor(o, k);
    if (!desc || !('value' in desc)) fail(path, 'must be a data property');
  }
  for (const k of exact && !(keys instanceof RegExp) ? keys : []) {
    if (!Object.hasOwn(o, k)) fail(`${field}.${k}`, 'is missing');
  }
  return o as Record<string, unknown>;
}

function int(v: unknown, max: number, field: string): number {
  if (typeof v !== 'number') {
    fail(field, `must be a number, not ${describe(v)}`);
  }
  if (!Number.isFinite(v)) fail(field, 'must be finite');
  if (!Number.isInteger(v)) fail(field, 'must be a whole number');
  if (v < 0) fail(field, 'must not be negative');
  if (v > max) fail(field, `must not exceed ${max}`);
  return v + 0; // -0 → 0
}

function oneOf<T extends string>(
  v: unknown,
  allowed: readonly T[],
  field: string,
): T {
  if (!allowed.includes(v as T)) {
    fail(field, `must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

const BUCKET_KEYS = Object.keys(emptyBucket('minute', 'camera', 0));

/** Returns a fresh, exactly-shaped copy of `input`, or throws StoreValidationError. */
export function validateBucket(input: unknown): Bucket {
  const o = plainObject(input, 'bucket', BUCKET_KEYS);
  const granularity = oneOf(o.granularity, GRANULARITIES, 'granularity');
  const source = oneOf(o.source, SOURCE_KINDS, 'source');
  const start = int(o.start, MAX_START, 'start');
  // A start inside a minute looks like a per-visit timestamp, not a bucket.
  if (start !== bucketStart(granularity, start)) {
    fail('start', `must be the start of a UTC ${granularity}`);
  }
  const b = emptyBucket(granularity, source, start);
  for (const f of SCALAR_FIELDS) {
    b[f] = int(o[f], f.endsWith('Ms') ? MAX_MS_SUM : MAX_COUNT, f);
  }
  for (const f of RECORD_FIELDS) {
    const r = plainObject(o[f], f, RECORDS[f]);
    const to = b[f] as Record<string, number>;
    for (const k of RECORDS[f]) to[k] = int(r[k], MAX_COUNT, `${f}.${k}`);
    const sum = Object.values(to).reduce((s, n) => s + n, 0);
    const exact = f === 'genders' || f === 'dwell';
    if (exact ? sum !== b.passersBy : sum > b.passersBy) {
      fail(f, `must sum to ${exact ? '' : 'at most '}passersBy`);
    }
  }
  if (b.watchers > b.passersBy) fail('watchers', 'must not exceed passersBy');
  for (const f of SPARSE_FIELDS) {
    const r = plainObject(o[f], f, SPARSE[f].keys, false);
    const to = b[f] as Record<string, number>;
    // In canonical key order, so equal counts are equal records whatever order they came in.
    const { keys } = SPARSE[f];
    const order = keys instanceof RegExp ? Object.keys(r).sort() : keys;
    if (order.length > MAX_PROFILE_KEYS) fail(f, 'has too many keys');
    for (const k of order) {
      if (Object.hasOwn(r, k)) to[k] = int(r[k], MAX_COUNT, `${f}.${k}`);
    }
  }
  return b;
}

// ---- Small-count suppression (display and export; storage keeps exact counts) ----

/** What a suppressed sum or peak shows; a suppressed count shows `<threshold` instead. */
export const SUPPRESSED = 'suppressed';

export type SuppressedBucket = {
  [K in keyof Bucket]: K extends 'granularity' | 'source' | 'start'
    ? Bucket[K]
    : Bucket[K] extends number
      ? number | string
      : { [P in keyof Bucket[K]]: number | string };
};

function checkThreshold(threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError(`Suppression threshold must be a whole number ≥ 1.`);
  }
}

/**
 * A count below `threshold` becomes the string `<threshold` (e.g. "<5"). Zero stays 0, as
 * it reveals nobody; so threshold 1 disables suppression.
 */
export function suppress(value: number, threshold: number): number | string {
  checkThreshold(threshold);
  return value === 0 || value >= threshold ? value : `<${threshold}`;
}

/**
 * Counts of people (passers-by, watchers, the peak in view, every record cell) go through
 * `suppress`. Sums (glances, dwellMs, attentionMs, occupancyMs) are one person's values when
 * few people contributed, so when passersBy is below `threshold` each non-zero one becomes
 * SUPPRESSED. Threshold 1 changes nothing, not even a minute holding only person-time in view
 * (passersBy 0: nobody had left yet).
 */
export function suppressBucket(b: Bucket, threshold: number): SuppressedBucket {
  checkThreshold(threshold);
  const out: Record<string, unknown> = { ...b };
  for (const f of SCALAR_FIELDS) {
    const few = threshold > 1 && b.passersBy < threshold && b[f] !== 0;
    out[f] =
      SCALARS[f] !== 'sum'
        ? suppress(b[f], threshold)
        : few
          ? SUPPRESSED
          : b[f];
  }
  for (const f of [...RECORD_FIELDS, ...SPARSE_FIELDS]) {
    const entries = Object.entries(b[f] as Record<string, number>);
    out[f] = Object.fromEntries(
      entries.map(([k, v]) => [k, suppress(v, threshold)]),
    );
  }
  return out as SuppressedBucket;
}
