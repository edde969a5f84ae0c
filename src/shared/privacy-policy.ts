// The privacy policy's clauses and, beside each, the live evidence for or against it, built
// from the inventory, the scan and the network record. Pure; imports nothing outside src/shared.

import type { Inventory, NetworkRecord } from './inspector-types';
import type { FindingKind, ScanResult } from './privacy-scan';
import { AUDIT_DB_NAME, PROFILES_DB_NAME } from './reviewer-config';
import { fmtBytes } from './value-inspect';

export type ClauseId =
  'local-processing' | 'non-identifying' | 'aggregated' | 'no-sharing';

export interface PolicyClause {
  id: ClauseId;
  title: string;
  text: string;
}

export const DEFAULT_POLICY: readonly PolicyClause[] = [
  {
    id: 'local-processing',
    title: 'Local processing',
    text: 'Video is analysed on this device, inside the browser. No frame, image or video is sent anywhere.',
  },
  {
    id: 'non-identifying',
    title: 'Non-identifying metrics',
    text: 'No images, face crops, face descriptors or other identifiers are kept; only numbers that cannot single out a person. The one exception, off by default: faces matched on this device against profiles the client explicitly set up and authorised (staff tracking, visitor white-list).',
  },
  {
    id: 'aggregated',
    title: 'Aggregated mood and age',
    text: 'Age group, gender and mood, and security alerts and line crossings, are kept only as counts per minute, hour and day, never per person or per visit; no alert keeps a snapshot of anyone.',
  },
  {
    id: 'no-sharing',
    title: 'No sharing',
    text: 'Nothing is sent to LocalSight or anyone else. Counts leave the device only when you export them yourself.',
  },
];

/** holds: the evidence supports the clause; breached: it contradicts it; unknown: not enough. */
export type Verdict = 'holds' | 'breached' | 'unknown';

export interface ClauseEvidence {
  clause: PolicyClause;
  verdict: Verdict;
  evidence: string[];
}

export interface EvidenceInput {
  inventory: Inventory | null;
  scan: ScanResult | null;
  network: NetworkRecord | null;
  /** The counts database and the stores its schema defines. */
  countsDb?: { name: string; stores: readonly string[] };
}

const COUNTS_DB = { name: 'localsight-counts', stores: ['buckets', 'meta'] };
/** Authorised face matching's own databases (issue 18) and the stores they define. */
const MATCHING_DBS: Readonly<Record<string, readonly string[]>> = {
  [PROFILES_DB_NAME]: ['keyring', 'profiles', 'authorisation'],
  [AUDIT_DB_NAME]: ['entries'],
};
const IDENTIFYING: readonly FindingKind[] = [
  'image',
  'binary',
  'embedding',
  'long-text',
  'unexpected',
];
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

function networkEvidence(net: NetworkRecord | null): [Verdict, string[]] {
  if (!net) return ['unknown', ['The network record has not been taken yet.']];
  const { total, offOrigin } = net.counts;
  const worker = net.requests.filter((r) => r.realm === 'worker');
  const workerOff = worker.filter((r) => r.place === 'off-origin').length;
  const lines = [
    `${offOrigin} of ${plural(total, 'request')} this session left the origin (${net.appOrigin}).`,
    `The analysis worker made ${plural(worker.length, 'request')}, ${workerOff === 0 ? 'none' : workerOff} off the origin.`,
    ...net.notes,
  ];
  return [offOrigin > 0 ? 'breached' : 'holds', lines];
}

function findingsOf(scan: ScanResult, kinds: readonly FindingKind[]) {
  return scan.findings.filter((f) => kinds.includes(f.kind));
}

function summariseFindings(scan: ScanResult, kinds: readonly FindingKind[]) {
  const hits = findingsOf(scan, kinds);
  const byKind = kinds
    .map((k) => [k, hits.filter((f) => f.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return { hits, text: byKind.join(', ') };
}

/** The non-identifying clause's word on authorised matching: its exception, or that none is made. */
function matchingLine(inventory: Inventory | null): string | null {
  if (!inventory) return null;
  const db = inventory.databases.find((d) => d.name === PROFILES_DB_NAME);
  if (!db) {
    return `No ${PROFILES_DB_NAME} database: authorised face matching is off, so no face descriptor is kept.`;
  }
  const n = db.stores.find((s) => s.name === 'profiles')?.count ?? 0;
  return `The exception: authorised face matching is on, and ${PROFILES_DB_NAME} keeps ${plural(n, 'enrolled profile')}, each encrypted; the scan found no descriptor in the clear there.`;
}

/** Each clause beside what the inspector found. */
export function policyEvidence(
  policy: readonly PolicyClause[],
  input: EvidenceInput,
): ClauseEvidence[] {
  const { inventory, scan } = input;
  const counts = input.countsDb ?? COUNTS_DB;
  const [netVerdict, netLines] = networkEvidence(input.network);
  const checked = scan
    ? `Checked ${plural(scan.checked.records, 'record')}, ${plural(scan.checked.values, 'value')}, ${fmtBytes(scan.checked.bytes)}`
    : null;

  const identifying = (): [Verdict, string[]] => {
    if (!scan) return ['unknown', ['The storage scan has not run yet.']];
    const { hits, text } = summariseFindings(scan, IDENTIFYING);
    const unchecked = findingsOf(scan, ['unchecked']).length;
    if (hits.length > 0) return ['breached', [`${checked}: found ${text}.`]];
    const lines = [
      `${checked}: no images, embeddings, binary data or encoded blobs found.`,
      matchingLine(inventory),
    ].filter((l): l is string => l !== null);
    if (unchecked > 0) {
      lines.push(
        `${plural(unchecked, 'value')} too large or deep to check fully.`,
      );
      return ['unknown', lines];
    }
    return ['holds', lines];
  };

  const aggregated = (): [Verdict, string[]] => {
    if (!scan || !inventory) {
      return ['unknown', ['The inventory has not been taken yet.']];
    }
    const lines: string[] = [];
    let verdict: Verdict = 'holds';
    const db = inventory.databases.find((d) => d.name === counts.name);
    const buckets = db?.stores.find((s) => s.name === 'buckets');
    const perVisit = findingsOf(scan, ['per-visit']).length;
    const notCount = findingsOf(scan, ['not-a-count']).length;
    lines.push(
      `Only aggregate buckets stored: ${plural(buckets?.count ?? 0, 'record')}, ${perVisit === 0 ? 'scan found no per-visit rows' : `scan found ${plural(perVisit, 'per-visit row')}`}.`,
      notCount === 0
        ? 'Alerts, line crossings and zone peaks: whole counts under zone and line slots only.'
        : `Alerts, line crossings or zone peaks hold something other than counts under zone and line slots (${plural(notCount, 'finding')}).`,
    );
    if (perVisit > 0 || notCount > 0) verdict = 'breached';
    if (db) {
      const names = db.stores.map((s) => s.name);
      const extra = names.filter((n) => !counts.stores.includes(n));
      lines.push(
        extra.length === 0
          ? `No per-person rows: the database schema has stores ${names.join(' and ')} only.`
          : `The counts database has stores its schema does not define: ${extra.join(', ')}.`,
      );
      if (extra.length > 0 && verdict === 'holds') verdict = 'unknown';
    } else {
      lines.push('No counts database on this device yet.');
    }
    const matching = inventory.databases.filter((d) =>
      Object.hasOwn(MATCHING_DBS, d.name),
    );
    for (const d of matching) {
      const extra = d.stores
        .map((s) => s.name)
        .filter((n) => !MATCHING_DBS[d.name]!.includes(n));
      lines.push(
        extra.length === 0
          ? `Authorised face matching’s own database ${d.name}: no counts, the stores it defines only.`
          : `${d.name} has stores authorised face matching does not define: ${extra.join(', ')}.`,
      );
      if (extra.length > 0 && verdict === 'holds') verdict = 'unknown';
    }
    const others = inventory.databases.filter(
      (d) => d.name !== counts.name && !Object.hasOwn(MATCHING_DBS, d.name),
    );
    if (others.length > 0) {
      lines.push(
        `Other databases on this origin: ${others.map((d) => d.name).join(', ')}.`,
      );
      if (verdict === 'holds') verdict = 'unknown';
    }
    return [verdict, lines];
  };

  const sharing = (): [Verdict, string[]] => {
    const lines = [netLines[0]];
    const cookies = inventory?.webStorage.find((a) => a.name === 'cookies');
    if (cookies) {
      lines.push(
        cookies.entries.length === 0
          ? 'No cookies.'
          : `${plural(cookies.entries.length, 'cookie')} set.`,
      );
    }
    if (inventory && scan) {
      const entries = inventory.caches.reduce((n, c) => n + c.count, 0);
      const foreign = scan.findings.filter(
        (f) => f.kind === 'image' && f.where.startsWith('Cache Storage'),
      ).length;
      lines.push(
        foreign === 0
          ? `Cache Storage: ${plural(entries, 'entry', 'entries')}, no media other than the app's own files.`
          : `Cache Storage holds ${plural(foreign, 'image or video', 'images or videos')} that are not the app's own files.`,
      );
    }
    return [netVerdict, lines];
  };

  const local = (): [Verdict, string[]] => [
    netVerdict,
    [
      ...netLines,
      'Frames and face crops exist only in worker memory; the worker API returns numbers and boxes only (by design: src/worker/detector-api.ts).',
      'Zones, lines and alerts work on those numbers in page memory; an alert is shown on this device only (a banner, a tone, and a system notification if the user allowed it; no push server).',
    ],
  ];

  const build: Record<ClauseId, () => [Verdict, string[]]> = {
    'local-processing': local,
    'non-identifying': identifying,
    aggregated,
    'no-sharing': sharing,
  };
  return policy.map((clause) => {
    const [verdict, evidence] = build[clause.id]?.() ?? [
      'unknown',
      ['No evidence is collected for this clause.'],
    ];
    return { clause, verdict, evidence };
  });
}
