import { describe, expect, it } from 'vitest';
import {
  emptyBucket,
  foldInView,
  foldSite,
  foldVisit,
} from '../../src/shared/aggregates';
import {
  ALERT_KEYS,
  CROSSING_KEYS,
  ZONE_IDS,
} from '../../src/shared/alert-keys';
import {
  ALERTS_SETTINGS_KEY,
  EXAMPLE_ALERT_SETUP,
  exampleBucket,
  reviewerConfig,
} from '../../src/shared/reviewer-docs';
import { DEFAULT_SETTINGS, SETTINGS_KEY } from '../../src/shared/settings';
import { MODEL_CARDS } from '../../src/shared/model-cards';
import {
  base64ImageKind,
  scanForPersonalData,
  type ScanItem,
} from '../../src/shared/privacy-scan';
import { whereCache, whereDatabase } from '../../src/shared/inspector-types';
import { approxBytes, formatForDisplay } from '../../src/shared/value-inspect';
import { A_VISIT } from '../support/visits';

const T = Date.UTC(2026, 10, 29, 10, 15, 42);
const visit = { ...A_VISIT, startedAt: T };
const BUCKETS = whereDatabase('localsight-counts', 'buckets');
const item = (value: unknown, key = 'k', where = BUCKETS): ScanItem => ({
  where,
  key,
  value,
});
const kinds = (value: unknown) =>
  scanForPersonalData([item(value)]).findings.map((f) => f.kind);

// A JPEG header (FF D8 FF E0 …) in base64, padded to look like a real thumbnail.
const JPEG_B64 = '/9j/4AAQSkZJRgABAQAAAQABAAD' + 'A'.repeat(200);
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB' + 'A'.repeat(40);

describe('scanForPersonalData', () => {
  it('passes a real bucket, its key and meta clean', () => {
    const bucket = foldInView(
      foldVisit(emptyBucket('minute', 'camera', T), visit),
      { peak: 2, occupancyMs: 9_000 },
    );
    const result = scanForPersonalData([
      item(bucket, 'minute|camera|2026-11-29T10:15:00.000Z'),
      item(
        foldVisit(emptyBucket('day', 'sample', T), visit),
        'day|sample|2026-11-29T00:00:00.000Z',
      ),
      item(T, 'lastPurgeAt', whereDatabase('localsight-counts', 'meta')),
      item('{"age":true,"workplace":false}', 'settings', 'localStorage'),
    ]);
    expect(result.findings).toEqual([]);
    expect(result.checked.records).toBe(4);
    expect(result.checked.values).toBeGreaterThan(40);
    expect(result.checked.bytes).toBeGreaterThan(0);
    expect(result.rules.length).toBeGreaterThanOrEqual(7);
  });

  it('finds images: Blobs, image-like objects, data: URLs, base64 magic numbers', () => {
    expect(
      kinds(new Blob([new Uint8Array(10)], { type: 'image/jpeg' })),
    ).toEqual(['image']);
    const imageData = Object.assign(Object.create(null) as object, {
      [Symbol.toStringTag]: 'ImageData',
      data: new Uint8ClampedArray(16),
    });
    expect(kinds(imageData)).toEqual(['image']);
    expect(kinds({ thumb: 'data:image/png;base64,iVBORw0K' })).toEqual([
      'image',
    ]);
    expect(kinds({ thumb: JPEG_B64 })).toEqual(['image']);
    expect(kinds([PNG_B64])).toEqual(['image']);
    expect(base64ImageKind(JPEG_B64)).toBe('JPEG');
    expect(base64ImageKind('aGVsbG8gd29ybGQ=')).toBeNull();
  });

  it('finds binary over the cap, but not a tiny buffer', () => {
    expect(kinds({ raw: new Uint8Array(1000) })).toEqual(['binary']);
    expect(kinds(new ArrayBuffer(65))).toEqual(['binary']);
    expect(kinds(new DataView(new ArrayBuffer(200)))).toEqual(['binary']);
    expect(kinds(new Uint8Array(8))).toEqual([]);
    expect(kinds(new Blob(['x'], { type: 'text/plain' }))).toEqual(['binary']);
  });

  it('finds embeddings in arrays and typed arrays', () => {
    const desc = Array.from({ length: 128 }, (_, i) => Math.sin(i) / 3);
    expect(kinds({ v: desc })).toEqual(['embedding']);
    expect(kinds(Float32Array.from(desc))).toEqual(['embedding']);
    expect(kinds(Array.from({ length: 128 }, (_, i) => i))).toEqual([]);
  });

  it('finds per-visit rows and misaligned bucket starts', () => {
    expect(kinds({ startedAt: T, dwellMs: 5 })).toEqual(['per-visit']);
    expect(kinds({ rows: [{ trackId: 'ab12cd34' }] })).toEqual(['per-visit']);
    expect(kinds({ x: 1, y: 2, width: 3, height: 4 })).toEqual(['per-visit']);
    const early = { ...emptyBucket('minute', 'camera', T), start: T };
    expect(kinds(early)).toEqual(['per-visit']);
    const hour = emptyBucket('hour', 'camera', T);
    expect(kinds({ ...hour, start: hour.start + 60_000 })).toEqual([
      'per-visit',
    ]);
    const keyed = scanForPersonalData([
      item(
        emptyBucket('minute', 'camera', T),
        'minute|camera|2026-11-29T10:15:42.000Z',
      ),
    ]);
    expect(keyed.findings.map((f) => [f.kind, f.path])).toEqual([
      ['per-visit', 'key'],
    ]);
    // Inside JSON text, e.g. in localStorage.
    expect(kinds(JSON.stringify({ log: [{ faceId: 3 }] }))).toEqual([
      'per-visit',
    ]);
  });

  it('finds long base64-like text', () => {
    expect(kinds({ blob: 'QUJD'.repeat(2000) })).toEqual(['long-text']);
    expect(kinds({ prose: 'word '.repeat(2000) })).toEqual([]);
  });

  it('flags foreign media in Cache Storage, not the app’s own files', () => {
    const cache = whereCache('runtime');
    const entry = (url: string, contentType: string) =>
      item({ url, contentType, bytes: 1234 }, url, cache);
    const result = scanForPersonalData(
      [
        entry('https://app.test/sample/sample1.jpg', 'image/jpeg'),
        entry(
          'https://app.test/models/emotion.bin',
          'application/octet-stream',
        ),
        entry('https://app.test/snapshots/1.jpg', 'image/jpeg'),
        entry('https://app.test/clip.webm', 'video/webm'),
      ],
      { isShippedAsset: (url) => url.endsWith('/sample/sample1.jpg') },
    );
    expect(result.findings.map((f) => [f.key, f.kind])).toEqual([
      ['https://app.test/snapshots/1.jpg', 'image'],
      ['https://app.test/clip.webm', 'image'],
    ]);
  });

  it('does not hang on cycles and caps depth', () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = a;
    a.list = [a, { back: a }];
    const m = new Map<unknown, unknown>([['me', a]]);
    a.map = m;
    expect(scanForPersonalData([item(a)]).findings).toEqual([]);
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100; i++) deep = deep.next = {};
    expect(kinds(root)).toEqual(['unchecked']);
  });

  it('never echoes values in findings', () => {
    const secret = 'data:image/png;base64,SECRETSECRETSECRET';
    const result = scanForPersonalData([
      item({
        photo: secret,
        startedAt: 1234567,
        d: new Float64Array(32).fill(0.5),
      }),
    ]);
    expect(result.findings.length).toBe(3);
    const text = JSON.stringify(result.findings);
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain('1234567');
    expect(text).not.toContain('0.5');
  });
});

/** A bucket as schema v3 stored it: without alerts, crossings and zonePeaks. */
function v3Bucket(): Record<string, unknown> {
  const b: Record<string, unknown> = { ...emptyBucket('hour', 'camera', T) };
  for (const f of ['alerts', 'crossings', 'zonePeaks']) delete b[f];
  return b;
}

describe('scanForPersonalData and alerts (issue 17)', () => {
  const withSite = foldSite(emptyBucket('minute', 'camera', T), {
    alerts: { 'z1.occupancy': 2, 'z1.afterHours': 1, 'frame.object': 1 },
    crossings: { 'l1.in': 12, 'l1.out': 9, 'l8.out': 1 },
    zonePeaks: { z1: 4, z8: 1 },
  });
  const KEY = 'minute|camera|2026-11-29T10:15:00.000Z';
  const bucketKinds = (alerts: unknown, field = 'alerts') =>
    kinds({ ...emptyBucket('minute', 'camera', T), [field]: alerts });

  it('passes buckets with alert, crossing and zone counts, and the alerts settings', () => {
    const result = scanForPersonalData([
      item(withSite, KEY),
      item(
        exampleBucket(reviewerConfig(DEFAULT_SETTINGS, 4, MODEL_CARDS)),
        'hour|camera|2026-11-30T10:00:00.000Z',
      ),
      // Every slot and rule at once: no key of the schema is mistaken for free text.
      item(
        foldSite(emptyBucket('day', 'camera', T), {
          alerts: Object.fromEntries(ALERT_KEYS.map((k) => [k, 1])),
          crossings: Object.fromEntries(CROSSING_KEYS.map((k) => [k, 3])),
          zonePeaks: Object.fromEntries(ZONE_IDS.map((k) => [k, 2])),
        }),
        'day|camera|2026-11-29T00:00:00.000Z',
      ),
      // A bucket from before schema v4, without the three fields.
      item(v3Bucket(), 'hour|camera|2026-11-29T10:00:00.000Z'),
      // Zone and line names are the operator's text in the settings: fine there.
      item(
        JSON.stringify({
          ...EXAMPLE_ALERT_SETUP,
          zones: [{ ...EXAMPLE_ALERT_SETUP.zones[0], name: 'Anna’s desk' }],
        }),
        ALERTS_SETTINGS_KEY,
        'localStorage',
      ),
      item(
        JSON.stringify(EXAMPLE_ALERT_SETUP),
        ALERTS_SETTINGS_KEY,
        'localStorage',
      ),
      item('{"age":true,"workplace":false}', SETTINGS_KEY, 'localStorage'),
    ]);
    expect(result.findings).toEqual([]);
    expect(result.rules.join(' ')).toMatch(/alerts, crossings and zonePeaks/);
  });

  it('flags a name, text or anything but a whole count in a bucket’s alert records', () => {
    expect(bucketKinds({ 'z1.occupancy': 'Back door' })).toEqual([
      'not-a-count',
    ]);
    expect(bucketKinds({ 'Back door.occupancy': 1 })).toEqual(['not-a-count']);
    expect(
      bucketKinds({ 'l1.in': 1, 'Front door.out': 2 }, 'crossings'),
    ).toEqual(['not-a-count']);
    expect(bucketKinds({ z1: 1.5 }, 'zonePeaks')).toEqual(['not-a-count']);
    expect(bucketKinds({ z1: -1 }, 'zonePeaks')).toEqual(['not-a-count']);
    expect(bucketKinds('Back door: 2 people')).toEqual(['not-a-count']);
    expect(bucketKinds([1, 2])).toEqual(['not-a-count']);
    // A per-person row inside is both: not a count, and per-visit.
    expect(
      bucketKinds({ 'z1.loitering': { trackId: 'ab12', enteredAt: T } }).sort(),
    ).toEqual(['not-a-count', 'per-visit']);
    // Inside JSON text too, e.g. a bucket copied into localStorage.
    expect(
      kinds(
        JSON.stringify({ ...withSite, alerts: { 'z1.occupancy': 'Lobby' } }),
      ),
    ).toEqual(['not-a-count']);
  });

  it('reports how many keys and values, never which', () => {
    const result = scanForPersonalData([
      item(
        {
          ...withSite,
          alerts: { 'Anna Smith.loitering': 1, 'Bob.restricted': 'SECRET' },
        },
        KEY,
      ),
    ]);
    expect(result.findings.map((f) => [f.kind, f.path, f.detail])).toEqual([
      [
        'not-a-count',
        'value',
        'alerts has 2 keys that are not a zone or line slot (free text?)',
      ],
      [
        'not-a-count',
        'value',
        'alerts has 1 value that is not a whole count (string)',
      ],
    ]);
    const text = JSON.stringify(result.findings);
    expect(text).not.toMatch(/Anna|Bob|SECRET/);
  });

  it('flags what an alert must never keep: snapshots, paths, entry times', () => {
    const log = { rule: 'loitering', zone: 'z1', startedAt: T };
    expect(kinds({ ...log, snapshot: 'x' })).toEqual(['per-visit']);
    expect(kinds({ alert: 'z1.restricted', trajectory: [] })).toEqual([
      'per-visit',
    ]);
    expect(kinds(JSON.stringify([{ id: 'p3', enteredAt: T }]))).toEqual([
      'per-visit',
    ]);
    expect(
      kinds({ alert: 'z1.restricted', thumbnail: JPEG_B64 }).sort(),
    ).toEqual(['image', 'per-visit']);
  });
});

describe('value-inspect', () => {
  it('estimates the JSON size of plain data and the byte length of binary', () => {
    const bucket = emptyBucket('minute', 'camera', T);
    const json = new TextEncoder().encode(JSON.stringify(bucket)).length;
    expect(Math.abs(approxBytes(bucket) - json)).toBeLessThan(json * 0.05);
    expect(approxBytes({ b: new Uint8Array(1000) })).toBeGreaterThanOrEqual(
      1000,
    );
  });

  it('formats cycles, binary and Maps without throwing, and caps the length', () => {
    const a: Record<string, unknown> = { s: '<img src=x onerror=alert(1)>' };
    a.self = a;
    a.bin = new Uint8Array(2048);
    a.m = new Map([[1, a]]);
    const text = formatForDisplay(a);
    expect(text).toContain('[cycle]');
    expect(text).toContain('[Uint8Array, 2.0 kB]');
    expect(text).toContain('Map [');
    expect(formatForDisplay('x'.repeat(50_000), 100).length).toBeLessThan(200);
  });
});
