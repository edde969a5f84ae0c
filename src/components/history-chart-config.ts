// The visit charts' specs behind <ls-history-charts>: what each visit chart shows (specs) and
// how its series look (styles); history-chart-draw.ts draws them (the zones, lines and alerts
// charts' specs and looks are in history-site-chart-config.ts). Imports chart.js types and
// shared/.

import type { ChartDataset } from 'chart.js';
import { DWELL_BINS, GENDERS } from '../shared/aggregates';
import {
  MOOD_KEYS,
  type HistoryData,
  type HistorySlot,
} from '../shared/history-series';
import { AGE_GROUPS } from '../shared/types';
import { formatSeconds } from './face-label';
import {
  IN_RANGE,
  OI,
  list,
  pattern,
  type ChartSpec,
} from './history-chart-shared';

export const CHART_IDS = [
  'visits',
  'occupancy',
  'age',
  'gender',
  'mood',
  'dwell',
] as const;
export type ChartId = (typeof CHART_IDS)[number];
// Visits with no reading (the estimate was off, or the face was never seen) are "not
// estimated" in every chart.
const NOT_ESTIMATED = 'Not estimated';
const AGE_LABEL = (k: string) =>
  k === 'unknown' ? NOT_ESTIMATED : k.replace('-', '–');
const GENDER_LABEL = {
  female: 'Appears female',
  male: 'Appears male',
  unknown: NOT_ESTIMATED,
};
const MOOD_LABEL = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
  unknown: NOT_ESTIMATED,
};
const DWELL_LABEL = (b: string) =>
  b === '60+' ? '60 s +' : `${b.replace('-', '–')} s`;

/** What each chart shows: labels, series and a one-sentence summary for its aria-label. */
export function specs(h: HistoryData): Record<ChartId, ChartSpec> {
  const t = h.totals;
  const when = IN_RANGE[h.range];
  const slots = h.slots.map((s) => s.label);
  const per = `per ${h.slotSpan}`;
  const busiest = h.slots.reduce<HistorySlot | null>(
    (best, s) =>
      (s.passersBy.value ?? 0) > (best?.passersBy.value ?? 0) ? s : best,
    null,
  );
  const ageKeys = [...AGE_GROUPS, 'unknown'] as const;
  const ages = ageKeys.map((k) => t.ages[k]);
  const dwell = DWELL_BINS.map((b) => t.dwell[b]);
  const avg =
    t.avgDwellMs === null ? '' : `; average ${formatSeconds(t.avgDwellMs)}`;
  const threshold = h.threshold;
  return {
    visits: {
      title: 'Visits over time',
      threshold,
      labels: slots,
      rowHeader: 'Time',
      series: [
        { label: 'Passers-by', cells: h.slots.map((s) => s.passersBy) },
        { label: 'Watchers', cells: h.slots.map((s) => s.watchers) },
      ],
      total: [t.passersBy, t.watchers],
      summary:
        `Line chart of passers-by and watchers ${per} ${when}: ` +
        `${t.passersBy.text} passers-by and ${t.watchers.text} watchers in total` +
        (busiest
          ? `; busiest ${busiest.label} with ${busiest.passersBy.text}.`
          : '.'),
    },
    occupancy: {
      title: 'People in view',
      threshold,
      labels: slots,
      rowHeader: 'Time',
      series: [
        { label: 'Average in view', cells: h.slots.map((s) => s.avgInView) },
        { label: 'Most at once', cells: h.slots.map((s) => s.peakInView) },
      ],
      summary:
        `Line chart of the average number of people in view and the most in view at once ${per} ${when}: ` +
        `${t.avgInView.text} on average and at most ${t.peakInView.text} at once.`,
    },
    age: {
      title: 'Age groups',
      threshold,
      labels: ageKeys.map(AGE_LABEL),
      rowHeader: 'Age group',
      series: [{ label: 'Passers-by', cells: ages }],
      summary: `Bar chart of passers-by by estimated age group ${when}: ${list(ageKeys.map(AGE_LABEL), ages)}.`,
    },
    gender: {
      title: 'Apparent gender',
      threshold,
      labels: GENDERS.map((g) => GENDER_LABEL[g]),
      rowHeader: 'Gender',
      series: [
        { label: 'Passers-by', cells: GENDERS.map((g) => t.genders[g]) },
      ],
      summary: `Bar chart of passers-by by apparent gender ${when}: ${list(
        GENDERS.map((g) => GENDER_LABEL[g]),
        GENDERS.map((g) => t.genders[g]),
      )}.`,
    },
    mood: {
      title: 'Mood over time',
      threshold,
      labels: slots,
      rowHeader: 'Time',
      series: MOOD_KEYS.map((m) => ({
        label: MOOD_LABEL[m],
        cells: h.slots.map((s) => s.moods[m]),
      })),
      total: MOOD_KEYS.map((m) => t.moods[m]),
      stackTotals: h.slots.map((s) => s.passersBy),
      summary: `Stacked bar chart of passers-by by mood ${per} ${when}; in total ${list(
        MOOD_KEYS.map((m) => MOOD_LABEL[m]),
        MOOD_KEYS.map((m) => t.moods[m]),
      )}.`,
    },
    dwell: {
      title: 'Time in view',
      threshold,
      labels: DWELL_BINS.map(DWELL_LABEL),
      rowHeader: 'Dwell time',
      series: [{ label: 'Passers-by', cells: dwell }],
      summary: `Histogram of passers-by by time in view ${when}: ${list(DWELL_BINS.map(DWELL_LABEL), dwell)}${avg}.`,
    },
  };
}

/**
 * Colours, dash and point styles per chart and series (fixed; only data changes). A category
 * chart's series also lists each bar's plain colour (`colours`), for its hatched look.
 */
export function styles(
  id: ChartId,
): (Partial<ChartDataset<'bar' | 'line'>> & { colours?: string[] })[] {
  switch (id) {
    case 'visits':
    case 'occupancy':
      return [
        { borderColor: OI.sky, backgroundColor: OI.sky, pointStyle: 'circle' },
        {
          borderColor: OI.orange,
          backgroundColor: OI.orange,
          borderDash: [6, 4],
          pointStyle: 'triangle',
        },
      ].map((s) => ({
        ...s,
        borderWidth: 2,
        pointRadius: 2.5,
        spanGaps: false,
      }));
    case 'age':
      return [
        {
          backgroundColor: [
            ...AGE_GROUPS.map(() => OI.green),
            pattern(OI.grey, 'stripes'),
          ],
          colours: [...AGE_GROUPS.map(() => OI.green), OI.grey],
        },
      ];
    case 'gender':
      return [
        {
          backgroundColor: [OI.orange, OI.sky, pattern(OI.grey, 'stripes')],
          colours: [OI.orange, OI.sky, OI.grey],
        },
      ];
    case 'mood':
      return [
        { backgroundColor: OI.green },
        { backgroundColor: pattern(OI.sky, 'stripes') },
        { backgroundColor: pattern(OI.vermillion, 'dots') },
        { backgroundColor: pattern(OI.grey, 'backstripes') },
      ];
    case 'dwell':
      return [
        {
          backgroundColor: OI.yellow,
          colours: DWELL_BINS.map(() => OI.yellow),
        },
      ];
  }
}
