// Optimal one-to-one assignment of tracks (rows) to detections (columns) under a cost limit, on
// the `munkres` package (MIT, no dependencies, own types, rectangular, maintained: chosen over the
// untyped munkres-js and linear-assignment-js). Imports nothing else.

import { munkres } from 'munkres';

export interface Assignment {
  /** Matched [row, column] pairs, by row. */
  matches: [number, number][];
  unmatchedRows: number[];
  unmatchedCols: number[];
}

/**
 * Matches `rows` rows to `cols` columns, `cost(r, c)` being the cost of a pair. Minimises the
 * total cost of the matched pairs plus `maxCost / 2` for every row and column left unmatched, as
 * lapjv's `cost_limit` in ByteTrack: a pair is matched only if it costs less than `maxCost`, and
 * never at the expense of a cheaper overall assignment. Costs ≥ `maxCost`, NaN or infinite are
 * forbidden (the gate).
 */
export function assign(
  rows: number,
  cols: number,
  cost: (row: number, col: number) => number,
  maxCost: number,
): Assignment {
  const allowed = (c: number) => Number.isFinite(c) && c < maxCost;
  if (rows === 0 || cols === 0)
    return {
      matches: [],
      unmatchedRows: range(rows),
      unmatchedCols: range(cols),
    };
  // Square matrix of side rows + cols: real block top-left, "leave unmatched" blocks at
  // maxCost / 2 on the right and below, zeros bottom-right (lap.lapjv's extend_cost).
  const n = rows + cols;
  const forbidden = maxCost * 2 + 1;
  const half = maxCost / 2;
  const real: number[][] = [];
  const matrix: number[][] = [];
  for (let r = 0; r < n; r++) {
    if (r < rows) real.push(Array.from({ length: cols }, (_, c) => cost(r, c)));
    const row = new Array<number>(n);
    for (let c = 0; c < n; c++) {
      if (r < rows && c < cols)
        row[c] = allowed(real[r][c]) ? real[r][c] : forbidden;
      else row[c] = r < rows || c < cols ? half : 0;
    }
    matrix.push(row);
  }
  const matches: [number, number][] = [];
  const rowDone = new Array<boolean>(rows).fill(false);
  const colDone = new Array<boolean>(cols).fill(false);
  for (const [r, c] of munkres(matrix)) {
    if (r < rows && c < cols && allowed(real[r][c])) {
      matches.push([r, c]);
      rowDone[r] = true;
      colDone[c] = true;
    }
  }
  matches.sort((a, b) => a[0] - b[0]);
  return {
    matches,
    unmatchedRows: range(rows).filter((r) => !rowDone[r]),
    unmatchedCols: range(cols).filter((c) => !colDone[c]),
  };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
