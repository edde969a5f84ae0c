// Gated optimal assignment for the person tracker: optimal where greedy is not, rectangular,
// gates, empty sides, and lapjv's cost_limit trade-off between one good and two fair matches.

import { describe, expect, it } from 'vitest';
import { assign } from '../../src/people/assignment';

const fromMatrix = (m: number[][], maxCost = 1) =>
  assign(m.length, m[0]?.length ?? 0, (r, c) => m[r][c], maxCost);

describe('assign', () => {
  it('finds the optimal assignment where greedy picking of the cheapest pair would not', () => {
    // Greedy takes (0,0) at 0.1 and is left with (1,1) at 0.9; optimal is 0.2 + 0.15.
    expect(
      fromMatrix([
        [0.1, 0.2],
        [0.15, 0.9],
      ]).matches,
    ).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('handles more rows than columns and more columns than rows', () => {
    const tall = fromMatrix([
      [0.5, 0.9],
      [0.1, 0.8],
      [0.7, 0.2],
    ]);
    expect(tall.matches).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(tall.unmatchedRows).toEqual([0]);
    expect(tall.unmatchedCols).toEqual([]);
    const wide = fromMatrix([
      [0.9, 0.3, 0.1],
      [0.2, 0.4, 0.3],
    ]);
    expect(wide.matches).toEqual([
      [0, 2],
      [1, 0],
    ]);
    expect(wide.unmatchedCols).toEqual([1]);
  });

  it('never matches a pair at or above maxCost, infinite or NaN (the gate)', () => {
    const a = fromMatrix([
      [Infinity, 1],
      [Number.NaN, 0.3],
    ]);
    expect(a.matches).toEqual([[1, 1]]);
    expect(a.unmatchedRows).toEqual([0]);
    expect(a.unmatchedCols).toEqual([0]);
    expect(fromMatrix([[5, 7]], 10).matches).toEqual([[0, 0]]);
    expect(fromMatrix([[5, 7]], 5).matches).toEqual([]);
  });

  it('weighs one good match against two fair ones as lapjv with cost_limit does', () => {
    // Total of (maxCost − cost) over matches is maximised: 0.95 alone < 0.5 + 0.5 …
    expect(
      fromMatrix([
        [0.05, 0.5],
        [0.5, Infinity],
      ]).matches,
    ).toEqual([
      [0, 1],
      [1, 0],
    ]);
    // … but 0.9 alone > 0.4 + 0.4.
    expect(
      fromMatrix([
        [0.1, 0.6],
        [0.6, Infinity],
      ]).matches,
    ).toEqual([[0, 0]]);
  });

  it('returns every index unmatched when either side is empty', () => {
    expect(assign(0, 3, () => 0, 1)).toEqual({
      matches: [],
      unmatchedRows: [],
      unmatchedCols: [0, 1, 2],
    });
    expect(assign(2, 0, () => 0, 1)).toEqual({
      matches: [],
      unmatchedRows: [0, 1],
      unmatchedCols: [],
    });
  });
});
