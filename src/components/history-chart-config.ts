// The visit charts' specs and the Chart.js configuration behind <ls-history-charts>: what
// each visit chart shows (specs), how every chart is drawn (createChart; the zones, lines and
// alerts charts' specs and looks are in history-site-chart-config.ts) and its accessible table.
// Imports lit, chart.js and shared/.

import { html, nothing } from 'lit';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
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
import {
  SITE_CHART_IDS,
  siteStyles,
  type SiteChartId,
} from './history-site-chart-config';

// Only what these charts use, so the rest of Chart.js is tree-shaken away.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
);

export const CHART_IDS = [
  'visits',
  'occupancy',
  'age',
  'gender',
  'mood',
  'dwell',
] as const;
export type ChartId = (typeof CHART_IDS)[number];
const isSite = (id: ChartId | SiteChartId): id is SiteChartId =>
  id === 'profiles' || (SITE_CHART_IDS as readonly string[]).includes(id);

const TEXT = '#e6edf3';
const MUTED = '#9da7b3';
const GRID = 'rgba(157, 167, 179, 0.18)';
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
  return {
    visits: {
      title: 'Visits over time',
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
      labels: ageKeys.map(AGE_LABEL),
      rowHeader: 'Age group',
      series: [{ label: 'Passers-by', cells: ages }],
      summary: `Bar chart of passers-by by estimated age group ${when}: ${list(ageKeys.map(AGE_LABEL), ages)}.`,
    },
    gender: {
      title: 'Apparent gender',
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
      labels: slots,
      rowHeader: 'Time',
      series: MOOD_KEYS.map((m) => ({
        label: MOOD_LABEL[m],
        cells: h.slots.map((s) => s.moods[m]),
      })),
      total: MOOD_KEYS.map((m) => t.moods[m]),
      summary: `Stacked bar chart of passers-by by mood ${per} ${when}; in total ${list(
        MOOD_KEYS.map((m) => MOOD_LABEL[m]),
        MOOD_KEYS.map((m) => t.moods[m]),
      )}.`,
    },
    dwell: {
      title: 'Time in view',
      labels: DWELL_BINS.map(DWELL_LABEL),
      rowHeader: 'Dwell time',
      series: [{ label: 'Passers-by', cells: dwell }],
      summary: `Histogram of passers-by by time in view ${when}: ${list(DWELL_BINS.map(DWELL_LABEL), dwell)}${avg}.`,
    },
  };
}

/** Colours, dash and point styles per chart and series (fixed; only data changes). */
function styles(id: ChartId): Partial<ChartDataset<'bar' | 'line'>>[] {
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
        },
      ];
    case 'gender':
      return [
        { backgroundColor: [OI.orange, OI.sky, pattern(OI.grey, 'stripes')] },
      ];
    case 'mood':
      return [
        { backgroundColor: OI.green },
        { backgroundColor: pattern(OI.sky, 'stripes') },
        { backgroundColor: pattern(OI.vermillion, 'dots') },
        { backgroundColor: pattern(OI.grey, 'backstripes') },
      ];
    case 'dwell':
      return [{ backgroundColor: OI.yellow }];
  }
}

export function createChart(
  canvas: HTMLCanvasElement,
  id: ChartId | SiteChartId,
  spec: ChartSpec,
) {
  const stacked = id === 'mood' || id === 'alerts' || id === 'profiles';
  const line = ['visits', 'occupancy', 'crossings', 'zones'].includes(id);
  const axis = (valueAxis: boolean) => ({
    stacked,
    beginAtZero: true,
    ticks: valueAxis
      ? // Averages in view are fractions; everything else counts people.
        { color: MUTED, precision: id === 'occupancy' ? 2 : 0 }
      : { color: MUTED, maxRotation: 0, autoSkipPadding: 8 },
    grid: { color: GRID },
  });
  const horizontal = id === 'gender';
  const look = isSite(id) ? siteStyles(id, spec) : styles(id);
  return new Chart<'bar' | 'line', (number | null)[], string>(canvas, {
    type: line ? 'line' : 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s, i) => ({
        ...look[i],
        label: s.label,
        data: s.cells.map((c) => c.value),
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: horizontal ? 'y' : 'x',
      plugins: {
        legend: {
          // Zones and lines are named only in the legend, so it shows even for one.
          display: spec.series.length > 1 || isSite(id),
          // Line samples show the dash style; boxes show the mood patterns.
          labels: line
            ? {
                color: TEXT,
                usePointStyle: true,
                pointStyle: 'line',
                pointStyleWidth: 28,
              }
            : { color: TEXT, boxWidth: 28 },
        },
        tooltip: { intersect: false, mode: 'index' },
      },
      scales: { x: axis(!horizontal), y: axis(horizontal) },
    },
  });
}

/** The accessible table behind a chart: one row per label, one column per series. */
export function chartTable(spec: ChartSpec) {
  return html`<table>
    <caption class="visually-hidden">
      ${spec.title}
    </caption>
    <thead>
      <tr>
        <th scope="col">${spec.rowHeader}</th>
        ${spec.series.map((s) => html`<th scope="col">${s.label}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${spec.labels.map(
        (label, i) =>
          html`<tr>
            <th scope="row">${label}</th>
            ${spec.series.map((s) => html`<td>${s.cells[i].text}</td>`)}
          </tr>`,
      )}
    </tbody>
    ${
      spec.total
        ? html`<tfoot>
            <tr>
              <th scope="row">${spec.totalLabel ?? 'Total'}</th>
              ${spec.total.map((c) => html`<td>${c.text}</td>`)}
            </tr>
          </tfoot>`
        : nothing
    }
  </table>`;
}
