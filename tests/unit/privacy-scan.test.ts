import { describe, expect, it } from 'vitest';
import {
  emptyBucket,
  foldInView,
  foldVisit,
} from '../../src/shared/aggregates';
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
