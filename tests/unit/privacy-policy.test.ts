import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyBucket } from '../../src/shared/aggregates';
import type { Inventory } from '../../src/shared/inspector-types';
import { buildNetworkRecord } from '../../src/shared/network-classify';
import {
  DEFAULT_POLICY,
  policyEvidence,
} from '../../src/shared/privacy-policy';
import { scanForPersonalData } from '../../src/shared/privacy-scan';

const APP = 'https://localsight.test';
const T = Date.UTC(2026, 10, 29, 10, 15);
const bucket = emptyBucket('minute', 'camera', T);

function inventory(stores = ['buckets', 'meta']): Inventory {
  return {
    takenAt: T,
    databases: [
      {
        name: 'localsight-counts',
        version: 2,
        stores: stores.map((name) => ({
          name,
          keyPath: null,
          autoIncrement: false,
          indexes: [],
          count: name === 'buckets' ? 124 : 0,
          bytes: 0,
          records: [],
          truncated: false,
        })),
      },
    ],
    caches: [],
    webStorage: [{ name: 'cookies', entries: [] }],
    files: [],
    estimate: null,
    persisted: null,
    errors: [],
  };
}
const net = (urls: string[]) =>
  buildNetworkRecord(
    urls.map((name, i) => ({
      realm: i === 0 ? ('page' as const) : ('worker' as const),
      entry: { name, initiatorType: 'fetch', transferSize: 0, startTime: i },
    })),
    APP,
  );

describe('policyEvidence', () => {
  it('shows every clause holding on a clean device', () => {
    const rows = policyEvidence(DEFAULT_POLICY, {
      inventory: inventory(),
      scan: scanForPersonalData([{ where: 'x', key: 'k', value: bucket }]),
      network: net([`${APP}/`, `${APP}/models/a.bin`]),
    });
    expect(rows.map((r) => [r.clause.id, r.verdict])).toEqual([
      ['local-processing', 'holds'],
      ['non-identifying', 'holds'],
      ['aggregated', 'holds'],
      ['no-sharing', 'holds'],
    ]);
    const text = rows.flatMap((r) => r.evidence).join('\n');
    expect(text).toContain('0 of 2 requests this session left the origin');
    expect(text).toContain('Only aggregate buckets stored: 124 records');
    expect(text).toContain(
      'No per-person rows: the database schema has stores buckets and meta only',
    );
    expect(text).toContain('only in worker memory');
    expect(text).toContain('No cookies.');
    expect(text).toContain(
      'Alerts, line crossings and zone peaks: whole counts under zone and line slots only.',
    );
    expect(text).toMatch(/alert is shown on this device only.*no push server/);
  });

  it('says the aggregated clause covers alerts, and breaks it for free text in their counts', () => {
    const clause = DEFAULT_POLICY.find((c) => c.id === 'aggregated');
    expect(clause?.text).toMatch(/security alerts and line crossings/);
    expect(clause?.text).toMatch(/no alert keeps a snapshot/);
    const scan = scanForPersonalData([
      {
        where: 'IndexedDB localsight-counts/buckets',
        key: 'minute|camera|2026-11-29T10:15:00.000Z',
        value: { ...bucket, alerts: { 'z1.loitering': 'Anna' } },
      },
    ]);
    const rows = policyEvidence(DEFAULT_POLICY, {
      inventory: inventory(),
      scan,
      network: net([`${APP}/`]),
    });
    const aggregated = rows.find((r) => r.clause.id === 'aggregated');
    expect(aggregated?.verdict).toBe('breached');
    expect(aggregated?.evidence.join('\n')).toMatch(
      /hold something other than counts under zone and line slots \(1 finding\)/,
    );
    expect(aggregated?.evidence.join('\n')).not.toContain('Anna');
  });

  it('marks clauses contradicted by the evidence', () => {
    const scan = scanForPersonalData([
      {
        where: 'x',
        key: 'k',
        value: { startedAt: T + 5, thumb: 'data:image/png;base64,AA' },
      },
    ]);
    const rows = policyEvidence(DEFAULT_POLICY, {
      inventory: inventory(['buckets', 'meta', 'visits']),
      scan,
      network: net([`${APP}/`, 'https://cdn.example/model.bin']),
    });
    const verdict = Object.fromEntries(
      rows.map((r) => [r.clause.id, r.verdict]),
    );
    expect(verdict).toEqual({
      'local-processing': 'breached',
      'non-identifying': 'breached',
      aggregated: 'breached',
      'no-sharing': 'breached',
    });
    const text = rows.flatMap((r) => r.evidence).join('\n');
    expect(text).toContain('1 of 2 requests this session left the origin');
    expect(text).toContain('stores its schema does not define: visits');
  });

  it('says "unknown" before any evidence is gathered', () => {
    const rows = policyEvidence(DEFAULT_POLICY, {
      inventory: null,
      scan: null,
      network: null,
    });
    expect(rows.every((r) => r.verdict === 'unknown')).toBe(true);
  });
});

describe('the inspector renders stored values as text only', () => {
  it('uses no innerHTML, unsafeHTML or unsafeSVG', () => {
    for (const f of [
      'ls-privacy-inspector.ts',
      'inspector-storage.ts',
      'inspector-matching.ts',
      'inspector-offline.ts',
    ]) {
      const src = readFileSync(
        new URL(`../../src/components/${f}`, import.meta.url),
        'utf8',
      ).replace(/^\/\/.*$/gm, '');
      expect(src).not.toMatch(/innerHTML|unsafeHTML|unsafeSVG|unsafeStatic/);
    }
  });
});
