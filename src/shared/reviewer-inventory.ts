// The data inventory: every stored field (bucket fields come from emptyBucket, so the list
// cannot drift), its type, a real example, meaning and retention, plus what is never stored.
// Pure: imports only src/shared.

import type { Bucket } from './aggregates';
import {
  ALERTS_SETTINGS_KEY,
  AUDIT_DB_NAME,
  DB_NAME,
  PROFILES_DB_NAME,
  activeEstimates,
  days,
  matchingOn,
  mdTable,
  type ReviewerConfig,
} from './reviewer-config';
import { matchingInventoryRows } from './reviewer-inventory-matching';
import {
  EXAMPLE_ALERT_SETUP,
  EXAMPLE_ENGINE_CHOICE,
  EXAMPLE_START,
  exampleBucket,
} from './reviewer-examples';
import { SETTINGS_KEY } from './settings';
import { ENGINE_CHOICE_KEY } from './engine-choice';
import type { AttributeSwitches } from './types';

export { EXAMPLE_ALERT_SETUP, exampleBucket } from './reviewer-examples';

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
  'Face embeddings (descriptors) of anyone not enrolled: none is computed while authorised face matching is off; while it is on, each is compared in the analysis worker and dropped at once',
  'Photos or crops of enrolled people: enrolment keeps only their descriptors, encrypted',
  'Per-visit or per-person rows, and visit times finer than the bucket start',
  'Track ids (random, in memory only while a face is in view)',
  'Model readings: ages in years, probabilities, per-frame expressions',
  'Alert snapshots, clips or crops, and who set off an alert',
  'Per-person positions, paths, line sides or times in a zone (in page memory only, dropped when the person is gone)',
  'The alert log (rule, zone, start, end, peak, acknowledged at): in memory for the session only, gone when the page closes',
  'Copies of alert notifications: a system notification (only if the user allowed them; no push server) is shown by this device’s operating system, which may list it until dismissed; its text names the rule, the zone and how many people, never an image of the scene',
  'Free text in counts: zone and line names are kept only in the alerts settings; buckets name zones and lines by slot (z1–z8, l1–l8)',
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
  alerts: {
    type: 'whole numbers by zone slot and rule, e.g. "z1.occupancy"; only keys that happened',
    meaning:
      'Alerts raised per zone slot (z1–z8) and rule (occupancy, afterHours, loitering, restricted), or "frame.object" for the object-class demo; each alert counts once, in the minute, hour and day buckets where it started, so its start is known to the minute and its end is not kept. No snapshot, no zone name, nothing about who set it off',
  },
  crossings: {
    type: 'whole numbers by line slot and direction, e.g. "l1.in"; only keys that happened',
    meaning:
      'People who crossed each counting line (slots l1–l8): "in" along the line’s arrow, "out" against it',
  },
  zonePeaks: {
    type: 'whole numbers by zone slot, e.g. "z1"; only zones that held someone',
    meaning: 'Most people in each zone (slots z1–z8) at once during the bucket',
  },
  profiles: {
    type: 'whole numbers by enrolled profile id (16 random hex digits); empty unless authorised face matching is on',
    meaning:
      'Visits of each enrolled person (authorised matching, issue 18): by random id, never the label or anything of the face; deleted with the profile',
  },
};

/** When the setup is known, which zone or line the alerts fields need to be filled. */
const NEEDS: Partial<Record<keyof Bucket, 'zones' | 'lines'>> = {
  alerts: 'zones',
  crossings: 'lines',
  zonePeaks: 'zones',
};

/** Which estimate fills a field, so the inventory can say when it stays 0. */
const FILLED_BY: Partial<Record<keyof Bucket, keyof AttributeSwitches>> = {
  ageGroups: 'age',
  genders: 'gender',
  moods: 'expression',
  expressions: 'expression',
};

/** What each localStorage key LocalSight writes holds; the inspector shows it beside the key. */
export const LOCAL_STORAGE_MEANING: Readonly<Record<string, string>> = {
  [SETTINGS_KEY]:
    'The operator’s settings: which estimates run, workplace mode, retention, threshold, detection engine',
  [ENGINE_CHOICE_KEY]:
    'How fast each detection engine ran on this device at first start (ms per frame of the bundled sample photos), and which was kept',
  [ALERTS_SETTINGS_KEY]:
    'The alerts settings: zones and counting lines drawn on the video (corners as fractions 0–1 of the frame) with the names the operator typed for them (free text, at most 40 characters), each zone’s rules (occupancy limit, out of hours, loitering time, restricted), opening hours, and the sound, system-notification and object-class-demo switches. Exported and imported with the settings file. No count, alert or person',
};

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
      const needs = NEEDS[field];
      // The object-class demo raises alerts ("frame.object") without any zone.
      const unused =
        needs &&
        c.alerts?.[needs] === 0 &&
        !(field === 'alerts' && c.alerts.objects);
      const matchingOff = field === 'profiles' && !matchingOn(c);
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
            : unused
              ? `${m.meaning}. Empty now: no ${needs === 'zones' ? 'zone' : 'line'} is set up.`
              : matchingOff
                ? `${m.meaning}. Always empty now: authorised face matching is off.`
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
      meaning: LOCAL_STORAGE_MEANING[SETTINGS_KEY],
      retention: 'Until changed or site data is cleared',
    },
    {
      where: 'localStorage',
      field: ENGINE_CHOICE_KEY,
      type: 'JSON text',
      example: JSON.stringify(EXAMPLE_ENGINE_CHOICE),
      meaning: LOCAL_STORAGE_MEANING[ENGINE_CHOICE_KEY],
      retention:
        'Until measured again, wiped with the settings, or site data is cleared',
    },
    {
      where: 'localStorage',
      field: ALERTS_SETTINGS_KEY,
      type: 'JSON text',
      example: JSON.stringify(EXAMPLE_ALERT_SETUP),
      meaning: LOCAL_STORAGE_MEANING[ALERTS_SETTINGS_KEY],
      retention:
        'Until changed, wiped with the settings, or site data is cleared',
    },
    ...matchingInventoryRows(c),
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

Everything LocalSight stores on this device, and nothing else. Buckets (IndexedDB schema v${c.schemaVersion}) hold counts of one source over one UTC minute, hour or day; each visit is folded into its minute, hour and day bucket and then dropped. Security alerts, line crossings and zone peaks are counts in the same buckets, under zone and line slots (z1, l1); the names given to zones and lines stay in the alerts settings. Counts under ${c.suppressionThreshold} are shown as "<${c.suppressionThreshold}" in history and exports; storage keeps exact counts. ${matchingOn(c) ? `Authorised face matching is on: enrolled people's profiles are kept encrypted in ${PROFILES_DB_NAME}, their visits counted per random profile id, and each act of the operator in ${AUDIT_DB_NAME}.` : `Authorised face matching is off: ${PROFILES_DB_NAME} does not exist and no face descriptor is kept.`}

${table}

## Never stored

${NEVER_STORED.map((s) => `- ${s}`).join('\n')}
`;
  return { rows, neverStored: [...NEVER_STORED], markdown };
}
