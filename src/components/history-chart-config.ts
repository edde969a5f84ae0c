// The specs, palette and Chart.js configuration behind <ls-history-charts>: what each chart
// shows (specs; siteSpecs for zones, lines and alerts), how it is drawn (createChart) and its
// accessible table. Imports lit, chart.js, shared/ and the alerts domain's labels.

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
import { RULE_LABELS } from '../alerts/alert-log';
import { DWELL_BINS, GENDERS } from '../shared/aggregates';
import {
  DIRECTIONS,
  LINE_IDS,
  ZONE_IDS,
  type AlertRule,
  type Direction,
  type LineId,
  type ZoneId,
} from '../shared/alert-keys';
import {
  MOOD_KEYS,
  type Cell,
  type HistoryData,
  type HistorySlot,
} from '../shared/history-series';
import {
  placeName,
  type SiteHistory,
  type SitePlaces,
} from '../shared/history-site-series';
import { AGE_GROUPS } from '../shared/types';
import { formatSeconds } from './face-label';

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

const IN_RANGE = {
  hour: 'in the last hour',
  today: 'today',
  week: 'in the last 7 days',
};
export const CHART_IDS = [
  'visits',
  'occupancy',
  'age',
  'gender',
  'mood',
  'dwell',
] as const;
export type ChartId = (typeof CHART_IDS)[number];
/** Zones, lines and alerts (issue 17); their series depend on what was drawn. */
export const SITE_CHART_IDS = ['crossings', 'zones', 'alerts'] as const;
export type SiteChartId = (typeof SITE_CHART_IDS)[number];
const isSite = (id: ChartId | SiteChartId): id is SiteChartId =>
  (SITE_CHART_IDS as readonly string[]).includes(id);
/** `key` names a site series' slot ("l1.in", "z2", "loitering"), which fixes its look. */
type Series = { label: string; cells: Cell[]; key?: string };
export interface ChartSpec {
  title: string;
  labels: string[];
  series: Series[];
  /** What the table's first column lists. */
  rowHeader: string;
  total?: Cell[];
  /** The table's last row's header; "Total" unless told. */
  totalLabel?: string;
  summary: string;
  /** Shown instead of the plot when there is no series. */
  none?: string;
}

// Okabe–Ito, which stays distinguishable with the common colour-vision deficiencies.
const OI = {
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  vermillion: '#D55E00',
  blue: '#0072B2',
  purple: '#CC79A7',
  grey: '#9da7b3',
};
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

const DIRECTION_LABEL: Record<Direction, string> = {
  in: 'entries',
  out: 'exits',
};

const list = (labels: string[], cells: Cell[]) =>
  labels.map((l, i) => `${l}: ${cells[i].text}`).join(', ');

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

/** The zones, lines and alerts charts, their legends named from `places` (settings). */
export function siteSpecs(
  s: SiteHistory,
  places: SitePlaces,
): Record<SiteChartId, ChartSpec> {
  const when = IN_RANGE[s.range];
  const labels = s.slots.map((x) => x.label);
  const per = `per ${s.slotSpan}`;
  const lines = s.lines.flatMap((l) =>
    DIRECTIONS.map((d) => ({
      key: `${l.id}.${d}`,
      label: `${placeName(l.id, places)}: ${DIRECTION_LABEL[d]}`,
      ...l.crossings[d],
    })),
  );
  const zones = s.zones.map((z) => ({
    key: z.id,
    label: placeName(z.id, places),
    ...z.peaks,
  }));
  const rules = s.rules.map((r) => ({
    key: r.rule,
    label: RULE_LABELS[r.rule],
    ...r.alerts,
  }));
  const common = { labels, rowHeader: 'Time' };
  return {
    crossings: {
      ...common,
      title: 'Entries and exits',
      series: lines,
      total: lines.map((l) => l.total),
      summary:
        `Line chart of people crossing each line ${per} ${when}, entries along its arrow and exits against it: ` +
        s.lines
          .map(
            (l) =>
              `${placeName(l.id, places)}: ${l.crossings.in.total.text} entries and ${l.crossings.out.total.text} exits`,
          )
          .join('; ') +
        '.',
      none: 'No one crossed a line in this period.',
    },
    zones: {
      ...common,
      title: 'People in each zone',
      series: zones,
      total: zones.map((z) => z.total),
      totalLabel: 'Most',
      summary: `Line chart of the most people in each zone at once ${per} ${when}: ${zones
        .map((z) => `${z.label}: at most ${z.total.text}`)
        .join('; ')}.`,
      none: 'No one was in a zone in this period.',
    },
    alerts: {
      ...common,
      title: 'Alerts by rule',
      series: rules,
      total: rules.map((r) => r.total),
      summary: `Stacked bar chart of alerts by rule, all zones together, ${per} ${when}; in total ${list(
        rules.map((r) => r.label),
        rules.map((r) => r.total),
      )}.`,
      none: 'No alerts in this period.',
    },
  };
}

/** A fill with a texture, so stacked series differ by more than colour. */
function pattern(
  color: string,
  kind: 'solid' | 'stripes' | 'backstripes' | 'dots',
) {
  const c = document.createElement('canvas');
  c.width = c.height = 8;
  const ctx = c.getContext('2d');
  if (kind === 'solid' || !ctx) return color;
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 8, 8);
  ctx.fillStyle = ctx.strokeStyle = '#161b22';
  ctx.lineWidth = 2;
  if (kind === 'stripes' || kind === 'backstripes') {
    const back = kind === 'backstripes';
    ctx.beginPath();
    for (const o of [-8, 0, 8]) {
      ctx.moveTo(o, back ? 0 : 8);
      ctx.lineTo(o + 8, back ? 8 : 0);
    }
    ctx.stroke();
  } else {
    ctx.beginPath();
    ctx.arc(4, 4, 1.6, 0, 2 * Math.PI);
    ctx.fill();
  }
  return ctx.createPattern(c, 'repeat') ?? color;
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

// A zone's or line's look follows its slot, so it keeps it whichever others were drawn.
const PLACE_COLOURS = [
  OI.orange,
  OI.sky,
  OI.green,
  OI.yellow,
  OI.purple,
  OI.vermillion,
  OI.blue,
  OI.grey,
];
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
const POINTS = ['circle', 'triangle', 'rect', 'rectRot', 'star'] as const;
const RULE_FILL = {
  occupancy: [OI.vermillion, 'solid'],
  afterHours: [OI.sky, 'stripes'],
  loitering: [OI.yellow, 'dots'],
  restricted: [OI.purple, 'backstripes'],
  object: [OI.grey, 'stripes'],
} satisfies Record<AlertRule, Parameters<typeof pattern>>;

function siteStyles(
  id: SiteChartId,
  spec: ChartSpec,
): Partial<ChartDataset<'bar' | 'line'>>[] {
  return spec.series.map(({ key = '' }) => {
    if (id === 'alerts') {
      const [colour, kind] = RULE_FILL[key as AlertRule];
      return { backgroundColor: pattern(colour, kind) };
    }
    // Lines: a colour per line, exits dashed. Zones: a colour, dash and point per zone.
    const [slot, dir] = key.split('.');
    const i =
      id === 'crossings'
        ? LINE_IDS.indexOf(slot as LineId)
        : ZONE_IDS.indexOf(slot as ZoneId);
    const colour = PLACE_COLOURS[i];
    return {
      borderColor: colour,
      backgroundColor: colour,
      borderDash:
        id === 'crossings'
          ? DASHES[dir === 'out' ? 1 : 0]
          : DASHES[i % DASHES.length],
      pointStyle:
        id === 'crossings'
          ? POINTS[dir === 'out' ? 1 : 0]
          : POINTS[i % POINTS.length],
      borderWidth: 2,
      pointRadius: 2.5,
      spanGaps: false,
    };
  });
}

export function createChart(
  canvas: HTMLCanvasElement,
  id: ChartId | SiteChartId,
  spec: ChartSpec,
) {
  const stacked = id === 'mood' || id === 'alerts';
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
