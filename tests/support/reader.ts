// A reader of published counts who knows every sum they are in and solves them all at once:
// a search over whole-number tables (interval narrowing, then splitting), independent of
// src/shared/history-suppression.ts. `audit` holds a publication to small-count suppression's
// promises: no count from 1 to N − 1 can be worked out, a hidden count's range tells nothing
// new, and every hidden count is needed.

import { expect } from 'vitest';

/** Σ ins = Σ outs over cell indices. */
export interface Sum {
  ins: readonly number[];
  outs: readonly number[];
}
/** Per cell, the least and most it can be. */
export type Box = [number, number][];

/** Narrows `box` to what every sum allows until nothing changes; false when a cell has no value. */
function narrow(sums: readonly Sum[], box: Box): boolean {
  for (let changed = true; changed;) {
    changed = false;
    for (const { ins, outs } of sums) {
      const side = (cells: readonly number[]) =>
        cells.reduce(([lo, hi], c) => [lo + box[c][0], hi + box[c][1]], [0, 0]);
      const [inLo, inHi] = side(ins);
      const [outLo, outHi] = side(outs);
      for (const [cells, other, own] of [
        [ins, [outLo, outHi], [inLo, inHi]],
        [outs, [inLo, inHi], [outLo, outHi]],
      ] as const) {
        for (const c of cells) {
          const [lo, hi] = box[c];
          // c = the other side − the rest of its own side
          const nLo = Math.max(lo, other[0] - (own[1] - hi));
          const nHi = Math.min(hi, other[1] - (own[0] - lo));
          if (nLo > nHi) return false;
          if (nLo !== lo || nHi !== hi) {
            box[c] = [nLo, nHi];
            changed = true;
          }
        }
      }
    }
  }
  return true;
}

/**
 * Whether some whole-number table within `box` makes every sum hold. `near` (say, the true
 * table) only orders the search: the half of a split that holds it is tried first.
 */
export function feasible(
  sums: readonly Sum[],
  box: Box,
  near?: readonly number[],
): boolean {
  const b = box.map(([lo, hi]): [number, number] => [lo, hi]);
  if (!narrow(sums, b)) return false;
  let c = -1;
  for (let i = 0; i < b.length; i++) {
    const w = b[i][1] - b[i][0];
    if (w > 0 && (c === -1 || w < b[c][1] - b[c][0])) c = i;
  }
  if (c === -1) return true;
  const mid = Math.floor((b[c][0] + b[c][1]) / 2);
  const part = (lo: number, hi: number) =>
    b.map((x, j): [number, number] => (j === c ? [lo, hi] : [x[0], x[1]]));
  const halves = [part(b[c][0], mid), part(mid + 1, b[c][1])];
  if (near && near[c] > mid) halves.reverse();
  return halves.some((h) => feasible(sums, h, near));
}

const fix = (box: Box, i: number, v: number): Box =>
  box.map((x, j) => (j === i ? [v, v] : x));

/** `box` narrowed by every sum: no value outside it fits (a start for the searches below). */
function narrowed(sums: readonly Sum[], box: Box): Box {
  const b = box.map(([lo, hi]): [number, number] => [lo, hi]);
  expect(narrow(sums, b)).toBe(true);
  return b;
}

/** Every value cell `i` can take within `box`. */
export function valuesOf(
  sums: readonly Sum[],
  box: Box,
  i: number,
  near?: readonly number[],
): number[] {
  const [lo, hi] = narrowed(sums, box)[i];
  const out: number[] = [];
  for (let v = lo; v <= hi; v++)
    if (feasible(sums, fix(box, i, v), near)) out.push(v);
  return out;
}

/** Whether cell `i` can only be `v` within `box`. */
function pinned(
  sums: readonly Sum[],
  box: Box,
  i: number,
  near: readonly number[],
) {
  const v = near[i];
  const [lo, hi] = narrowed(sums, box)[i];
  for (let u = lo; u <= hi; u++) {
    if (u !== v && feasible(sums, fix(box, i, u), near)) return false;
  }
  return true;
}

/**
 * The least and most cell `i` can be within `box`, given one value `v` it can be. The values
 * a cell of such sums can take have no gaps (whole-number flows), so halving finds each end.
 */
export function extent(
  sums: readonly Sum[],
  box: Box,
  i: number,
  near: readonly number[],
) {
  const v = near[i];
  const ok = (u: number) => feasible(sums, fix(box, i, u), near);
  expect(ok(v)).toBe(true);
  let [lo, hi] = narrowed(sums, box)[i];
  for (let top = v; lo < top;) {
    const mid = Math.floor((lo + top) / 2);
    if (ok(mid)) top = mid;
    else lo = mid + 1;
  }
  for (let bottom = v; bottom < hi;) {
    const mid = Math.ceil((bottom + hi) / 2);
    if (ok(mid)) bottom = mid;
    else hi = mid - 1;
  }
  return [lo, hi] as const;
}

/** How each cell was published: exactly, as "<N", as a range (hi null: none), or never. */
export type Shown =
  | { as: 'exact' }
  | { as: 'small' }
  | { as: 'range'; lo: number; hi: number | null }
  | { as: 'unseen' };

export interface Publication {
  threshold: number;
  sums: readonly Sum[];
  values: readonly number[];
  shown: readonly Shown[];
}

/**
 * Checks the promises and returns how many counts were hidden, and how many small counts
 * the labels alone give away ("<N", zeros and "N or more" for the rest pin them: no hiding
 * could help).
 */
export function audit(p: Publication) {
  const { threshold: n, sums, values, shown } = p;
  const cap = 2 * values.reduce((s, v) => s + v, 0) + 2 * n;
  const box = (
    hidden: (lo: number, hi: number) => [number, number],
    most = cap,
  ) =>
    shown.map((s, i): [number, number] => {
      const v = values[i];
      switch (s.as) {
        case 'exact':
          return [v, v];
        case 'small':
          return [1, n - 1];
        case 'range':
          return hidden(s.lo, s.hi ?? most);
        case 'unseen':
          // A careful reader may guess which are zero; we let them know.
          return v === 0 ? [0, 0] : [1, most];
      }
    });
  const told = box((lo, hi) => [lo, hi]);
  const untold = box(() => [n, cap]);
  // Every count not small or zero hidden: what the labels alone say.
  const labels: Box = shown.map((s, i) =>
    s.as === 'exact' && values[i] > 0 ? [n, cap] : untold[i],
  );
  expect(
    feasible(
      sums,
      values.map((v) => [v, v]),
    ),
  ).toBe(true);
  expect(feasible(sums, told)).toBe(true);

  const small = values.flatMap((v, i) =>
    v > 0 && v < n && !(n === 2 && shown[i].as === 'small') ? [i] : [],
  );
  let pinnedByLabels = 0;
  const guarded = small.filter((i) => {
    const vals = valuesOf(sums, told, i, values);
    expect(vals).toContain(values[i]);
    // The ranges shown tell nothing about it that the rest did not.
    expect(vals, `what the ranges say of cell ${i}`).toEqual(
      valuesOf(sums, untold, i, values),
    );
    if (vals.length > 1) return true;
    expect(
      valuesOf(sums, labels, i, values),
      `cell ${i} is worked out`,
    ).toHaveLength(1);
    pinnedByLabels++;
    return false;
  });

  let hidden = 0;
  shown.forEach((s, i) => {
    if (values[i] === 0)
      expect(s.as === 'exact' || s.as === 'unseen').toBe(true);
    if (s.as !== 'range') return;
    hidden++;
    expect(values[i]).toBeGreaterThanOrEqual(n);
    // Its range is its least and most over every table that fits the rest.
    const [lo, hi] = extent(sums, untold, i, values);
    expect(s.lo, `least of cell ${i}`).toBe(lo);
    if (s.hi !== null) expect(s.hi, `most of cell ${i}`).toBe(hi);
    else {
      // No most: allowed more room, it takes it.
      const roomier = box(() => [n, 2 * cap], 2 * cap);
      expect(extent(sums, roomier, i, values)[1]).toBeGreaterThan(hi);
    }
    // And it is needed: shown exactly, it would give some small count away.
    const bare = fix(untold, i, values[i]);
    expect(
      guarded.some((j) => pinned(sums, bare, j, values)),
      `cell ${i} is hidden for nothing`,
    ).toBe(true);
  });
  return { hidden, pinnedByLabels };
}
