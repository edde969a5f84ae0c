// The examples the data inventory shows: an hour bucket folded from three visits and what an
// example zone setup counted, by the real code, and the localStorage values LocalSight writes.
// Pure: imports only src/shared.

import {
  emptyBucket,
  foldInView,
  foldSite,
  foldVisit,
  type Bucket,
  type SiteCounts,
} from './aggregates';
import {
  activeEstimates,
  matchingOn,
  type ReviewerConfig,
} from './reviewer-config';
import type { EngineCalibration, VisitSummary } from './types';

export const EXAMPLE_START = Date.UTC(2026, 10, 30, 10);
/** A profile id as the profiles store makes them (buckets key counts by it): 16 random hex digits. */
export const EXAMPLE_PROFILE_ID = '3f9a0c1b2d4e5f60';
export const EXAMPLE_ENGINE_CHOICE: EngineCalibration = {
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
 * An example alerts setup as localStorage holds it: a zone at the entrance with an occupancy
 * limit and out-of-hours watch, a restricted zone and a counting line over the door.
 */
export const EXAMPLE_ALERT_SETUP = {
  zones: [
    {
      id: 'z1',
      name: 'Entrance',
      points: [
        { x: 0.05, y: 0.55 },
        { x: 0.5, y: 0.55 },
        { x: 0.5, y: 0.95 },
        { x: 0.05, y: 0.95 },
      ],
      rules: {
        occupancy: { on: true, limit: 5 },
        afterHours: { on: true },
        loitering: { on: false, seconds: 60 },
        restricted: { on: false },
      },
    },
    {
      id: 'z2',
      name: 'Stock room door',
      points: [
        { x: 0.8, y: 0.3 },
        { x: 0.95, y: 0.3 },
        { x: 0.95, y: 0.7 },
      ],
      rules: {
        occupancy: { on: false, limit: 5 },
        afterHours: { on: false },
        loitering: { on: false, seconds: 60 },
        restricted: { on: true },
      },
    },
  ],
  lines: [
    {
      id: 'l1',
      name: 'Front door',
      a: { x: 0.1, y: 0.5 },
      b: { x: 0.6, y: 0.5 },
    },
  ],
  hours: { open: '08:00', close: '20:00' },
  sound: true,
  notify: true,
  objects: false,
} as const;

/**
 * What that setup adds to the example hour: two of its three visitors came in over the line
 * and one went out, two were in the entrance at once, and one walked into the restricted zone.
 */
const EXAMPLE_SITE: SiteCounts = {
  alerts: { 'z2.restricted': 1 },
  crossings: { 'l1.in': 2, 'l1.out': 1 },
  zonePeaks: { z1: 2, z2: 1 },
};

/**
 * An hour bucket with three visits (two at once), their person-time in view and what the
 * example zones and line counted, folded in by the real code, honouring the switches (and the
 * alerts setup, when known: no zone, no zone counts) and, while authorised face matching is
 * on, one visit of an enrolled person.
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
  const inView = foldInView(folded, { peak: 2, occupancyMs: personTime });
  const a = c.alerts;
  const site: SiteCounts = {
    alerts: !a || a.zones > 0 ? EXAMPLE_SITE.alerts : {},
    crossings: !a || a.lines > 0 ? EXAMPLE_SITE.crossings : {},
    zonePeaks: !a || a.zones > 0 ? EXAMPLE_SITE.zonePeaks : {},
    ...(matchingOn(c) ? { profiles: { [EXAMPLE_PROFILE_ID]: 1 } } : {}),
  };
  return foldSite(inView, site);
}
