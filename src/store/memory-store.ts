// The fallback when IndexedDB cannot be used (private modes, blocked storage, a newer schema):
// the same verbs over a Map, so counting, charts and export go on until the page closes.
// Imports src/shared and this folder only.

import {
  mergeBuckets,
  validateBucket,
  type Bucket,
  type Granularity,
  type InView,
  type SiteCounts,
} from '../shared/aggregates';
import type { SourceKind } from '../shared/kiosk-params';
import type { VisitSummary } from '../shared/types';
import {
  DEFAULT_RETENTION_DAYS,
  bucketsByKey,
  byTime,
  formatExport,
  retentionCutoff,
  visitDeltas,
  withoutProfile,
} from './counts';
import { SCHEMA_VERSION } from './db';
import { StoreClosedError } from './errors';
import type { CountsStore, RawDump, StoreContents } from './types';

class MemoryCountsStore implements CountsStore {
  readonly kind = 'memory';
  readonly persisted = false;
  private _buckets: Map<string, Bucket> | null = new Map();
  private _meta = new Map<string, number>();

  constructor(
    readonly name: string,
    private readonly _now: () => number,
  ) {}

  // async: a refused batch rejects, as the IndexedDB store's does, rather than throwing.
  async addVisits(
    source: SourceKind,
    visits: readonly VisitSummary[],
    inView?: InView,
    wall: number = this._now(),
    site?: SiteCounts,
  ): Promise<number> {
    const deltas = visitDeltas(source, visits, inView, wall, site);
    return this.addBuckets([...deltas.values()]);
  }

  // Only ever holds buckets it validated, so nothing is unreadable and nothing moves aside;
  // a merge past a cap is refused whole, before anything changes.
  async addBuckets(buckets: readonly Bucket[]): Promise<number> {
    const all = this._all();
    const merged = [...bucketsByKey(buckets)].map(
      ([key, delta]): [string, Bucket] => {
        const current = all.get(key);
        return [
          key,
          current ? validateBucket(mergeBuckets(current, delta)) : delta,
        ];
      },
    );
    for (const [key, bucket] of merged) all.set(key, bucket);
    await Promise.resolve();
    return 0;
  }

  buckets(
    granularity: Granularity,
    fromMs: number,
    toMs: number,
    source?: SourceKind,
  ): Promise<Bucket[]> {
    const found = [...this._all().values()]
      .filter(
        (b) =>
          b.granularity === granularity &&
          (!source || b.source === source) &&
          b.start >= fromMs &&
          b.start < toMs,
      )
      .sort(byTime);
    return Promise.resolve(structuredClone(found));
  }

  readAll(): Promise<StoreContents> {
    return Promise.resolve({
      buckets: structuredClone(this._sorted()),
      unreadable: [],
    });
  }

  async forgetProfile(profileId: string): Promise<number> {
    let changed = 0;
    for (const [key, b] of this._all()) {
      const next = withoutProfile(b, profileId);
      if (!next) continue;
      this._all().set(key, next);
      changed++;
    }
    await Promise.resolve();
    return changed;
  }

  // async: a bad retention rejects, as the IndexedDB store's does.
  async purgeOlderThan(days = DEFAULT_RETENTION_DAYS): Promise<number> {
    const now = Math.floor(this._now());
    const cutoff = retentionCutoff(days, now);
    const all = this._all();
    let purged = 0;
    for (const [key, b] of all) {
      if (b.start < cutoff) {
        all.delete(key);
        purged++;
      }
    }
    this._meta.set('retentionDays', days);
    this._meta.set('lastPurgeAt', now);
    await Promise.resolve();
    return purged;
  }

  wipe(): Promise<void> {
    this._buckets = new Map();
    this._meta.clear();
    return Promise.resolve();
  }

  async exportJson(threshold: number): Promise<string> {
    return formatExport(await this.readAll(), 'json', threshold, this._now());
  }

  async exportCsv(threshold: number): Promise<string> {
    return formatExport(await this.readAll(), 'csv', threshold, this._now());
  }

  rawDump(): Promise<RawDump> {
    const buckets = this._entries().map(([key, value]) => ({
      key,
      value: structuredClone(value),
    }));
    const meta = [...this._meta]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, value]) => ({ key, value }));
    return Promise.resolve({
      schemaVersion: SCHEMA_VERSION,
      stores: { buckets, meta },
    });
  }

  async estimateBytes(): Promise<number> {
    return new TextEncoder().encode(JSON.stringify(await this.rawDump()))
      .length;
  }

  close(): void {
    this._buckets = null;
  }

  // Key order, as IndexedDB's getAll returns them.
  private _sorted(): Bucket[] {
    return this._entries().map(([, b]) => b);
  }

  private _entries(): [string, Bucket][] {
    return [...this._all()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private _all(): Map<string, Bucket> {
    if (this._buckets) return this._buckets;
    throw new StoreClosedError(`The in-memory store "${this.name}" is closed.`);
  }
}

/** A counts store that lives in this page only. */
export function createMemoryStore(
  options: { name?: string; now?: () => number } = {},
): CountsStore {
  return new MemoryCountsStore(
    options.name ?? 'in-memory counts',
    options.now ?? Date.now,
  );
}
