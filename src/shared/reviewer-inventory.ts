// The data inventory: every stored field (bucket fields come from emptyBucket, so the list
// cannot drift), its type, a real example, meaning and retention, plus what is never stored.
// Pure: imports only src/shared.

import { emptyBucket, foldInView, foldVisit, type Bucket } from './aggregates';
import {
  DB_NAME,
  activeEstimates,
  days,
  mdTable,
  type ReviewerConfig,
} from './reviewer-config';
import { SETTINGS_KEY } from './settings';
import { ENGINE_CHOICE_KEY } from './engine-choice';
import type { EngineCalibration } from './types';
import type { AttributeSwitches, VisitSummary } from './types';

export interface InventoryRow {
  where: string;
  field: string;
  type: string;
  example: string;
  meaning: string;
  retention: string;
}
export interface DataInventory {
  rows: InventoryRow[];
  neverStored: string[];
  markdown: string;
}

export const NEVER_STORED = [
  'Video frames, photos or any pixels',
  'Face crops, face boxes or keypoints',
  'Face embeddings, descriptors or templates (none is ever computed)',
  'Per-visit or per-person rows, and visit times finer than the bucket start',
  'Track ids (random, in memory only while a face is in view)',
  'Model readings: ages in years, probabilities, per-frame expressions',
  'Free text of any kind',
];

type Meaning = { type?: string; meaning: string };
const BUCKET_MEANING: Record<keyof Bucket, Meaning> = {
  granularity: {
    type: 'text: minute, hour or day',
    meaning: 'Span the bucket covers',
  },
  source: {
    type: 'text: camera, sample, video or images',
    meaning: 'Where the people were seen',
  },
  start: {
    type: 'ms since 1970 (UTC)',
    meaning: 'Start of the UTC minute, hour or day',
  },
  passersBy: { meaning: 'Visits counted, one per person per visit' },
  watchers: { meaning: 'Visits that turned towards the camera at least once' },
  glances: { meaning: 'Separate turns towards the camera, summed over visits' },
  dwellMs: {
    type: 'ms, summed',
    meaning: 'Time in view, first to last sighting, summed',
  },
  attentionMs: {
    type: 'ms, summed',
    meaning: 'Time turned towards the camera, summed',
  },
  peakInView: { meaning: 'Most people in view at once' },
  occupancyMs: {
    type: 'ms, summed',
    meaning:
      'Person-time in view: people in view × time, summed over the bucket; divided by its span, the average number of people in view',
  },
  ageGroups: { meaning: 'Visits per estimated age group' },
  genders: { meaning: 'Visits per apparent gender; sums to passers-by' },
  moods: { meaning: 'Visits per mood from the facial expression' },
  expressions: { meaning: 'Visits per facial expression (FER-2013 classes)' },
  dwell: {
    meaning: 'Visits per dwell-time bin in seconds; sums to passers-by',
  },
};

/** Which estimate fills a field, so the inventory can say when it stays 0. */
const FILLED_BY: Partial<Record<keyof Bucket, keyof AttributeSwitches>> = {
  ageGroups: 'age',
  genders: 'gender',
  moods: 'expression',
  expressions: 'expression',
};

const EXAMPLE_START = Date.UTC(2026, 10, 30, 10);
const EXAMPLE_ENGINE_CHOICE: EngineCalibration = {
  tfjsMs: 48,
  mediapipeMs: 19,
  engine: 'mediapipe',
  delegate: 'CPU',
  measuredAt: EXAMPLE_START,
};
const EXAMPLE_VISITS: Omit<VisitSummary, 'startedAt'>[] = [
  {
    dwellMs: 4_200,
    attentionMs: 1_800,
    glances: 2,
    watcher: true,
    ageGroup: '25-34',
    gender: 'female',
    mood: 'positive',
    expression: 'happy',
  },
  {
    dwellMs: 12_500,
    attentionMs: 0,
    glances: 0,
    watcher: false,
    ageGroup: '45-54',
    gender: 'male',
    mood: 'neutral',
    expression: 'neutral',
  },
  {
    dwellMs: 31_000,
    attentionMs: 9_400,
    glances: 3,
    watcher: true,
    ageGroup: '18-24',
    gender: 'unknown',
    mood: 'neutral',
    expression: 'surprise',
  },
];

/**
 * An hour bucket with three visits (two at once) and their person-time in view folded in by
 * the real code, honouring the switches.
 */
export function exampleBucket(c: ReviewerConfig): Bucket {
  const on = activeEstimates(c);
  const folded = EXAMPLE_VISITS.reduce(
    (b, v, i) =>
      foldVisit(b, {
        ...v,
        startedAt: EXAMPLE_START + i * 60_000,
        ageGroup: on.age ? v.ageGroup : null,
        gender: on.gender ? v.gender : null,
        mood: on.expression ? v.mood : null,
        expression: on.expression ? v.expression : null,
      }),
    emptyBucket('hour', 'camera', EXAMPLE_START),
  );
  const personTime = EXAMPLE_VISITS.reduce((ms, v) => ms + v.dwellMs, 0);
  return foldInView(folded, { peak: 2, occupancyMs: personTime });
}

export function dataInventory(c: ReviewerConfig): DataInventory {
  const bucket = exampleBucket(c);
  const on = activeEstimates(c);
  const keep = `Until the bucket's UTC day is more than ${days(c.retentionDays)} old, then purged`;
  const rows: InventoryRow[] = (Object.keys(bucket) as (keyof Bucket)[]).map(
    (field) => {
      const v: unknown = bucket[field];
      const record = typeof v === 'object' && v !== null;
      const m = BUCKET_MEANING[field];
      const by = FILLED_BY[field];
      return {
        where: `IndexedDB ${DB_NAME} › buckets`,
        field,
        type:
          m.type ??
          (record
            ? `whole numbers by ${Object.keys(v).join(', ')}`
            : 'whole number'),
        example: JSON.stringify(v),
        meaning:
          by && !on[by]
            ? `${m.meaning}. Always 0 now: this estimate is off.`
            : m.meaning,
        retention: keep,
      };
    },
  );
  const settings = {
    ...c.attributes,
    workplace: c.workplace,
    retentionDays: c.retentionDays,
    suppressionThreshold: c.suppressionThreshold,
  };
  rows.push(
    {
      where: `IndexedDB ${DB_NAME} › meta`,
      field: 'retentionDays',
      type: 'whole number',
      example: String(c.retentionDays),
      meaning: 'Retention used by the last purge',
      retention: 'Until the app data is wiped',
    },
    {
      where: `IndexedDB ${DB_NAME} › meta`,
      field: 'lastPurgeAt',
      type: 'ms since 1970 (UTC)',
      example: String(EXAMPLE_START),
      meaning: 'When old buckets were last deleted',
      retention: 'Until the app data is wiped',
    },
    {
      where: 'localStorage',
      field: SETTINGS_KEY,
      type: 'JSON text',
      example: JSON.stringify(settings),
      meaning:
        'The operator’s settings: which estimates run, workplace mode, retention, threshold, detection engine',
      retention: 'Until changed or site data is cleared',
    },
    {
      where: 'localStorage',
      field: ENGINE_CHOICE_KEY,
      type: 'JSON text',
      example: JSON.stringify(EXAMPLE_ENGINE_CHOICE),
      meaning:
        'How fast each detection engine ran on this device at first start (ms per frame of the bundled sample photos), and which was kept',
      retention:
        'Until measured again, wiped with the settings, or site data is cleared',
    },
  );
  const head = ['Where', 'Field', 'Type', 'Example', 'Meaning', 'Kept'];
  const table = mdTable(
    head,
    rows.map((r) => [
      r.where,
      `\`${r.field}\``,
      r.type,
      `\`${r.example}\``,
      r.meaning,
      r.retention,
    ]),
  );
  const markdown = `# LocalSight data inventory

Everything LocalSight stores on this device, and nothing else. Buckets (IndexedDB schema v${c.schemaVersion}) hold counts of one source over one UTC minute, hour or day; each visit is folded into its minute, hour and day bucket and then dropped. Counts under ${c.suppressionThreshold} are shown as "<${c.suppressionThreshold}" in history and exports; storage keeps exact counts.

${table}

## Never stored

${NEVER_STORED.map((s) => `- ${s}`).join('\n')}
`;
  return { rows, neverStored: [...NEVER_STORED], markdown };
}
