// Small-count suppression over sums (src/shared/history-suppression.ts), checked against a
// reader who knows everything shown and solves every sum at once: a brute-force search over
// all whole-number tables that fit what is shown. Proves, on hand-made and random tables,
// that no count from 1 to N − 1 can be worked out, that each hidden count's range is exactly
// what the other figures allow (so showing it tells nothing more), and that nothing is hidden
// that needs no hiding.

import { describe, expect, it } from 'vitest';
import { Ledger, type CellState } from '../../src/shared/history-suppression';
import { audit as auditPublication, type Sum } from '../support/reader';

/** A ledger and the sums it was given, kept apart so the reader stays independent of it. */
class Table {
  readonly l = new Ledger();
  readonly sums: Sum[] = [];
  cell(v: number, opts?: Parameters<Ledger['cell']>[1]) {
    return this.l.cell(v, opts);
  }
  balance(ins: number[], outs: number[]) {
    this.sums.push({ ins, outs });
    this.l.balance(ins, outs);
  }
  group(total: number, members: number[]) {
    this.balance([total], members);
  }
}

const seen = { hidden: 0, pinnedByLabels: 0 };

/** Protects `t` at `n`, holds what it shows to the reader's promises, returns the states. */
function audit(t: Table, n: number): CellState[] {
  const p = t.l.protect(n);
  const found = auditPublication({
    threshold: n,
    sums: t.sums,
    values: t.l.values,
    shown: p.state.map((s, i) => {
      if (t.l.unseen[i]) return { as: 'unseen' };
      if (s === 'small') return { as: 'small' };
      if (s === 'shown') return { as: 'exact' };
      const [lo, hi] = p.range(i);
      return { as: 'range', lo, hi: hi === Infinity ? null : hi };
    }),
  });
  seen.hidden += found.hidden;
  seen.pinnedByLabels += found.pinnedByLabels;
  return p.state;
}

/** total = Σ members, one level: a chart's bars and its total. */
function oneSum(total: number | null, members: number[]) {
  const t = new Table();
  const cells = members.map((v) => t.cell(v));
  const sum = t.cell(total ?? members.reduce((s, v) => s + v, 0), {
    keep: 'headline',
  });
  t.group(sum, cells);
  return { t, cells, sum };
}

describe('the ledger', () => {
  it("shows the issue's chart: female 14, male 0, unknown 1 of 15 → female 11–14", () => {
    const { t, cells, sum } = oneSum(15, [14, 0, 1]);
    const state = audit(t, 5);
    expect(state.slice(0, 3)).toEqual(['hidden', 'shown', 'small']);
    expect(state[sum]).toBe('shown');
    const p = t.l.protect(5);
    expect(p.range(cells[0])).toEqual([11, 14]);
  });

  it('hides the smaller of two bars where either will do, keeping the largest shown', () => {
    const { t } = oneSum(15, [7, 6, 2]);
    expect(audit(t, 5)).toEqual(['shown', 'hidden', 'small', 'shown']);
    expect(t.l.protect(5).range(1)).toEqual([5, 7]);
  });

  it('hides the larger when the smaller is N exactly: N or more would pin the small one', () => {
    // Hiding the 5 says "5 or more", and 12 − 6 − 5 leaves exactly 1.
    const { t } = oneSum(12, [6, 5, 1]);
    expect(audit(t, 5)).toEqual(['hidden', 'shown', 'small', 'shown']);
    expect(t.l.protect(5).range(0)).toEqual([5, 6]);
  });

  it('hides the total when nothing else can hide a count: 6 = 5 + 1', () => {
    // Shown "6, suppressed, <5" says the small one is 1: 6 − 5, as a hidden count is ≥ 5.
    const { t, sum } = oneSum(6, [5, 1, 0]);
    expect(audit(t, 5)).toEqual(['shown', 'small', 'shown', 'hidden']);
    expect(t.l.protect(5).range(sum)).toEqual([6, 9]);
  });

  it('hides nothing when nothing small can be worked out', () => {
    expect(audit(oneSum(15, [15, 0, 0]).t, 5)).toEqual(Array(4).fill('shown'));
    // Two "<5" in a shown total of 6: 1 + 5? no, each is below 5, so 2–4 each; neither is pinned.
    const two = oneSum(6, [3, 3, 0]).t;
    expect(audit(two, 5)).toEqual(['small', 'small', 'shown', 'shown']);
    // All small: the total is "<5" too.
    expect(audit(oneSum(4, [1, 3]).t, 5)).toEqual(['small', 'small', 'small']);
  });

  it('with threshold 2, "<2" already says 1: it hides nothing more', () => {
    expect(audit(oneSum(9, [8, 1, 0]).t, 2)).toEqual([
      'shown',
      'small',
      'shown',
      'shown',
    ]);
  });

  it('threshold 1 shows everything', () => {
    expect(audit(oneSum(3, [2, 1]).t, 1)).toEqual(['shown', 'shown', 'shown']);
  });

  it('protects a cell that is never shown: 12 passers-by, 11 watchers', () => {
    const t = new Table();
    const pb = t.cell(12, { keep: 'headline' });
    const watchers = t.cell(11);
    const away = t.cell(1, { unseen: true });
    t.group(pb, [watchers, away]);
    // (The state of a cell never shown is only whether it is small.)
    expect(audit(t, 5)).toEqual(['shown', 'hidden', 'small']);
  });

  it('closes a leak that no single sum shows: two cycles joined by one cell', () => {
    // Rows and columns 1–4 hold counts below 5 in two 2 × 2 blocks joined by the 3; every row
    // and column with one holds two or more, so none is the last unknown of its sum. Yet rows
    // 1 + 2 minus columns 1 + 2 leave exactly the 3.
    const rows = [
      [1, 2, 0, 0, 10],
      [2, 1, 3, 0, 10],
      [0, 0, 1, 2, 10],
      [0, 0, 2, 1, 10],
      [10, 10, 10, 10, 10],
    ];
    const t = new Table();
    const x = rows.map((r) => r.map((v) => t.cell(v)));
    const colTotals = rows[0].map((_, j) =>
      t.cell(
        rows.reduce((s, r) => s + r[j], 0),
        { keep: 'total' },
      ),
    );
    const rowTotals = rows.map((r) =>
      t.cell(
        r.reduce((s, v) => s + v, 0),
        { keep: 'total' },
      ),
    );
    const grand = t.cell(
      rows.flat().reduce((s, v) => s + v, 0),
      { keep: 'headline' },
    );
    t.group(grand, colTotals);
    colTotals.forEach((c, j) =>
      t.group(
        c,
        x.map((r) => r[j]),
      ),
    );
    x.forEach((r, i) => t.balance(r, [rowTotals[i]]));
    const state = audit(t, 5);
    // Two 10s of the last row are hidden, opening a cycle through the 3 (columns 1 and 3).
    expect(state.flatMap((s, i) => (s === 'hidden' ? [i] : []))).toEqual([
      x[4][0],
      x[4][2],
    ]);
    expect(state[grand]).toBe('shown');
  });

  it('refuses a cell in two sums the same way (it would not be a circulation)', () => {
    const l = new Ledger();
    const [a, b, c] = [l.cell(1), l.cell(2), l.cell(3)];
    l.group(c, [a, b]);
    expect(() => l.group(c, [a, b])).toThrow(/two sums/);
  });
});

describe('random tables, against the brute-force reader', () => {
  // mulberry32: a seeded generator whose low bits are as random as its high ones.
  let seed = 11;
  const rand = (k: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((((r ^ (r >>> 14)) >>> 0) / 2 ** 32) * k) | 0;
  };
  /** A small value, mostly 0 or under the threshold, sometimes at or just above it. */
  const value = (n: number) =>
    [0, 0, 1, 2, n - 1, n, n + 1, 2 * n][rand(8)] ?? 0;

  it('slots × moods with totals, and a split of the total: nothing small worked out, ranges tell nothing new, nothing hidden for nothing', () => {
    const hid = { some: 0, total: 0 };
    const before = seen.pinnedByLabels;
    for (let trial = 0; trial < 150; trial++) {
      const n = [3, 4, 5][rand(3)];
      const rows = 1 + rand(3);
      const cols = 1 + rand(3);
      const t = new Table();
      const grid = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => value(n)),
      );
      const x = grid.map((r) => r.map((v) => t.cell(v)));
      const rowTotals = grid.map((r) =>
        t.cell(
          r.reduce((s, v) => s + v, 0),
          { unseen: rand(4) === 0 },
        ),
      );
      const colSums = grid[0].map((_, j) => grid.reduce((s, r) => s + r[j], 0));
      const colTotals = colSums.map((v) => t.cell(v, { keep: 'total' }));
      const all = colSums.reduce((s, v) => s + v, 0);
      const grand = t.cell(all, { keep: 'headline' });
      t.group(grand, colTotals);
      colTotals.forEach((c, j) =>
        t.group(
          c,
          x.map((r) => r[j]),
        ),
      );
      x.forEach((r, i) => t.balance(r, [rowTotals[i]]));
      // The same people split another way (genders): into two bars and the rest.
      const a = rand(all + 1);
      const b = rand(all - a + 1);
      t.balance(
        rowTotals,
        [a, b, all - a - b].map((v) => t.cell(v)),
      );
      const state = audit(t, n);
      if (state.includes('hidden')) hid.some++;
      if (state[grand] === 'hidden') hid.total++;
    }
    // The cases cover hiding, and hiding a total.
    expect(hid.some).toBeGreaterThan(30);
    expect(hid.total).toBeGreaterThan(0);
    // And counts that only the labels give away (checked above: hiding everything would not help).
    expect(seen.pinnedByLabels).toBeGreaterThan(before);
  });

  it('shows every count that reveals nothing: with no count below N, nothing is hidden', () => {
    for (let trial = 0; trial < 50; trial++) {
      const n = 5;
      const members = Array.from({ length: 1 + rand(4) }, () =>
        rand(2) ? 0 : n + rand(10),
      );
      const { t } = oneSum(null, members);
      expect(t.l.protect(n).state.every((s) => s === 'shown')).toBe(true);
    }
  });
});
