// One rule's alert over time (issue 17): it starts the moment its condition holds, follows the
// condition's peak while it holds, and ends once the condition has not held for `endGraceMs`.
// It starts again only after it ended, so a flickering condition raises one alert, not many.
// Pure: time is passed in.

export const DEFAULT_END_GRACE_MS = 2000;

export type LatchEvent =
  { kind: 'start'; value: number } | { kind: 'end'; peak: number };

export class RuleLatch {
  private _active = false;
  private _peak = 0;
  private _lastTrueT = -Infinity;

  constructor(private readonly _endGraceMs = DEFAULT_END_GRACE_MS) {}

  /** Feeds the condition at time `t` (value: how many people or objects make it hold). */
  update(holds: boolean, value: number, t: number): LatchEvent | null {
    if (holds) {
      this._lastTrueT = t;
      if (!this._active) {
        this._active = true;
        this._peak = value;
        return { kind: 'start', value };
      }
      this._peak = Math.max(this._peak, value);
      return null;
    }
    if (this._active && t - this._lastTrueT >= this._endGraceMs) {
      return this.end();
    }
    return null;
  }

  /** Ends an active alert now (the source stopped); null when none was active. */
  end(): LatchEvent | null {
    if (!this._active) return null;
    this._active = false;
    this._lastTrueT = -Infinity;
    return { kind: 'end', peak: this._peak };
  }

  get active(): boolean {
    return this._active;
  }

  get peak(): number {
    return this._peak;
  }
}
