// What the live panel shows for some counts: passers-by, watchers, conversion, average dwell
// and attention, attraction; small groups suppressed when a threshold applies. Pure.

import { suppress, type Counts } from './aggregates';

/** Figures derived from counts; null when there is nothing (or too few) to show. */
export interface Derived {
  passersBy: number | string;
  watchers: number | string;
  conversion: string | null;
  avgDwell: string | null;
  avgAttention: string | null;
  attraction: string | null;
}

const percent = (part: number, whole: number): string | null =>
  whole > 0 ? `${Math.round((100 * part) / whole)} %` : null;

/** "12 s", or "2 min 5 s" from a minute on. */
export function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * Counts → what the panel shows. With threshold > 1, a group of fewer passers-by shows its
 * counts as "<N" and no averages or ratios, which would be one person's own figures.
 */
export function derive(c: Counts, threshold = 1): Derived {
  const n = c.passersBy;
  const few = n < threshold;
  const avg = (ms: number): string | null =>
    n > 0 && !few ? formatSeconds(ms / n) : null;
  return {
    passersBy: suppress(n, threshold),
    watchers: suppress(c.watchers, threshold),
    // A share of a hidden count would give it away (20 passers-by at 10 % are 2 watchers).
    conversion:
      few || typeof suppress(c.watchers, threshold) === 'string'
        ? null
        : percent(c.watchers, n),
    avgDwell: avg(c.dwellMs),
    avgAttention: avg(c.attentionMs),
    attraction: few ? null : percent(c.attentionMs, c.dwellMs),
  };
}
