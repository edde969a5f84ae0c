// What the history charts share: the spec every chart is drawn from (ChartSpec), the range
// wording, the Okabe–Ito palette, the fill patterns, and how a count not shown exactly is
// drawn and explained (a hatched bar over its range, and why). Used by history-chart-config.ts
// (the visit charts), history-site-chart-config.ts (zones, lines and alerts) and
// history-chart-draw.ts (createChart).

import type { Cell } from '../shared/history-series';

export const IN_RANGE = {
  hour: 'in the last hour',
  today: 'today',
  week: 'in the last 7 days',
};

/** `key` names a site series' slot ("l1.in", "z2", "loitering"), which fixes its look. */
type Series = { label: string; cells: Cell[]; key?: string };
export interface ChartSpec {
  title: string;
  /** The suppression threshold N the cells were shown at (for saying why one is hidden). */
  threshold: number;
  labels: string[];
  series: Series[];
  /** What the table's first column lists. */
  rowHeader: string;
  total?: Cell[];
  /** What each stack adds up to, where a stacked chart's slots have a total (mood: passers-by). */
  stackTotals?: Cell[];
  /** The table's last row's header; "Total" unless told. */
  totalLabel?: string;
  summary: string;
  /** Shown instead of the plot when there is no series. */
  none?: string;
}

// Okabe–Ito, which stays distinguishable with the common colour-vision deficiencies.
export const OI = {
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  vermillion: '#D55E00',
  blue: '#0072B2',
  purple: '#CC79A7',
  grey: '#9da7b3',
};

export const list = (labels: string[], cells: Cell[]) =>
  labels.map((l, i) => `${l}: ${cells[i].text}`).join(', ');

/**
 * A fill with a texture, so stacked series differ by more than colour. 'hidden' is the look
 * of a count not shown exactly: thin hatching in the colour on nothing, a placeholder.
 */
export function pattern(
  color: string,
  kind: 'solid' | 'stripes' | 'backstripes' | 'dots' | 'hidden',
) {
  // No DOM (unit tests in node): the plain colour.
  if (typeof document === 'undefined') return color;
  const c = document.createElement('canvas');
  c.width = c.height = 8;
  const ctx = c.getContext('2d');
  if (kind === 'solid' || !ctx) return color;
  if (kind === 'hidden') {
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (const o of [-8, 0, 8]) {
      ctx.moveTo(o, 8);
      ctx.lineTo(o + 8, 0);
    }
    ctx.stroke();
    return ctx.createPattern(c, 'repeat') ?? color;
  }
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

// ---- Counts not shown exactly ----

/** A figure drawn as a bar: its value, or the range a hidden count lies in; null: nothing. */
export type Drawn = number | [number, number] | null;

/**
 * What a chart draws for `c`: its value; for a count not shown exactly, the range it is known
 * to lie in ("<5" is 1–4), an open one ("≥6") up to `top`; nothing for a hidden average.
 */
export function drawn(c: Cell, top: number): Drawn {
  if (c.value !== null) return c.value;
  if (!c.range) return null;
  const [lo, hi] = c.range;
  return [lo, hi ?? Math.max(top, lo + 1)];
}

/** The highest value or known bound among `cells`: where an open range is drawn up to. */
export const topOf = (cells: Cell[]) =>
  Math.max(
    1,
    ...cells.map((c) => c.value ?? c.range?.[1] ?? c.range?.[0] ?? 0),
  );

/** Why `c` is not shown exactly, in a few words (tooltips); null when it is. */
export function why(c: Cell, n: number): string | null {
  switch (c.hidden) {
    case 'small':
      return `hidden: a count below ${n}`;
    case 'reveals':
      return `hidden: it would reveal a count below ${n}`;
    case 'few':
      return `hidden: an average over fewer than ${n} people`;
    default:
      return null;
  }
}

/**
 * One or two sentences saying what the hidden figures among `cells` are and why (under the
 * chart, under its table and in its aria summary); '' when every figure is shown.
 */
export function hiddenNote(cells: Cell[], n: number): string {
  const kinds = new Set(cells.map((c) => c.hidden));
  const range = cells.find((c) => c.hidden === 'reveals')?.text;
  const parts = [
    kinds.has('small') && `“<${n}” is 1 to ${n - 1} people`,
    range &&
      `“${range}” is hidden because, shown exactly, it would reveal a count below ${n}: it spans what the other figures already allow`,
  ].filter((p): p is string => typeof p === 'string');
  const few =
    kinds.has('few') &&
    `“suppressed” is an average over fewer than ${n} people.`;
  return [
    parts.length && `Hatched bars are hidden counts: ${parts.join('; ')}.`,
    few,
  ]
    .filter(Boolean)
    .join(' ');
}

/** Every cell of a spec: its series and totals. */
export const cellsOf = (spec: ChartSpec) => [
  ...spec.series.flatMap((s) => s.cells),
  ...(spec.total ?? []),
];
