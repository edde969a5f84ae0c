// Where the stage draws its box labels so that no two overlap (issue 19): pure and synchronous,
// on stage CSS pixels; the stage draws what it returns. Imports nothing but shared/ types.

import type { Rect, Size } from '../shared/geometry';

/** One label to place: the box it names and its texts, the most informative first. */
export interface LabelRequest {
  /** The box it labels (stage CSS px). */
  anchor: Rect;
  /** The label's texts as lines, longest first; a later one is a shortened form. */
  variants: string[][];
  fontPx: number;
  /** Its first choice: under the box (faces) or over it (people). */
  side: 'below' | 'above';
  /** Where it sat on the last frame, relative to its anchor: kept when still free, so labels do not jump. */
  previous?: { dx: number; dy: number; variant: number } | null;
}

export interface PlacedLabel {
  /** Index of its request. */
  index: number;
  /** Which of the request's variants it shows (0: the full text). */
  variant: number;
  lines: string[];
  rect: Rect;
  /** From the box to the label when they do not touch; null when it sits against the box. */
  leader: { x1: number; y1: number; x2: number; y2: number } | null;
}

export interface LabelLayout {
  placed: PlacedLabel[];
  /** Requests that found no free place at all: their boxes are drawn unlabelled. */
  dropped: number[];
}

export interface LayoutOptions {
  /** Space between a box and its label (the box's line width). */
  gap: number;
  /** Boxes a label should not cover (the faces): avoided, not forbidden. */
  obstacles?: Rect[];
}

/** Text width in CSS px at a font size: the stage measures on its canvas, tests pass a fake. */
export type MeasureText = (text: string, fontPx: number) => number;

/** The padded box a label's lines take (the stage draws them inside it). */
export function labelSize(
  lines: string[],
  fontPx: number,
  measure: MeasureText,
): Size {
  const pad = Math.round(fontPx * 0.3);
  const lineH = Math.round(fontPx * 1.25);
  return {
    width: Math.max(...lines.map((l) => measure(l, fontPx))) + 2 * pad,
    height: lines.length * lineH + pad,
  };
}

/**
 * Places labels in the order given (the first gets the best place) inside `bounds`, never over
 * a label already placed nor closer to one than `gap`. Each tries its full text, then its shorter forms, at every place
 * against its box or against the edge of a placed label near it, and keeps the cheapest
 * (costOf): nearest its box, covering fewest faces, full text before a shortened one; a label
 * away from its box gets a leader line. One that fits nowhere is dropped, never drawn over
 * another, and so is every label after the first MAX_LABELS.
 */
export function layoutLabels(
  requests: readonly LabelRequest[],
  bounds: Size,
  measure: MeasureText,
  options: LayoutOptions,
): LabelLayout {
  const { gap } = options;
  const obstacles = options.obstacles ?? [];
  const placed: PlacedLabel[] = [];
  const dropped: number[] = [];
  for (const [index, req] of requests.entries()) {
    if (placed.length >= MAX_LABELS) {
      dropped.push(index);
      continue;
    }
    const sizes = req.variants.map((lines) =>
      labelSize(lines, req.fontPx, measure),
    );
    const lineH = Math.round(req.fontPx * 1.25);
    // Edges of labels near the box first (cheap); every label's only when none of those is free.
    const near = placed.filter(
      (p) => distance(p.rect, req.anchor) <= REACH_LINES * lineH,
    );
    let best: Candidate | null = null;
    for (const others of near.length < placed.length
      ? [near, placed]
      : [near]) {
      const spots = candidates(req, sizes, others, bounds, gap, lineH);
      best = cheapest(spots, (c) => {
        const rect = { x: c.x, y: c.y, ...sizes[c.variant] };
        if (placed.some((p) => tooClose(p.rect, rect, gap))) return null;
        return costOf(req, rect, c.variant, lineH, gap, obstacles);
      });
      if (best) break;
    }
    if (!best) {
      dropped.push(index);
      continue;
    }
    const { x, y, variant } = best;
    const rect = { x, y, ...sizes[variant] };
    const touching = distance(rect, req.anchor) <= gap + 1;
    const lines = req.variants[variant];
    placed.push({
      index,
      variant,
      lines,
      rect,
      leader: touching ? null : leader(req.anchor, rect),
    });
  }
  return { placed, dropped };
}

/**
 * More labels than this on one picture are unreadable anyway, and placing each costs more the
 * more there are: the rest keep their boxes, unlabelled (the stage's list still describes them).
 */
export const MAX_LABELS = 24;

/** How far (in lines of text) a placed label may be from a box for its edges to be tried first. */
const REACH_LINES = 6;

interface Candidate {
  x: number;
  y: number;
  variant: number;
  /** The least costOf can give it, for an early stop. */
  bound: number;
}

/**
 * Top-left corners to try, clamped into the bounds, cheapest first: for each variant, every
 * mix of the x and y at which it sits against its box (under, over, beside; left, right or
 * centred), against a placed label's edge, or against the picture's edge.
 */
function candidates(
  req: LabelRequest,
  sizes: readonly Size[],
  placed: readonly PlacedLabel[],
  bounds: Size,
  gap: number,
  lineH: number,
): Candidate[] {
  const a = req.anchor;
  const prev = req.previous;
  const out: Candidate[] = [];
  sizes.forEach(({ width: w, height: h }, variant) => {
    if (w > bounds.width || h > bounds.height) return;
    const xs = [a.x, a.x + a.width - w, a.x + a.width / 2 - w / 2];
    xs.push(a.x + a.width + gap, a.x - gap - w, 0, bounds.width - w);
    const ys = [a.y + a.height + gap, a.y - gap - h, a.y, 0, bounds.height - h];
    for (const p of placed) {
      xs.push(p.rect.x, p.rect.x + p.rect.width + gap, p.rect.x - gap - w);
      ys.push(p.rect.y, p.rect.y + p.rect.height + gap, p.rect.y - gap - h);
    }
    const spots = [];
    if (prev?.variant === variant) spots.push([a.x + prev.dx, a.y + prev.dy]);
    const cx = unique(xs.map((x) => clamp(x, 0, bounds.width - w)));
    const cy = unique(ys.map((y) => clamp(y, 0, bounds.height - h)));
    for (const y of cy) for (const x of cx) spots.push([x, y]);
    for (const [sx, sy] of spots) {
      const x = clamp(sx, 0, bounds.width - w);
      const y = clamp(sy, 0, bounds.height - h);
      const d = distance({ x, y, width: w, height: h }, a);
      const bound =
        d +
        (d > gap + 1 ? lineH / 2 : 0) +
        variant * SHORTENING_LINES * lineH -
        (prev ? lineH / 2 : 0);
      out.push({ x, y, variant, bound });
    }
  });
  return out.sort((p, q) => p.bound - q.bound);
}

/** The candidate of least cost (null: not free); `spots` sorted by bound, so it stops early. */
function cheapest(
  spots: readonly Candidate[],
  costOf: (c: Candidate) => number | null,
): Candidate | null {
  let best: Candidate | null = null;
  let bestCost = Infinity;
  for (const c of spots) {
    if (c.bound >= bestCost) break; // none after it can do better
    const cost = costOf(c);
    if (cost !== null && cost < bestCost) {
      best = c;
      bestCost = cost;
    }
  }
  return best;
}

/** Cost of each step of shortening, in lines of distance from the box. */
const SHORTENING_LINES = 3;

function unique(values: number[]): number[] {
  return [...new Set(values.map((v) => Math.round(v * 2) / 2))];
}

/**
 * Lower is better, in CSS px: how far the label is from its box (plus half a line for needing a
 * leader at all), three lines' worth for each step of shortening, four times the width of face
 * it covers (a face's label, its own too); small tie-breaks keep it on its preferred side,
 * left-aligned, and where it was on the last frame.
 */
function costOf(
  req: LabelRequest,
  rect: Rect,
  variant: number,
  lineH: number,
  gap: number,
  obstacles: readonly Rect[],
): number {
  const a = req.anchor;
  const d = distance(rect, a);
  let cost =
    d + (d > gap + 1 ? lineH / 2 : 0) + variant * SHORTENING_LINES * lineH;
  // A face's label over the face hides what it names; a person's may sit on the body.
  const covered = req.side === 'below' ? [a, ...obstacles] : obstacles;
  for (const o of new Set(covered))
    cost += (4 * overlapArea(rect, o)) / rect.height;
  const below = rect.y >= a.y + a.height;
  const above = rect.y + rect.height <= a.y;
  if (req.side === 'below' ? !below : !above) cost += 1;
  cost += Math.min(1, Math.abs(rect.x - a.x) / 100);
  const prev = req.previous;
  if (
    prev &&
    prev.variant === variant &&
    Math.abs(rect.x - a.x - prev.dx) < 2 &&
    Math.abs(rect.y - a.y - prev.dy) < 2
  )
    cost -= lineH / 2;
  return cost;
}

/** Whether two rectangles share any area (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
  return overlapArea(a, b) > 0;
}

/** Closer than `gap`: labels of one colour that touch read as one. */
function tooClose(a: Rect, b: Rect, gap: number): boolean {
  const m = Math.max(0, gap - 0.01);
  return overlaps(a, {
    x: b.x - m,
    y: b.y - m,
    width: b.width + 2 * m,
    height: b.height + 2 * m,
  });
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The shortest gap between two rectangles; 0 when they touch or overlap. */
function distance(a: Rect, b: Rect): number {
  const dx = Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width));
  const dy = Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height));
  return Math.hypot(dx, dy);
}

/** The shortest segment from the box to the label. */
function leader(box: Rect, label: Rect): NonNullable<PlacedLabel['leader']> {
  const [x1, x2] = nearest(box.x, box.width, label.x, label.width);
  const [y1, y2] = nearest(box.y, box.height, label.y, label.height);
  return { x1, y1, x2, y2 };
}

/** On one axis: the nearest points of two intervals (the middle of their overlap if they do). */
function nearest(a: number, aw: number, b: number, bw: number): number[] {
  if (b > a + aw) return [a + aw, b];
  if (a > b + bw) return [a, b + bw];
  const mid = (Math.max(a, b) + Math.min(a + aw, b + bw)) / 2;
  return [mid, mid];
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
