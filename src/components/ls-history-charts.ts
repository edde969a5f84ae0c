// <ls-history-charts>: the dashboard's stored history as Chart.js charts (six of visits, three
// of zones, lines and alerts), each with an accessible table, and a range switch.
// Presentational: renders the `history` and `site` props (built by src/shared/history-series.ts
// and history-site-series.ts) and emits ls-range-change. Specs: history-chart-config.ts (zones,
// lines and alerts: history-site-chart-config.ts); drawing: history-chart-draw.ts.

import { LitElement, html, nothing } from 'lit';
import type { HistoryData, HistoryRange } from '../shared/history-series';
import {
  NO_PLACES,
  type SiteHistory,
  type SitePlaces,
} from '../shared/history-site-series';
import { formatSeconds } from './face-label';
import { CHART_IDS, specs, type ChartId } from './history-chart-config';
import { chartTable, createChart, updateChart } from './history-chart-draw';
import { cellsOf, hiddenNote, type ChartSpec } from './history-chart-shared';
import {
  SITE_CHART_IDS,
  siteSpecs,
  type SiteChartId,
} from './history-site-chart-config';
import { historyChartsStyles } from './ls-history-charts.styles';

export type { HistoryData, HistoryRange } from '../shared/history-series';
export type { SiteHistory, SitePlaces } from '../shared/history-site-series';

const RANGES: [HistoryRange, string][] = [
  ['hour', 'Last hour'],
  ['today', 'Today'],
  ['week', 'Last 7 days'],
];

/**
 * The stored history: visits, people in view (average and most at once), age groups,
 * apparent gender, mood and time in view; then entries and exits per line, the most people
 * in each zone and alerts per rule (legends named from `places`), for the last hour, today
 * or the last 7 days. Reflects `data-range` and `data-total-passers-by`.
 *
 * @fires ls-range-change - detail: HistoryRange, when a range button is pressed
 */
export class LsHistoryCharts extends LitElement {
  static override properties = {
    history: { attribute: false },
    site: { attribute: false },
    places: { attribute: false },
    profileNames: { attribute: false },
    range: { type: String },
    threshold: { type: Number },
  };

  static override styles = historyChartsStyles;

  declare history: HistoryData | null;
  /** Zones, lines and alerts over the same range; null until read. */
  declare site: SiteHistory | null;
  /** The names the user gave zones and lines; unnamed ones show as "Zone 1", "Line 1". */
  declare places: SitePlaces;
  /**
   * Authorised matching (issue 18): the operator's labels by profile id while the profiles
   * are unlocked; null while locked or off, when enrolled people's visits are not shown.
   */
  declare profileNames: Readonly<Record<string, string>> | null;
  declare range: HistoryRange;
  declare threshold: number;
  private _charts = new Map<
    ChartId | SiteChartId,
    ReturnType<typeof createChart>
  >();
  /** The series each chart was created with; other ones need a new chart. */
  private _keys = new Map<ChartId | SiteChartId, string>();
  private _drawn: HistoryData | null = null;
  /** The site history drawn, and the names it was drawn with (as JSON: a new object each render). */
  private _siteDrawn: [SiteHistory, string] | null = null;

  constructor() {
    super();
    this.history = null;
    this.site = null;
    this.places = NO_PLACES;
    this.profileNames = null;
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
    this._siteDrawn = null;
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
    const site = this.site;
    const siteMap = site
      ? siteSpecs(site, this.places, this.profileNames ?? {})
      : null;
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
              Counts from 1 to ${n - 1} are shown as &lt;${n} so that no figure
              can single out a person, and a count that would give one of them
              away is shown only as the range the other figures already allow
              (say 11–14). Charts draw both as hatched bars over their range;
              zeros are shown.
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
      </div>
      ${
        site?.empty
          ? html`<p class="empty site-empty" role="status">
              No zones or lines were drawn in this period — draw them on the
              Live view.
            </p>`
          : nothing
      }
      <div class="grid site" ?hidden=${!site || site.empty}>
        ${SITE_CHART_IDS.map((id) => this._chart(id, siteMap?.[id]))}
      </div>
      ${this._profiles(site, siteMap?.profiles)}`;
  }

  /** Enrolled people's visits: by label while unlocked; while locked, only that they exist. */
  private _profiles(site: SiteHistory | null, spec: ChartSpec | undefined) {
    if (!site?.profiles.length) return nothing;
    if (!this.profileNames)
      return html`<p class="note profiles-locked" role="status">
        Visits of enrolled people (authorised face matching) are shown only
        while the operator has unlocked the profiles.
      </p>`;
    return html`<div class="grid site profiles">
      ${this._chart('profiles', spec)}
    </div>`;
  }

  private _chart(id: ChartId | SiteChartId, spec: ChartSpec | undefined) {
    // A chart with nothing to draw (say, no alert in the range) says so in one line.
    const none = spec?.none !== undefined && !spec.series.length;
    // Why some of its bars are hatched, under the plot and in its summary.
    const why = spec ? hiddenNote(cellsOf(spec), spec.threshold) : '';
    const label = [spec?.summary ?? '', why].filter(Boolean).join(' ');
    return html`<section id=${`chart-${id}`} aria-labelledby=${`title-${id}`}>
      <h3 id=${`title-${id}`}>${spec?.title}</h3>
      ${none ? html`<p class="none">${spec.none}</p>` : nothing}
      <div class="plot" ?hidden=${none}>
        <canvas role="img" aria-label=${label}></canvas>
      </div>
      ${why && !none ? html`<p class="why" aria-hidden="true">${why}</p>` : nothing}
      <details ?hidden=${none}>
        <summary>Show as table</summary>
        <div class="table-wrap">${spec ? chartTable(spec) : nothing}</div>
      </details>
    </section>`;
  }

  protected override updated(): void {
    // Drawn only when visible (a hidden canvas has no size); updated in place afterwards.
    const h = this.history;
    if (h && !h.empty && (h !== this._drawn || !this._charts.size)) {
      this._draw(specs(h));
      this._drawn = h;
    }
    const site = this.site;
    const [drawn, named] = this._siteDrawn ?? [];
    const names = JSON.stringify([this.places, this.profileNames]);
    if (site && (site !== drawn || names !== named)) {
      // Only what is shown: the site charts unless empty, the people's only while unlocked.
      const { profiles, ...places } = siteSpecs(
        site,
        this.places,
        this.profileNames ?? {},
      );
      this._draw({
        ...(site.empty ? {} : places),
        ...(this.profileNames && site.profiles.length ? { profiles } : {}),
      });
      this._siteDrawn = [site, names];
    }
  }

  private _draw(all: Partial<Record<ChartId | SiteChartId, ChartSpec>>) {
    for (const [id, spec] of Object.entries(all) as [ChartId, ChartSpec][]) {
      const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(
        `#chart-${id} canvas`,
      );
      if (!canvas) continue;
      const chart = this._charts.get(id);
      const keys = spec.series.map((s) => s.key ?? s.label).join(' ');
      // A new canvas, or other series (a zone or line drawn since): a new chart, with its looks.
      if (!chart || chart.canvas !== canvas || this._keys.get(id) !== keys) {
        chart?.destroy();
        this._charts.set(id, createChart(canvas, id, spec));
        this._keys.set(id, keys);
        continue;
      }
      // Names can change (renamed in the settings) while the series stay.
      updateChart(chart, id, spec);
    }
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
