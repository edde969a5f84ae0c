// The matching audit log (issue 18): time, action and a count, nothing else, validated on
// write and read; it lives in its own database.

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AuditLog, validateAudit } from '../../src/matching/audit-log';

describe('matching audit log', () => {
  it('reads as empty without creating its database while matching was never on', async () => {
    expect(await new AuditLog('audit-never').entries()).toEqual([]);
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    expect(dbs).not.toContain('audit-never');
  });

  it('records actions with their time and count, oldest first', async () => {
    let now = 1_000;
    const log = new AuditLog('audit-test-1', () => now);
    await log.record('turned-on');
    now = 2_000;
    await log.record('enrolled', 1);
    now = 3_000;
    await log.record('unlock-failed');
    expect(await log.entries()).toEqual([
      { at: 1_000, action: 'turned-on', count: 0 },
      { at: 2_000, action: 'enrolled', count: 1 },
      { at: 3_000, action: 'unlock-failed', count: 0 },
    ]);
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    expect(dbs).toContain('audit-test-1');
  });

  it('refuses anything but a known action, a time and a count', () => {
    expect(() =>
      validateAudit({ at: 1, action: 'enrolled', count: 1, label: 'Ana' }),
    ).toThrow(/exactly/);
    expect(() => validateAudit({ at: 1, action: 'peeked', count: 0 })).toThrow(
      /Unknown/,
    );
    expect(() =>
      validateAudit({ at: 1.5, action: 'locked', count: 0 }),
    ).toThrow(/whole/);
    expect(() => validateAudit(null)).toThrow(/object/);
    expect(validateAudit({ count: 0, action: 'locked', at: 5 })).toEqual({
      at: 5,
      action: 'locked',
      count: 0,
    });
  });
});
