// Counts people crossing one directed line (issue 17). Each person is followed by a reference
// point (the feet); a crossing counts when the point moves from one side, clear of a band
// around the line, to the other side, clear of the band, through the line's length. Standing
// on the line, or jittering within the band, counts nothing. Pure: time is passed in; what it
// keeps per person (a side and a point) is dropped when the person is gone.

import { crossingAlong, signedDistance, type NPoint } from './geometry';
import type { Direction } from '../shared/alert-keys';

export interface LineCounterOptions {
  /** Half-width of the band around the line where the side is not decided (normalised units). */
  band: number;
  /** How far beyond either end a path may cross and still count (fraction of the length). */
  endSlack: number;
  /** A person not seen for this long is forgotten (ms). */
  forgetMs: number;
}

export const DEFAULT_LINE_OPTIONS: LineCounterOptions = {
  band: 0.015,
  endSlack: 0.05,
  forgetMs: 2000,
};

interface Side {
  /** +1: the arrow's side; −1: the other. */
  side: 1 | -1;
  /** Where the person last was clear of the band. */
  at: NPoint;
  seenT: number;
}

export class LineCounter {
  private readonly _sides = new Map<string, Side>();
  private readonly _options: LineCounterOptions;

  constructor(
    private readonly _a: NPoint,
    private readonly _b: NPoint,
    options: Partial<LineCounterOptions> = {},
  ) {
    this._options = { ...DEFAULT_LINE_OPTIONS, ...options };
  }

  /** Feeds where each person is at time `t`; returns the crossings they made since. */
  update(points: ReadonlyMap<string, NPoint>, t: number): Direction[] {
    const { band, endSlack, forgetMs } = this._options;
    const crossed: Direction[] = [];
    for (const [id, p] of points) {
      const d = signedDistance(p, this._a, this._b);
      const prev = this._sides.get(id);
      if (Math.abs(d) <= band) {
        if (prev) prev.seenT = t; // on the line: undecided, still seen
        continue;
      }
      const side: 1 | -1 = d > 0 ? 1 : -1;
      if (prev && prev.side !== side) {
        const along = crossingAlong(prev.at, p, this._a, this._b);
        if (along !== null && along >= -endSlack && along <= 1 + endSlack)
          crossed.push(side === 1 ? 'in' : 'out');
      }
      this._sides.set(id, { side, at: p, seenT: t });
    }
    for (const [id, s] of this._sides) {
      if (!points.has(id) && t - s.seenT > forgetMs) this._sides.delete(id);
    }
    return crossed;
  }

  /** People it is following now (for tests: nothing outlives its person). */
  get following(): number {
    return this._sides.size;
  }

  reset(): void {
    this._sides.clear();
  }
}
