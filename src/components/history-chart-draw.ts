// How <ls-history-charts> draws a ChartSpec with Chart.js (createChart, chartData) and its
// accessible table (chartTable). A count not shown exactly is drawn as a hatched bar over the
// range it is known to lie in — in place of its bar, beside a line's point, or on top of a
// stack — and says why in its tooltip; bars of a category chart carry their figure, zeros
// too. Imports lit, chart.js, shared/ and the chart configs.

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
  type Plugin,
  type TooltipItem,
} from 'chart.js';
import type { Cell } from '../shared/history-series';
import { styles, type ChartId } from './history-chart-config';
import {
  cellsOf,
  drawn,
  hiddenNote,
  pattern,
  topOf,
  why,
  type ChartSpec,
  type Drawn,
} from './history-chart-shared';
import { siteStyles, type SiteChartId } from './history-site-chart-config';

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

const TEXT = '#e6edf3';
const MUTED = '#9da7b3';
const GRID = 'rgba(157, 167, 179, 0.18)';

type Id = ChartId | SiteChartId;
const STACKED: readonly Id[] = ['mood', 'alerts', 'profiles'];
const LINES: readonly Id[] = ['visits', 'occupancy', 'crossings', 'zones'];
/** One bar per category, each labelled with its figure. */
const CATEGORIES: readonly Id[] = ['age', 'gender', 'dwell'];
const isSite = (id: Id): id is SiteChartId =>
  ['crossings', 'zones', 'alerts', 'profiles'].includes(id);

/**
 * A drawn dataset and the cells behind it (for tooltips and labels). `extra` marks one that is
 * not a series of the spec: the hatched ranges beside a line, or the hidden part of a stack.
 */
export type HistoryDataset = ChartDataset<'bar' | 'line', Drawn[]> & {
  cells: Cell[];
  extra?: boolean;
};

/** The series' colour, for its hatched ranges. */
const colourOf = (look: Partial<ChartDataset<'bar' | 'line'>>) =>
  typeof look.borderColor === 'string'
    ? look.borderColor
    : typeof look.backgroundColor === 'string'
      ? look.backgroundColor
      : MUTED;

/**
 * What a stack's hidden figures at slot `i` add up to, from what is shown: the sum of their
 * ranges, within what the stack's total (if shown) leaves. Null when none is hidden.
 */
function hiddenPart(spec: ChartSpec, i: number): Cell | null {
  const members = spec.series.map((s) => s.cells[i]);
  if (members.every((c) => c.value !== null)) return null;
  const shown = members.reduce((s, c) => s + (c.value ?? 0), 0);
  let lo = 0;
  let hi = 0;
  for (const c of members) {
    if (c.value !== null) continue;
    lo += c.range?.[0] ?? 0;
    hi += c.range?.[1] ?? Infinity;
  }
  const total = spec.stackTotals?.[i];
  if (total) {
    const [tLo, tHi] =
      total.value !== null
        ? [total.value, total.value]
        : [total.range?.[0] ?? 0, total.range?.[1] ?? Infinity];
    lo = Math.max(lo, tLo - shown);
    hi = Math.min(hi, tHi - shown);
  }
  const most = hi === Infinity ? null : hi;
  return {
    value: null,
    text: most === null ? `≥${lo}` : lo === most ? String(lo) : `${lo}–${most}`,
    range: [lo, most],
  };
}

/** The datasets drawn for `spec`: its series in their looks, and its hidden counts hatched. */
export function chartData(id: Id, spec: ChartSpec): HistoryDataset[] {
  const look = isSite(id) ? siteStyles(id, spec) : styles(id);
  const top = topOf(cellsOf(spec));
  const series = spec.series.map((s, i): HistoryDataset => {
    const base = { ...look[i], label: s.label, cells: s.cells };
    if (!CATEGORIES.includes(id)) {
      return { ...base, data: s.cells.map((c) => c.value) };
    }
    // One bar per category: a hidden count is hatched over its range in place of its bar.
    const fills = look[i].backgroundColor;
    const fill = (k: number): unknown =>
      Array.isArray(fills) ? fills[k] : fills;
    const colours = (look[i] as { colours?: string[] }).colours ?? [];
    return {
      ...base,
      data: s.cells.map((c) => drawn(c, top)),
      backgroundColor: s.cells.map((c, k) =>
        c.value === null ? pattern(colours[k] ?? MUTED, 'hidden') : fill(k),
      ) as string[],
      borderColor: s.cells.map((_, k) => colours[k] ?? MUTED),
      borderWidth: s.cells.map((c) => (c.value === null ? 1.5 : 0)),
    } as HistoryDataset;
  });
  const hatched = (colour: string) => ({
    type: 'bar' as const,
    extra: true,
    backgroundColor: pattern(colour, 'hidden'),
    borderColor: colour,
    borderWidth: 1.5,
  });
  if (LINES.includes(id)) {
    // Beside each line, a hatched bar for each of its points that is not shown exactly.
    return [
      ...series,
      ...spec.series.map((s, i): HistoryDataset => ({
        ...hatched(colourOf(look[i])),
        label: s.label,
        cells: s.cells,
        data: s.cells.map((c) => (c.value === null ? drawn(c, top) : null)),
        order: 1,
      })),
    ];
  }
  if (STACKED.includes(id)) {
    // On top of each stack, what its hidden figures add up to.
    const parts = spec.labels.map((_, i) => hiddenPart(spec, i));
    const cells = parts.map((p) => p ?? { value: null, text: '' });
    return [
      ...series,
      {
        ...hatched(MUTED),
        label: 'Hidden',
        cells,
        data: parts.map((p) => (p ? drawn(p, top) : null)),
      },
    ];
  }
  return series;
}

/** Each bar's figure at its end (category charts), so a zero or a hidden count still shows. */
const figures: Plugin<'bar' | 'line'> = {
  id: 'lsFigures',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    ctx.save();
    ctx.fillStyle = MUTED;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = horizontal ? 'left' : 'center';
    ctx.textBaseline = horizontal ? 'middle' : 'bottom';
    chart.data.datasets.forEach((d, di) => {
      const cells = (d as HistoryDataset).cells;
      chart.getDatasetMeta(di).data.forEach((bar, i) => {
        const text = cells?.[i]?.text;
        if (!text) return;
        const { x, y } = bar.getProps(['x', 'y'], true);
        ctx.fillText(text, horizontal ? x + 4 : x, horizontal ? y : y - 3);
      });
    });
    ctx.restore();
  },
};

/** "Label: figure", and why it is not shown exactly; nothing for an empty extra bar. */
function tooltip(spec: ChartSpec) {
  const cellOf = (item: TooltipItem<'bar' | 'line'>) =>
    (item.dataset as HistoryDataset).cells?.[item.dataIndex];
  return {
    intersect: false,
    mode: 'index' as const,
    filter: (item: TooltipItem<'bar' | 'line'>) => {
      const c = cellOf(item);
      return (
        !!c?.text &&
        (item.raw !== null || !(item.dataset as HistoryDataset).extra)
      );
    },
    callbacks: {
      label: (item: TooltipItem<'bar' | 'line'>) =>
        `${item.dataset.label ?? ''}: ${cellOf(item)?.text ?? item.formattedValue}`,
      afterLabel: (item: TooltipItem<'bar' | 'line'>) => {
        const c = cellOf(item);
        if (!c) return '';
        // The hidden part of a stack: its figures are below N or would reveal one.
        if ((item.dataset as HistoryDataset).extra && !c.hidden) {
          return `hidden: counts below ${spec.threshold}, or that would reveal one`;
        }
        return why(c, spec.threshold) ?? '';
      },
    },
  };
}

export function createChart(
  canvas: HTMLCanvasElement,
  id: Id,
  spec: ChartSpec,
) {
  const stacked = STACKED.includes(id);
  const line = LINES.includes(id);
  const horizontal = id === 'gender';
  const axis = (valueAxis: boolean) => ({
    stacked,
    beginAtZero: true,
    // A line's points sit mid-slot, where the hatched bars beside them go.
    ...(line && !valueAxis ? { offset: true } : {}),
    ticks: valueAxis
      ? // Averages in view are fractions; everything else counts people.
        { color: MUTED, precision: id === 'occupancy' ? 2 : 0 }
      : { color: MUTED, maxRotation: 0, autoSkipPadding: 8 },
    grid: { color: GRID },
  });
  const labelled = CATEGORIES.includes(id);
  return new Chart<'bar' | 'line', Drawn[], string>(canvas, {
    type: line ? 'line' : 'bar',
    data: { labels: spec.labels, datasets: chartData(id, spec) },
    plugins: labelled ? [figures] : [],
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: horizontal ? 'y' : 'x',
      // Room for the figures at the bars' ends.
      layout: labelled
        ? { padding: horizontal ? { right: 44 } : { top: 16 } }
        : undefined,
      plugins: {
        legend: {
          // Zones and lines are named only in the legend, so it shows even for one.
          display: spec.series.length > 1 || isSite(id),
          // Line samples show the dash style; boxes show the mood patterns. The hatched
          // ranges beside lines need no entry; a stack's hidden part has one while drawn.
          labels: {
            color: TEXT,
            filter: (item, data) => {
              const d = data.datasets[item.datasetIndex!] as HistoryDataset;
              return !d.extra || (!line && d.data.some((v) => v !== null));
            },
            ...(line
              ? { usePointStyle: true, pointStyle: 'line', pointStyleWidth: 28 }
              : { boxWidth: 28 }),
          },
        },
        tooltip: tooltip(spec),
      },
      scales: { x: axis(horizontal), y: axis(!horizontal) },
    },
  });
}

/** Puts `spec`'s figures into a chart made for the same series. */
export function updateChart(
  chart: ReturnType<typeof createChart>,
  id: Id,
  spec: ChartSpec,
): void {
  chart.data.labels = spec.labels;
  chartData(id, spec).forEach((d, i) => {
    Object.assign(chart.data.datasets[i], d);
  });
  chart.options.plugins!.tooltip = tooltip(spec);
  chart.update('none');
}

/** A figure's cell in the table: a hidden one says why on hover. */
const td = (c: Cell, n: number) =>
  c.hidden
    ? html`<td class="hidden-figure" title=${why(c, n) ?? ''}>${c.text}</td>`
    : html`<td>${c.text}</td>`;

/** The accessible table behind a chart: one row per label, one column per series. */
export function chartTable(spec: ChartSpec) {
  const n = spec.threshold;
  const note = hiddenNote(cellsOf(spec), n);
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
              ${spec.series.map((s) => td(s.cells[i], n))}
            </tr>`,
        )}
      </tbody>
      ${
        spec.total
          ? html`<tfoot>
              <tr>
                <th scope="row">${spec.totalLabel ?? 'Total'}</th>
                ${spec.total.map((c) => td(c, n))}
              </tr>
            </tfoot>`
          : nothing
      }
    </table>
    ${note ? html`<p class="table-note">${note}</p>` : nothing}`;
}
