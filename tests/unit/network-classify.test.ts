import { describe, expect, it } from 'vitest';
import {
  buildNetworkRecord,
  classifyRequest,
  toResourceEntries,
} from '../../src/shared/network-classify';

const APP = 'https://localsight.test';
const entry = (name: string, startTime = 1, transferSize = 100) => ({
  name,
  initiatorType: 'fetch',
  transferSize,
  startTime,
});

describe('classifyRequest', () => {
  it('sorts same-origin, local and off-origin URLs', () => {
    expect(classifyRequest(`${APP}/models/emotion.bin`, APP)).toEqual({
      place: 'same-origin',
      origin: APP,
    });
    expect(classifyRequest('/sample/sample1.jpg', `${APP}/`).place).toBe(
      'same-origin',
    );
    expect(classifyRequest('data:image/png;base64,AAAA', APP).place).toBe(
      'local',
    );
    expect(classifyRequest(`blob:${APP}/1234-5678`, APP).place).toBe('local');
    expect(classifyRequest('about:blank', APP).place).toBe('local');
    expect(classifyRequest('https://cdn.example/tfjs.wasm', APP)).toEqual({
      place: 'off-origin',
      origin: 'https://cdn.example',
    });
    // Another port or scheme is another origin.
    expect(classifyRequest('https://localsight.test:8443/x', APP).place).toBe(
      'off-origin',
    );
    expect(classifyRequest('http://localsight.test/x', APP).place).toBe(
      'off-origin',
    );
    expect(classifyRequest('http://[bad', APP).place).toBe('off-origin');
  });
});

describe('buildNetworkRecord', () => {
  it('counts both realms, collapses duplicates and keeps local out of off-origin', () => {
    const rec = buildNetworkRecord(
      [
        { realm: 'page', entry: entry(`${APP}/`) },
        { realm: 'page', entry: entry(`${APP}/`) }, // observer + getEntries
        { realm: 'page', entry: entry('data:image/svg+xml,<svg/>', 2) },
        { realm: 'worker', entry: entry(`${APP}/models/a.bin`, 3, 5000) },
        { realm: 'worker', entry: entry('https://tfhub.example/m', 4) },
      ],
      APP,
      ['note'],
    );
    expect(rec.counts).toEqual({
      total: 4,
      sameOrigin: 3,
      local: 1,
      offOrigin: 1,
    });
    expect(rec.requests.map((r) => [r.realm, r.place])).toEqual([
      ['page', 'same-origin'],
      ['page', 'local'],
      ['worker', 'same-origin'],
      ['worker', 'off-origin'],
    ]);
    expect(rec.requests[2].bytes).toBe(5000);
    expect(rec.notes).toEqual(['note']);
  });

  it('reduces Resource Timing entries to plain data', () => {
    const plain = toResourceEntries([
      { name: `${APP}/`, entryType: 'navigation', startTime: 0 },
    ]);
    expect(plain).toEqual([
      {
        name: `${APP}/`,
        initiatorType: 'navigation',
        transferSize: 0,
        startTime: 0,
      },
    ]);
    expect(structuredClone(plain)).toEqual(plain);
  });
});

describe('the worker API resourceLog', () => {
  it('returns plain, cloneable entries from the realm’s own timeline', async () => {
    const { createDetectorApi } = await import('../../src/worker/detector-api');
    // Async since issue 15: it adds the people worker's timeline when that worker runs.
    const log = await createDetectorApi({
      fetch: () => Promise.reject(new Error('no network in this test')),
    }).resourceLog();
    expect(Array.isArray(log)).toBe(true);
    expect(structuredClone(log)).toEqual(log);
  });
});
