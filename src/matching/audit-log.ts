// The audit log of authorised matching (issue 18): when the operator turned it on or off,
// enrolled, deleted or unlocked profiles, and every failed unlock. Time, action and a count
// only: no label, no descriptor, no free text. Its own small database, so it outlives the
// profiles database that turning matching off deletes. Main thread only.

import { openDB, type DBSchema } from 'idb';

export const AUDIT_DB = 'localsight-matching-audit';

export const AUDIT_ACTIONS = [
  'turned-on',
  'turned-off',
  'enrolled',
  'deleted',
  'deleted-all',
  'expired',
  'unlocked',
  'unlock-failed',
  'locked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** ms since the epoch. */
  at: number;
  action: AuditAction;
  /** How many profiles it touched (enrolled 1, expired 3…); 0 when none applies. */
  count: number;
}

interface AuditSchema extends DBSchema {
  entries: { key: number; value: AuditEntry };
}

/** An entry as it must be, or a RangeError naming what is wrong (never the value). */
export function validateAudit(v: unknown): AuditEntry {
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new RangeError('An audit entry must be an object.');
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort().join(',');
  if (keys !== 'action,at,count')
    throw new RangeError('An audit entry has exactly: at, action, count.');
  if (!AUDIT_ACTIONS.includes(o['action'] as AuditAction))
    throw new RangeError('Unknown audit action.');
  for (const k of ['at', 'count'] as const) {
    const n = o[k];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 1e15)
      throw new RangeError(`Audit ${k} must be a whole number.`);
  }
  return {
    at: o['at'] as number,
    action: o['action'] as AuditAction,
    count: o['count'] as number,
  };
}

export class AuditLog {
  constructor(
    private readonly _name = AUDIT_DB,
    private readonly _now: () => number = Date.now,
  ) {}

  private _open() {
    return openDB<AuditSchema>(this._name, 1, {
      upgrade(db) {
        db.createObjectStore('entries', { autoIncrement: true });
      },
    });
  }

  /** Records `action` now; the only write, validated. */
  async record(action: AuditAction, count = 0): Promise<void> {
    const entry = validateAudit({ at: this._now(), action, count });
    const db = await this._open();
    try {
      await db.add('entries', entry);
    } finally {
      db.close();
    }
  }

  /**
   * Every entry, oldest first; none, and no database created, when matching was never
   * turned on (reading must not leave a trace of a mode that was never used).
   */
  async entries(): Promise<AuditEntry[]> {
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === this._name)) return [];
    const db = await this._open();
    try {
      return (await db.getAll('entries')).map(validateAudit);
    } finally {
      db.close();
    }
  }
}
