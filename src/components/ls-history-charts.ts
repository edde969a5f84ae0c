// <ls-history-charts>: the dashboard's stored history as six Chart.js charts, each with an
// accessible table, and a range switch. Presentational: renders a `history` prop (built by
// src/shared/history-series.ts) and emits ls-range-change. Chart.js config: history-chart-config.ts.

import { LitElement, html, nothing } from 'lit';
import type { HistoryData, HistoryRange } from '../shared/history-series';
import { formatSeconds } from './face-label';
import {
  CHART_IDS,
  chartTable,
  createChart,
  specs,
  type ChartId,
  type ChartSpec,
} from './history-chart-config';
import { historyChartsStyles } from './ls-history-charts.styles';

export type { HistoryData, HistoryRange } from '../shared/history-series';

const RANGES: [HistoryRange, string][] = [
  ['hour', 'Last hour'],
  ['today', 'Today'],
  ['week', 'Last 7 days'],
];

/**
 * The stored history: visits, people in view (average and most at once), age groups,
 * apparent gender, mood and time in view, for the last hour, today or the last 7 days. Reflects `data-range` and `data-total-passers-by`.
 *
 * @fires ls-range-change - detail: HistoryRange, when a range button is pressed
 */
export class LsHistoryCharts extends LitElement {
  static override properties = {
    history: { attribute: false },
    range: { type: String },
    threshold: { type: Number },
  };

  static override styles = historyChartsStyles;

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
        <div class="table-wrap">${spec ? chartTable(spec) : nothing}</div>
      </details>
    </section>`;
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
