// What the history charts share: the spec every chart is drawn from (ChartSpec), the range
// wording, the Okabe–Ito palette and the fill patterns. Used by history-chart-config.ts (the
// visit charts, createChart) and history-site-chart-config.ts (zones, lines and alerts).

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

/** A fill with a texture, so stacked series differ by more than colour. */
export function pattern(
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
