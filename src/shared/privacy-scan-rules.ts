// The privacy scan's rules: what counts as an image, binary, an embedding, a per-visit row, a
// base64 blob or text where a bucket holds counts, written as checks that describe type and size
// only. Pure; imports src/shared only.

import { PROFILE_ID, SPAN_MS, type Granularity } from './aggregates';
import { ALERT_KEYS, CROSSING_KEYS, ZONE_IDS } from './alert-keys';
import { MATCHING_SCAN_RULE } from './privacy-scan-matching';
import { fmtBytes, typeName, utf8Length } from './value-inspect';

export interface ScanItem {
  /** e.g. "IndexedDB localsight-counts/buckets", "Cache Storage workbox-precache", "localStorage". */
  where: string;
  key: string;
  value: unknown;
}

export type FindingKind =
  | 'image'
  | 'binary'
  | 'embedding'
  | 'per-visit'
  | 'not-a-count'
  | 'long-text'
  | 'unchecked'
  /** A record in authorised matching's databases that is not one they write (issue 18). */
  | 'unexpected';

export interface Finding {
  where: string;
  key: string;
  /** e.g. "value.readings[3]"; property names only, cut to 40 characters each. */
  path: string;
  kind: FindingKind;
  /** Type and size, never the value. */
  detail: string;
}

export interface ScanResult {
  checked: { records: number; values: number; bytes: number };
  findings: Finding[];
  rules: string[];
}

export interface ScanOptions {
  /** True for the app's own shipped files (icon, sample photos, precache list). */
  isShippedAsset?: (url: string) => boolean;
}

export const BINARY_CAP_BYTES = 64;
export const EMBEDDING_MIN = 16;
export const LONG_TEXT_BYTES = 4096;
export const MAX_DEPTH = 32;
export const MAX_VALUES_PER_ITEM = 100_000;

export const SCAN_RULES: readonly string[] = [
  'Images: no Blob, File, ImageData or ImageBitmap, no data:image or data:video URL, and no base64 text that starts like a JPEG, PNG, GIF, WebP or BMP file.',
  `Binary: no ArrayBuffer, typed array or DataView over ${BINARY_CAP_BYTES} bytes.`,
  `Embeddings: no array or typed array holding ${EMBEDDING_MIN} or more fractional numbers (face descriptors, feature vectors).`,
  'Per-visit rows: no object with a field such as startedAt, endedAt, enteredAt, trackId, faceId, box, landmarks, keypoints, descriptor, embedding, snapshot or trajectory, and no face box (x, y, width, height).',
  'Bucket starts: every object with a granularity and a start begins exactly on its UTC minute, hour or day; a start inside a minute is a per-visit timestamp.',
  'Alert counts: in such a bucket, alerts, crossings and zonePeaks hold only whole numbers under zone and line slots (e.g. "z1.occupancy", "l1.in", "z1"); a name, text or any other value there is reported. Zone and line names belong in the alerts settings, never in counts.',
  'Profile counts: in such a bucket, profiles holds only whole numbers under random 16-hex-digit profile ids; a label or any other key or value there is reported.',
  `Long text: no string over ${LONG_TEXT_BYTES / 1024} kB that looks like base64.`,
  "Cache Storage: no image or video response whose URL is not one of the app's own shipped files.",
  `Files: no image or video file, and no file over ${BINARY_CAP_BYTES} bytes, in the origin private file system.`,
  MATCHING_SCAN_RULE,
  `Every value is walked, cycles included, up to ${MAX_DEPTH} levels and ${MAX_VALUES_PER_ITEM.toLocaleString('en')} values per record; anything beyond is reported as not fully checked. JSON text (e.g. in localStorage) is parsed and walked too.`,
];

export const PER_VISIT_FIELDS = new Set(
  [
    'startedAt',
    'endedAt',
    'trackId',
    'faceId',
    'personId',
    'box',
    'boxes',
    'landmarks',
    'keypoints',
    'descriptor',
    'embedding',
    'embeddings',
    'crop',
    'face',
    'pixels',
    // What an alert must never keep (issue 17): a picture of it, or the person's path or times.
    'snapshot',
    'snapshots',
    'thumbnail',
    'clip',
    'trajectory',
    'enteredAt',
  ].map((f) => f.toLowerCase()),
);
/** The keys each sparse record of a bucket may hold: slots, rules and profile ids, never names. */
const inSet = (keys: readonly string[]) => {
  const set = new Set(keys);
  return (k: string) => set.has(k);
};
const SLOT_KEYS: Readonly<Record<string, (key: string) => boolean>> = {
  alerts: inSet(ALERT_KEYS),
  crossings: inSet(CROSSING_KEYS),
  zonePeaks: inSet(ZONE_IDS),
  profiles: (k) => PROFILE_ID.test(k),
};
export const IMAGE_TAGS = new Set([
  'ImageData',
  'ImageBitmap',
  'VideoFrame',
  'OffscreenCanvas',
]);
export const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
export const DATA_MEDIA = /^\s*data:(image|video)\//i;

export const segment = (k: string): string => {
  const s = k.length > 40 ? `${k.slice(0, 37)}…` : k;
  return /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
};

/** The file kind whose magic number `b64` starts with, or null. */
export function base64ImageKind(b64: string): string | null {
  const bytes = decodeBase64Head(b64.trim(), 12);
  const is = (...sig: number[]) => sig.every((x, i) => bytes[i] === x);
  if (is(0xff, 0xd8, 0xff)) return 'JPEG';
  if (is(0x89, 0x50, 0x4e, 0x47)) return 'PNG';
  if (is(0x47, 0x49, 0x46, 0x38)) return 'GIF';
  if (is(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) {
    return 'WebP';
  }
  if (is(0x42, 0x4d) && b64.length > 64) return 'BMP';
  return null;
}

function decodeBase64Head(s: string, n: number): number[] {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of s.slice(0, Math.ceil((n * 4) / 3) + 4)) {
    const v = A.indexOf(ch === '-' ? '+' : ch === '_' ? '/' : ch);
    if (v < 0) break;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

export function checkString(
  s: string,
  add: (kind: FindingKind, d: string) => void,
) {
  const size = `${fmtBytes(utf8Length(s))}`;
  const media = DATA_MEDIA.exec(s);
  if (media) return add('image', `data:${media[1]} URL, ${size}`);
  const compact = s.length <= 4 * 1024 * 1024 ? s.replace(/[\r\n]+/g, '') : '';
  if (compact.length >= 16 && BASE64.test(compact)) {
    const kind = base64ImageKind(compact);
    if (kind) return add('image', `base64 ${kind} in a string of ${size}`);
  }
  if (utf8Length(s) > LONG_TEXT_BYTES && BASE64.test(compact)) {
    add('long-text', `base64-like string of ${size}`);
  }
}

export function checkObjectShape(
  o: Record<string, unknown>,
  add: (kind: FindingKind, d: string) => void,
) {
  const keys = Object.keys(o);
  const hits = keys.filter((k) => PER_VISIT_FIELDS.has(k.toLowerCase()));
  if (hits.length > 0) {
    const names = hits.slice(0, 5).map((k) => k.slice(0, 40));
    add('per-visit', `object with per-person field(s) ${names.join(', ')}`);
  } else if (['x', 'y', 'width', 'height'].every((k) => k in o)) {
    add('per-visit', 'object shaped like a face box (x, y, width, height)');
  }
  if ('start' in o && 'granularity' in o) {
    checkSlotCounts(o, add);
    const g = o.granularity as Granularity;
    const span = typeof g === 'string' && Object.hasOwn(SPAN_MS, g);
    const start = o.start;
    const aligned =
      typeof start === 'number' &&
      Number.isInteger(start) &&
      start % (span ? SPAN_MS[g] : SPAN_MS.minute) === 0;
    if (!aligned) {
      add(
        'per-visit',
        `start (${typeName(start)}) not aligned to a UTC ${span ? g : 'minute'}`,
      );
    }
  }
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * A bucket's alerts, crossings, zonePeaks and profiles: whole numbers under slot keys or
 * profile ids only. Buckets from before schema v4 (v5 for profiles) have none, which is fine.
 * Reports counts and types, never a key or value.
 */
export function checkSlotCounts(
  o: Record<string, unknown>,
  add: (kind: FindingKind, d: string) => void,
) {
  for (const [field, allowed] of Object.entries(SLOT_KEYS)) {
    if (!Object.hasOwn(o, field)) continue;
    const r = o[field];
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      add('not-a-count', `${field} is ${typeName(r)}, not a record of counts`);
      continue;
    }
    const entries = Object.entries(r as Record<string, unknown>);
    const foreign = entries.filter(([k]) => !allowed(k)).length;
    const bad = entries
      .map(([, v]) => v)
      .filter((v) => !(typeof v === 'number' && Number.isInteger(v) && v >= 0));
    if (foreign > 0) {
      add(
        'not-a-count',
        `${field} has ${plural(foreign, 'key')} that ${foreign === 1 ? 'is' : 'are'} not ${field === 'profiles' ? 'a random profile id (a label?)' : 'a zone or line slot (free text?)'}`,
      );
    }
    if (bad.length > 0) {
      const types = [...new Set(bad.map(typeName))].join(', ');
      add(
        'not-a-count',
        `${field} has ${plural(bad.length, 'value')} that ${bad.length === 1 ? 'is' : 'are'} not a whole count (${types})`,
      );
    }
  }
}

/** A bucket key ("minute|camera|2026-11-29T10:15:00.000Z") must name the start of its span. */
export function checkBucketKey(
  key: string,
  add: (kind: FindingKind, d: string) => void,
) {
  const m = /^(minute|hour|day)\|[^|]*\|(.+)$/.exec(key);
  if (!m) return;
  const t = Date.parse(m[2]);
  if (!Number.isFinite(t) || t % SPAN_MS[m[1] as Granularity] !== 0) {
    add('per-visit', `bucket key whose time is not the start of a UTC ${m[1]}`);
  }
}

export function checkNumbers(
  list: ArrayLike<unknown>,
  name: string,
  bytes: number | null,
) {
  let fractional = 0;
  for (let i = 0; i < list.length && fractional < EMBEDDING_MIN; i++) {
    const x = list[i];
    if (typeof x === 'number' && Number.isFinite(x) && !Number.isInteger(x)) {
      fractional++;
    }
  }
  if (fractional >= EMBEDDING_MIN) {
    return `${name} of ${list.length} numbers, at least ${EMBEDDING_MIN} fractional${bytes === null ? '' : ` (${fmtBytes(bytes)})`}`;
  }
  return null;
}

export function checkCacheEntry(
  item: ScanItem,
  isShipped: (url: string) => boolean,
  add: (kind: FindingKind, d: string, path: string) => void,
) {
  const v = item.value as {
    url?: unknown;
    contentType?: unknown;
    bytes?: unknown;
  };
  if (typeof v !== 'object' || v === null) return;
  const type = typeof v.contentType === 'string' ? v.contentType : '';
  const url = typeof v.url === 'string' ? v.url : '';
  const media = /^\s*(image|video)\//i.exec(type);
  if (media && !isShipped(url)) {
    const size = typeof v.bytes === 'number' ? `, ${fmtBytes(v.bytes)}` : '';
    add(
      'image',
      `${media[1]} response not among the app's own files${size}`,
      '.url',
    );
  }
}

/** LocalSight never writes files: any media file, or any file over the cap, is reported. */
export function checkFile(
  v: unknown,
  add: (kind: FindingKind, d: string) => void,
) {
  const f = v as { kind?: unknown; type?: unknown; bytes?: unknown };
  if (typeof f !== 'object' || f === null || f.kind !== 'file') return;
  const type = typeof f.type === 'string' ? f.type : '';
  const bytes = typeof f.bytes === 'number' ? f.bytes : 0;
  if (/^(image|video)\//i.test(type)) {
    add('image', `${type.split('/')[0]} file, ${fmtBytes(bytes)}`);
  } else if (bytes > BINARY_CAP_BYTES) {
    add('binary', `file of ${fmtBytes(bytes)}`);
  }
}
