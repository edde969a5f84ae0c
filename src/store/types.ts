// The counts store's public shape: the verbs controllers call, its options, and the raw dump
// the privacy inspector shows. Types only. Imports src/shared only.

import type { Bucket, Granularity } from '../shared/aggregates';
import type { SourceKind } from '../shared/kiosk-params';
import type { VisitSummary } from '../shared/types';

export interface CountsStoreOptions {
  name?: string;
  /** Wall clock, ms since the epoch (tests inject one). */
  now?: () => number;
  /** Opening waits because another tab still has an older LocalSight open. */
  onBlocked?: () => void;
  /** The connection was closed under us (another tab's upgrade or wipe); reload to go on. */
  onClosed?: (reason: string) => void;
}

/** Every record of every object store, as stored. For the privacy inspector. */
export interface RawDump {
  schemaVersion: number;
  stores: Record<string, { key: IDBValidKey; value: unknown }[]>;
}

export interface CountsStore {
  readonly name: string;
  /** 'memory': IndexedDB could not be used; counts last until the page closes. */
  readonly kind: 'indexeddb' | 'memory';
  /** What navigator.storage.persist() answered; null while unknown or where unsupported. */
  readonly persisted: boolean | null;
  /** Counts the visits (by startedAt) and the peak (at `wall`) into all three granularities. */
  addVisits(
    source: SourceKind,
    visits: readonly VisitSummary[],
    peakInView?: number,
    wall?: number,
  ): Promise<void>;
  /** Buckets whose start is in [fromMs, toMs), by start then source. */
  buckets(
    granularity: Granularity,
    fromMs: number,
    toMs: number,
    source?: SourceKind,
  ): Promise<Bucket[]>;
  /** Deletes buckets that start before the UTC day `days` days ago; returns how many. */
  purgeOlderThan(days?: number): Promise<number>;
  /** Closes and deletes the database. `onBlocked`: another tab keeps it open; it waits. */
  wipe(onBlocked?: () => void): Promise<void>;
  exportJson(threshold: number): Promise<string>;
  exportCsv(threshold: number): Promise<string>;
  rawDump(): Promise<RawDump>;
  /** Size of everything stored, as UTF-8 JSON. */
  estimateBytes(): Promise<number>;
  close(): void;
}
