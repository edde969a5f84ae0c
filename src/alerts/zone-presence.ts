// Who is inside one zone (issue 17): people whose reference point is in the polygon, each with
// the time they entered. A person seen outside counts out at once; a person missed for a frame
// or two (not seen at all) still counts where they were last seen. Their entry time is kept
// until they have been out (or unseen) for `exitGraceMs`, so a point jittering over the edge
// does not restart a loitering clock. Pure: time is passed in; a person's entry time is
// dropped when they leave.

import { pointInPolygon, type NPoint } from './geometry';

export const DEFAULT_EXIT_GRACE_MS = 1000;

interface Inside {
  enteredT: number;
  lastInT: number;
  /** Last seen inside (false: last seen outside, within the grace). */
  inNow: boolean;
}

export class ZonePresence {
  private readonly _inside = new Map<string, Inside>();

  constructor(
    private readonly _polygon: readonly NPoint[],
    private readonly _exitGraceMs = DEFAULT_EXIT_GRACE_MS,
  ) {}

  /** Feeds where each person is at time `t`. */
  update(points: ReadonlyMap<string, NPoint>, t: number): void {
    for (const [id, p] of points) {
      const was = this._inside.get(id);
      if (pointInPolygon(p, this._polygon)) {
        this._inside.set(id, {
          enteredT: was?.enteredT ?? t,
          lastInT: t,
          inNow: true,
        });
      } else if (was) {
        was.inNow = false;
      }
    }
    for (const [id, s] of this._inside) {
      if (t - s.lastInT > this._exitGraceMs) this._inside.delete(id);
    }
  }

  /** People in the zone now. */
  get count(): number {
    let n = 0;
    for (const s of this._inside.values()) if (s.inNow) n++;
    return n;
  }

  /** The longest any person in the zone has been there at `t`, ms (0 when empty). */
  longestStayMs(t: number): number {
    let most = 0;
    for (const s of this._inside.values())
      if (s.inNow) most = Math.max(most, t - s.enteredT);
    return most;
  }

  /** People who have been in the zone at least `ms` at `t`. */
  stayingAtLeast(ms: number, t: number): number {
    let n = 0;
    for (const s of this._inside.values())
      if (s.inNow && t - s.enteredT >= ms) n++;
    return n;
  }

  reset(): void {
    this._inside.clear();
  }
}
