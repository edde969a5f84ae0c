// The counts store's public shape: the verbs controllers call, its options, and the raw dump
// the privacy inspector shows. Types only. Imports src/shared only.

import type {
  Bucket,
  Granularity,
  InView,
  SiteCounts,
} from '../shared/aggregates';
import type { SourceKind } from '../shared/kiosk-params';
import type { VisitSummary } from '../shared/types';
import type { UnreadableRecord } from './records';

export type { UnreadableRecord } from './records';

export interface CountsStoreOptions {
  name?: string;
  /** Wall clock, ms since the epoch (tests inject one). */
  now?: () => number;
  /** Opening waits because another tab still has an older LocalSight open. */
  onBlocked?: () => void;
  /** The connection was closed under us (another tab's upgrade or wipe); reload to go on. */
  onClosed?: (reason: string) => void;
}

/** Everything a full read finds: the usable buckets in key order, and the records that are not. */
export interface StoreContents {
  buckets: Bucket[];
  unreadable: UnreadableRecord[];
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
  /**
   * Counts the visits (by startedAt), and the people in view (peak and person-time, at
   * `wall`), into all three granularities. Resolves to how many unreadable records had to be
   * moved aside for them (see addBuckets).
   */
  addVisits(
    source: SourceKind,
    visits: readonly VisitSummary[],
    inView?: InView,
    wall?: number,
    /** Alerts, crossings and zone peaks since the last batch (issue 17), at `wall`. */
    site?: SiteCounts,
  ): Promise<number>;
  /**
   * Adds each bucket to the stored one of its granularity, source and start, all or none.
   * A stored record there that is unreadable, or that the new counts would push past the
   * validator's caps, is moved aside unchanged (db.ts asideKey) and the new counts start a
   * fresh bucket. Resolves to how many were moved.
   */
  addBuckets(buckets: readonly Bucket[], wall?: number): Promise<number>;
  /** Valid buckets whose start is in [fromMs, toMs), by start then source; others skipped. */
  buckets(
    granularity: Granularity,
    fromMs: number,
    toMs: number,
    source?: SourceKind,
  ): Promise<Bucket[]>;
  /**
   * Deletes one enrolled profile's counts from every bucket (issue 18: the profile was deleted,
   * so its visits go too); returns how many buckets changed.
   */
  forgetProfile(profileId: string): Promise<number>;
  /** Deletes buckets that start before the UTC day `days` days ago; returns how many. */
  purgeOlderThan(days?: number): Promise<number>;
  /** Closes and deletes the database. `onBlocked`: another tab keeps it open; it waits. */
  wipe(onBlocked?: () => void): Promise<void>;
  /** Every usable bucket, and every bucket or meta record that cannot be used. */
  readAll(): Promise<StoreContents>;
  /** Usable buckets, suppressed, with a header that lists the unreadable records. */
  exportJson(threshold: number): Promise<string>;
  exportCsv(threshold: number): Promise<string>;
  rawDump(): Promise<RawDump>;
  /** Size of everything stored, as UTF-8 JSON. */
  estimateBytes(): Promise<number>;
  close(): void;
}
