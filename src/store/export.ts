// Formats stored buckets as the JSON and CSV a user downloads, small counts suppressed.
// Pure: no IndexedDB here. Imports src/shared and this folder's types only.

import {
  emptyBucket,
  suppress,
  suppressBucket,
  type Bucket,
  type SuppressedBucket,
} from '../shared/aggregates';
import type { UnreadableRecord } from './records';

export interface ExportHeader {
  app: 'LocalSight';
  schemaVersion: number;
  /** ISO 8601, UTC. */
  exportedAt: string;
  suppressionThreshold: number;
  /** Stored records left out because they are not valid: where, and why (never the value). */
  unreadableRecords: UnreadableRecord[];
}

export interface CountsExport extends ExportHeader {
  buckets: SuppressedBucket[];
}

/** The header, then every stored bucket in key order after suppressBucket(). */
export function bucketsToJson(
  buckets: readonly Bucket[],
  header: ExportHeader,
): string {
  suppress(0, header.suppressionThreshold); // rejects a bad threshold even with no buckets
  const body: CountsExport = {
    ...header,
    buckets: buckets.map((b) => suppressBucket(b, header.suppressionThreshold)),
  };
  return JSON.stringify(body, null, 2);
}

const PREFIX: Record<string, string> = {
  ageGroups: 'age',
  genders: 'gender',
  moods: 'mood',
  expressions: 'expression',
  dwell: 'dwell',
};

// Column name → value getter, in Bucket field order; records flatten to e.g. "age_25-34".
type Column = [name: string, get: (b: SuppressedBucket) => unknown];
const SAMPLE = emptyBucket('minute', 'camera', 0);
const COLUMNS = Object.entries(SAMPLE).flatMap(([field, sample]): Column[] => {
  const get = (b: SuppressedBucket) => (b as Record<string, unknown>)[field];
  if (field === 'start') {
    return [[field, (b) => new Date(b.start).toISOString()]];
  }
  if (typeof sample !== 'object') return [[field, get]];
  return Object.keys(sample).map((k) => [
    `${PREFIX[field]}_${k}`,
    (b: SuppressedBucket) => (get(b) as Record<string, unknown>)[k],
  ]);
});

// RFC 4180 quoting. Cells are enums, numbers, ISO dates and "<5"; none starts with a
// spreadsheet formula character, but quote anything unusual all the same.
const cell = (v: unknown) => {
  const s = String(v);
  return /^[\w.:<+-]*$/.test(s) && !/^[=+\-@]/.test(s)
    ? s
    : `"${s.replaceAll('"', '""')}"`;
};

/** One header line, then one line per bucket, one column per count (suppressed). */
export function bucketsToCsv(
  buckets: readonly Bucket[],
  threshold: number,
): string {
  suppress(0, threshold);
  const lines = [COLUMNS.map(([name]) => cell(name)).join(',')];
  for (const b of buckets) {
    const shown = suppressBucket(b, threshold);
    lines.push(COLUMNS.map(([, get]) => cell(get(shown))).join(','));
  }
  return lines.join('\n') + '\n';
}
