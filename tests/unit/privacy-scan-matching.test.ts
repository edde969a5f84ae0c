// The privacy scan and authorised face matching's own databases (issue 18), on
// fake-indexeddb: a real profiles store and audit log, read and scanned the way the inspector
// does it, show nothing; a descriptor in the clear, a label where only an id belongs, a record
// of another shape or a store the schema does not define are reported. The policy clauses
// name the exception instead of doubting the databases.

import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { recordItems } from '../../src/controllers/inspector-controller';
import { AuditLog } from '../../src/matching/audit-log';
import { ProfileStore } from '../../src/matching/profile-store';
import { emptyBucket } from '../../src/shared/aggregates';
import { whereDatabase } from '../../src/shared/inspector-types';
import {
  DEFAULT_POLICY,
  policyEvidence,
} from '../../src/shared/privacy-policy';
import {
  FLOAT_RUN,
  SCAN_RULES,
  createScanner,
  longestFloatRun,
  scanForPersonalData,
  type ScanResult,
} from '../../src/shared/privacy-scan';
import {
  AUDIT_DB_NAME,
  PROFILES_DB_NAME,
} from '../../src/shared/reviewer-config';
import { readInventory } from '../../src/store/inventory';

const NOW = Date.UTC(2026, 11, 6, 12);
const DAY = 86_400_000;
const AUTH = {
  purpose: 'staff-tracking',
  art6: 'consent',
  art9: 'explicit-consent',
  retentionDays: 90,
  affected: 'Front-desk staff who signed the consent form',
  authorisedBy: 'Site manager',
  at: NOW,
} as const;

function descriptor(seed: number): Float32Array {
  const d = new Float32Array(128).map((_, i) =>
    Math.sin(seed * 7.1 + i * 0.37),
  );
  const norm = Math.hypot(...d);
  return d.map((v) => v / norm);
}

/** What the inspector does: every record of every database through recordItems into the scan. */
async function inspect(): Promise<{
  scan: ScanResult;
  inventory: Awaited<ReturnType<typeof readInventory>>;
}> {
  const scanner = createScanner();
  const inventory = await readInventory({
    indexedDB,
    onRecord: (db, store, key, value) =>
      recordItems(whereDatabase(db, store), key, value).forEach((i) =>
        scanner.add(i),
      ),
  });
  return { scan: scanner.result(), inventory };
}

async function put(
  db: string,
  store: string,
  key: IDBValidKey,
  value: unknown,
) {
  const conn = await openDB(db);
  await conn.put(store, value, key);
  conn.close();
}

const PROFILES = (store: string) => whereDatabase(PROFILES_DB_NAME, store);
const kinds = (where: string, key: string, value: unknown) =>
  scanForPersonalData([{ where, key, value }]).findings.map((f) => f.kind);

describe('the scan of a real profiles store and audit log', () => {
  it('finds nothing in what the store writes, and counts the ciphertext it checked', async () => {
    const store = await ProfileStore.create('correct horse', AUTH, {
      iterations: 1000,
      now: () => NOW,
    });
    await store.add('Anna', NOW + 30 * DAY, [
      descriptor(1),
      descriptor(2),
      descriptor(3),
    ]);
    await store.add('Ben', NOW + 30 * DAY, [
      descriptor(4),
      descriptor(5),
      descriptor(6),
    ]);
    store.close();
    const audit = new AuditLog(AUDIT_DB_NAME, () => NOW);
    await audit.record('turned-on');
    await audit.record('enrolled', 1);
    await audit.record('unlock-failed');

    const { scan, inventory } = await inspect();
    expect(scan.findings).toEqual([]);
    // keyring, authorisation, 2 profiles; 3 audit entries, each also scanned by its key.
    expect(scan.checked.records).toBe(4 + 6);
    expect(scan.checked.bytes).toBeGreaterThan(2 * 3 * 128 * 4);
    expect(SCAN_RULES.join('\n')).toMatch(
      /Authorised face matching: in localsight-profiles, only the keyring/,
    );

    const verdicts = policyEvidence(DEFAULT_POLICY, {
      inventory,
      scan,
      network: null,
    });
    const clause = (id: string) => verdicts.find((v) => v.clause.id === id)!;
    expect(clause('non-identifying').verdict).toBe('holds');
    expect(clause('non-identifying').evidence.join('\n')).toMatch(
      /The exception: authorised face matching is on, and localsight-profiles keeps 2 enrolled profiles, each encrypted/,
    );
    expect(clause('non-identifying').clause.text).toMatch(
      /The one exception, off by default: faces matched on this device against profiles the client explicitly set up and authorised/,
    );
    // Its own databases are named, not doubted as "other databases".
    expect(clause('aggregated').verdict).toBe('holds');
    const aggregated = clause('aggregated').evidence.join('\n');
    expect(aggregated).toMatch(
      /Authorised face matching’s own database localsight-profiles: no counts/,
    );
    expect(aggregated).not.toMatch(/Other databases/);
    // Nothing the scan reports echoes a label.
    expect(JSON.stringify(scan)).not.toMatch(/Anna|Ben/);
  });

  it('reports a descriptor in the clear, even where ciphertext belongs', async () => {
    const clear = new Uint8Array(descriptor(7).buffer.slice(0));
    await put(PROFILES_DB_NAME, 'profiles', 'a1b2c3d4e5f60718', {
      expiresAt: NOW + DAY,
      sealed: { iv: new Uint8Array(12), data: clear },
    });
    const { scan, inventory } = await inspect();
    expect(scan.findings.map((f) => [f.kind, f.key])).toEqual([
      ['embedding', 'a1b2c3d4e5f60718'],
    ]);
    expect(scan.findings[0]?.detail).toMatch(
      /reads as 128 float32 numbers in a row: a descriptor in the clear/,
    );
    const v = policyEvidence(DEFAULT_POLICY, {
      inventory,
      scan,
      network: null,
    });
    expect(v.find((c) => c.clause.id === 'non-identifying')?.verdict).toBe(
      'breached',
    );
  });
});

describe('checks of the matching databases', () => {
  const sealed = (n = 600) => ({
    iv: crypto.getRandomValues(new Uint8Array(12)),
    data: crypto.getRandomValues(new Uint8Array(n)),
  });

  it('accepts the shapes the store writes, ciphertext included', () => {
    expect(
      kinds(PROFILES('profiles'), '0123456789abcdef', {
        expiresAt: NOW,
        sealed: sealed(),
      }),
    ).toEqual([]);
    expect(
      kinds(PROFILES('keyring'), 'v1', {
        salt: new Uint8Array(16),
        iterations: 600_000,
        check: sealed(38),
      }),
    ).toEqual([]);
    expect(kinds(PROFILES('authorisation'), 'v1', AUTH)).toEqual([]);
    // The same ciphertext anywhere else is binary, as before.
    expect(
      kinds(whereDatabase('localsight-counts', 'meta'), 'x', sealed()),
    ).toEqual(['binary']);
  });

  it('reports a label in the clear, extra fields, wrong keys and undefined stores', () => {
    const profile = { expiresAt: NOW, sealed: sealed() };
    expect(
      kinds(PROFILES('profiles'), '0123456789abcdef', {
        ...profile,
        label: 'Anna',
      }),
      // A record of the wrong shape has no ciphertext accepted either.
    ).toEqual(['unexpected', 'binary']);
    // A label as the key, where a random id belongs.
    expect(kinds(PROFILES('profiles'), 'Anna Smith', profile)).toEqual([
      'unexpected',
      'binary',
    ]);
    expect(
      kinds(PROFILES('authorisation'), 'v1', { ...AUTH, note: 'x' }),
    ).toEqual(['unexpected']);
    expect(
      kinds(PROFILES('authorisation'), 'v1', {
        ...AUTH,
        affected: 'x'.repeat(500),
      }),
    ).toEqual(['unexpected']);
    expect(
      kinds(PROFILES('keyring'), 'v1', {
        salt: new Uint8Array(16),
        iterations: 1,
      }),
    ).toEqual(['unexpected']);
    expect(kinds(PROFILES('photos'), 'p1', { note: 'hi' })).toEqual([
      'unexpected',
    ]);
    const found = scanForPersonalData([
      { where: PROFILES('photos'), key: 'p1', value: 'Anna' },
    ]).findings;
    expect(found[0]?.detail).toBe(
      'string in a store the profiles database does not define',
    );
  });

  it('accepts audit entries and their keys, and reports anything else there', () => {
    const AUDIT = whereDatabase(AUDIT_DB_NAME, 'entries');
    const entry = { at: NOW, action: 'enrolled', count: 1 };
    const items = recordItems(AUDIT, 7, entry);
    expect(items).toHaveLength(2);
    expect(scanForPersonalData(items).findings).toEqual([]);
    expect(kinds(AUDIT, '8', { ...entry, label: 'Anna' })).toEqual([
      'unexpected',
    ]);
    expect(kinds(AUDIT, '8', { ...entry, action: 'Anna was here' })).toEqual([
      'unexpected',
    ]);
    expect(kinds(AUDIT, '8', 8)).toEqual(['unexpected']);
    expect(
      kinds(whereDatabase(AUDIT_DB_NAME, 'notes'), '1', { at: NOW }),
    ).toEqual(['unexpected']);
  });

  it('tells float runs from random bytes', () => {
    expect(longestFloatRun(new Uint8Array(descriptor(1).buffer))).toBe(128);
    // At an odd offset too, as after a header.
    const shifted = new Uint8Array(4 * 128 + 3);
    shifted.set(new Uint8Array(descriptor(2).buffer), 3);
    expect(longestFloatRun(shifted)).toBe(128);
    let worst = 0;
    for (let i = 0; i < 200; i++) {
      const random = crypto.getRandomValues(new Uint8Array(4096));
      worst = Math.max(worst, longestFloatRun(random));
    }
    expect(worst).toBeLessThan(FLOAT_RUN);
  });
});

describe('profile counts in buckets', () => {
  const bucket = (profiles: Record<string, unknown>) => ({
    ...emptyBucket('minute', 'camera', NOW),
    profiles,
  });
  const BUCKETS = whereDatabase('localsight-counts', 'buckets');

  it('accept whole counts under random ids, and report labels or other values', () => {
    expect(kinds(BUCKETS, 'k', bucket({ '0123456789abcdef': 3 }))).toEqual([]);
    const found = scanForPersonalData([
      {
        where: BUCKETS,
        key: 'k',
        value: bucket({ 'Anna Smith': 2, '0123456789abcdef': 'Anna' }),
      },
    ]).findings;
    expect(found.map((f) => [f.kind, f.detail])).toEqual([
      [
        'not-a-count',
        'profiles has 1 key that is not a random profile id (a label?)',
      ],
      [
        'not-a-count',
        'profiles has 1 value that is not a whole count (string)',
      ],
    ]);
    expect(JSON.stringify(found)).not.toMatch(/Anna/);
  });
});
