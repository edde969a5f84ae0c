// <ls-history-charts>: the dashboard's stored history as five Chart.js charts, each with an
// accessible table, and a range switch. Presentational: renders a `history` prop (built by
// src/shared/history-series.ts) and emits ls-range-change. Imports lit, chart.js, shared/.

import { LitElement, css, html, nothing } from 'lit';
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
import { DWELL_BINS, GENDERS, MOODS } from '../shared/aggregates';
import type {
  Cell,
  HistoryData,
  HistoryRange,
  HistorySlot,
} from '../shared/history-series';
import { AGE_GROUPS } from '../shared/types';
import { formatSeconds } from './face-label';

export type { HistoryData, HistoryRange } from '../shared/history-series';

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

const RANGES: [HistoryRange, string][] = [
  ['hour', 'Last hour'],
  ['today', 'Today'],
  ['week', 'Last 7 days'],
];
const IN_RANGE = {
  hour: 'in the last hour',
  today: 'today',
  week: 'in the last 7 days',
};
const CHART_IDS = ['visits', 'age', 'gender', 'mood', 'dwell'] as const;
type ChartId = (typeof CHART_IDS)[number];
type Series = { label: string; cells: Cell[] };
interface ChartSpec {
  title: string;
  labels: string[];
  series: Series[];
  /** What the table's first column lists. */
  rowHeader: string;
  total?: Cell[];
  summary: string;
}

// Okabe–Ito, which stays distinguishable with the common colour-vision deficiencies.
const OI = {
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  vermillion: '#D55E00',
  grey: '#9da7b3',
};
const TEXT = '#e6edf3';
const MUTED = '#9da7b3';
const GRID = 'rgba(157, 167, 179, 0.18)';
const AGE_LABEL = (k: string) =>
  k === 'unknown' ? 'Not estimated' : k.replace('-', '–');
const GENDER_LABEL = {
  female: 'Appears female',
  male: 'Appears male',
  unknown: 'Not read',
};
const MOOD_LABEL = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
};
const DWELL_LABEL = (b: string) =>
  b === '60+' ? '60 s +' : `${b.replace('-', '–')} s`;

const list = (labels: string[], cells: Cell[]) =>
  labels.map((l, i) => `${l}: ${cells[i].text}`).join(', ');

/** What each chart shows: labels, series and a one-sentence summary for its aria-label. */
function specs(h: HistoryData): Record<ChartId, ChartSpec> {
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
      series: MOODS.map((m) => ({
        label: MOOD_LABEL[m],
        cells: h.slots.map((s) => s.moods[m]),
      })),
      total: MOODS.map((m) => t.moods[m]),
      summary: `Stacked bar chart of passers-by by mood ${per} ${when}; in total ${list(
        MOODS.map((m) => MOOD_LABEL[m]),
        MOODS.map((m) => t.moods[m]),
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

/** A fill with a texture, so stacked series differ by more than colour. */
function pattern(color: string, kind: 'solid' | 'stripes' | 'dots') {
  const c = document.createElement('canvas');
  c.width = c.height = 8;
  const ctx = c.getContext('2d');
  if (kind === 'solid' || !ctx) return color;
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 8, 8);
  ctx.fillStyle = ctx.strokeStyle = '#161b22';
  ctx.lineWidth = 2;
  if (kind === 'stripes') {
    ctx.beginPath();
    for (const o of [-8, 0, 8]) {
      ctx.moveTo(o, 8);
      ctx.lineTo(o + 8, 0);
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
      ];
    case 'dwell':
      return [{ backgroundColor: OI.yellow }];
  }
}

function createChart(canvas: HTMLCanvasElement, id: ChartId, spec: ChartSpec) {
  const stacked = id === 'mood';
  const axis = (valueAxis: boolean) => ({
    stacked,
    beginAtZero: true,
    ticks: valueAxis
      ? { color: MUTED, precision: 0 }
      : { color: MUTED, maxRotation: 0, autoSkipPadding: 8 },
    grid: { color: GRID },
  });
  const horizontal = id === 'gender';
  const look = styles(id);
  return new Chart<'bar' | 'line', (number | null)[], string>(canvas, {
    type: id === 'visits' ? 'line' : 'bar',
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
          display: spec.series.length > 1,
          // Line samples show the dash style; boxes show the mood patterns.
          labels:
            id === 'visits'
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

/**
 * The stored history: visits, age groups, apparent gender, mood and time in view, for the
 * last hour, today or the last 7 days. Reflects `data-range` and `data-total-passers-by`.
 *
 * @fires ls-range-change - detail: HistoryRange, when a range button is pressed
 */
export class LsHistoryCharts extends LitElement {
  static override properties = {
    history: { attribute: false },
    range: { type: String },
    threshold: { type: Number },
  };

  static override styles = css`
    :host {
      display: block;
      container-type: inline-size;
      color: #e6edf3;
    }
    [hidden] {
      display: none !important;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
    }
    h2 {
      font-size: 1.05rem;
      margin: 0;
    }
    .ranges {
      display: inline-flex;
      border: 2px solid #3b4654;
      border-radius: 10px;
      overflow: hidden;
    }
    .ranges button {
      min-height: 44px;
      min-width: 44px;
      padding: 0 0.9rem;
      border: 0;
      background: #1f2630;
      color: #e6edf3;
      font: inherit;
      cursor: pointer;
    }
    .ranges button + button {
      border-left: 2px solid #3b4654;
    }
    .ranges button[aria-pressed='true'] {
      background: #2d2a1f;
      box-shadow: inset 0 -3px 0 #ffb000;
      font-weight: 600;
    }
    button:focus-visible,
    summary:focus-visible {
      outline: 3px solid #ffb000;
      outline-offset: -3px;
    }
    p {
      color: #9da7b3;
      font-size: 0.9rem;
      margin: 0.5rem 0;
    }
    .totals strong {
      color: #e6edf3;
      font-variant-numeric: tabular-nums;
    }
    .empty {
      font-size: 1rem;
      padding: 1.5rem 0;
      text-align: center;
    }
    .grid {
      display: grid;
      grid-template-columns: 1fr;
      gap: 0.75rem;
      margin-top: 0.5rem;
    }
    @container (min-width: 56rem) {
      .grid {
        grid-template-columns: 1fr 1fr;
      }
      #chart-visits {
        grid-column: 1 / -1;
      }
    }
    section {
      background: #161b22;
      border-radius: 12px;
      padding: 0.75rem 1rem;
      min-width: 0;
    }
    h3 {
      font-size: 0.95rem;
      margin: 0 0 0.5rem;
    }
    .plot {
      position: relative;
      height: 240px;
    }
    summary {
      min-height: 44px;
      display: flex;
      align-items: center;
      color: #9da7b3;
      cursor: pointer;
    }
    .table-wrap {
      max-height: 18rem;
      overflow: auto;
    }
    table {
      border-collapse: collapse;
      font-size: 0.85rem;
      font-variant-numeric: tabular-nums;
    }
    th,
    td {
      padding: 0.2rem 0.75rem 0.2rem 0;
      text-align: right;
      border-bottom: 1px solid #2a323d;
    }
    th[scope='row'],
    thead th:first-child {
      text-align: left;
      font-weight: normal;
      color: #9da7b3;
    }
    tfoot th,
    tfoot td {
      font-weight: 600;
    }
  `;

  declare history: HistoryData | null;
  declare range: HistoryRange;
  declare threshold: number;
  private _charts = new Map<ChartId, ReturnType<typeof createChart>>();
  private _drawn: HistoryData | null = null;

  constructor() {
    super();
    this.history = null;
    this.range = 'today';
    this.threshold = 5;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Charts are destroyed on disconnect; a reconnected element draws them again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const chart of this._charts.values()) chart.destroy();
    this._charts.clear();
    this._drawn = null;
  }

  protected override willUpdate(): void {
    this.dataset.range = this.range;
    if (this.history) {
      this.dataset.totalPassersBy = this.history.totals.passersBy.text;
    } else {
      delete this.dataset.totalPassersBy;
    }
  }

  override render() {
    const h = this.history;
    const t = h?.totals;
    const n = this.threshold;
    const specMap = h ? specs(h) : null;
    return html`<header>
        <h2>History</h2>
        <div class="ranges" role="group" aria-label="Time range">
          ${RANGES.map(
            ([r, label]) =>
              html`<button
                type="button"
                aria-pressed=${r === this.range ? 'true' : 'false'}
                data-range=${r}
                @click=${() => this._select(r)}
              >
                ${label}
              </button>`,
          )}
        </div>
      </header>
      ${
        t && !h.empty
          ? html`<p class="totals">
              Passers-by <strong>${t.passersBy.text}</strong> · Watchers
              <strong>${t.watchers.text}</strong> · Avg. time in view
              <strong
                >${t.avgDwellMs === null ? '–' : formatSeconds(t.avgDwellMs)}</strong
              >
            </p>`
          : nothing
      }
      ${
        n > 1
          ? html`<p class="note">
              Counts below ${n} are shown as &lt;${n} so that no figure can
              single out a person. They are left out of the charts, and
              "suppressed" marks a count hidden so that it cannot be worked out
              from the others.
            </p>`
          : nothing
      }
      ${
        h?.empty
          ? html`<p class="empty" role="status">
              No visits stored in this range yet
            </p>`
          : nothing
      }
      <div class="grid" ?hidden=${!h || h.empty}>
        ${CHART_IDS.map((id) => this._chart(id, specMap?.[id]))}
      </div>`;
  }

  private _chart(id: ChartId, spec: ChartSpec | undefined) {
    return html`<section id=${`chart-${id}`} aria-labelledby=${`title-${id}`}>
      <h3 id=${`title-${id}`}>${spec?.title}</h3>
      <div class="plot">
        <canvas role="img" aria-label=${spec?.summary ?? ''}></canvas>
      </div>
      <details>
        <summary>Show as table</summary>
        <div class="table-wrap">${spec ? this._table(spec) : nothing}</div>
      </details>
    </section>`;
  }

  private _table(spec: ChartSpec) {
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
                <th scope="row">Total</th>
                ${spec.total.map((c) => html`<td>${c.text}</td>`)}
              </tr>
            </tfoot>`
          : nothing
      }
    </table>`;
  }

  protected override updated(): void {
    const h = this.history;
    // Drawn only when visible (a hidden canvas has no size); updated in place afterwards.
    if (!h || h.empty || (h === this._drawn && this._charts.size)) return;
    const all = specs(h);
    for (const id of CHART_IDS) {
      const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(
        `#chart-${id} canvas`,
      );
      if (!canvas) continue;
      const chart = this._charts.get(id);
      if (!chart || chart.canvas !== canvas) {
        chart?.destroy();
        this._charts.set(id, createChart(canvas, id, all[id]));
        continue;
      }
      chart.data.labels = all[id].labels;
      all[id].series.forEach((s, i) => {
        chart.data.datasets[i].data = s.cells.map((c) => c.value);
      });
      chart.update('none');
    }
    this._drawn = h;
  }

  private _select(range: HistoryRange): void {
    if (range === this.range) return;
    this.range = range;
    this.dispatchEvent(
      new CustomEvent<HistoryRange>('ls-range-change', {
        detail: range,
        bubbles: true,
        composed: true,
      }),
    );
  }
}

customElements.define('ls-history-charts', LsHistoryCharts);

declare global {
  interface HTMLElementTagNameMap {
    'ls-history-charts': LsHistoryCharts;
  }
  interface GlobalEventHandlersEventMap {
    'ls-range-change': CustomEvent<HistoryRange>;
  }
}
