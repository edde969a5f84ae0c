// Rolling frames-per-second and latency over a time window. Pure: time is passed in.

export class RateMeter {
  private _stamps: number[] = [];
  private _latencies: number[] = [];

  constructor(private readonly _windowMs = 2000) {}

  /** Records one completed frame at time `now` (ms) that took `latencyMs`. */
  add(now: number, latencyMs: number): void {
    this._stamps.push(now);
    this._latencies.push(latencyMs);
    this._trim(now);
  }

  /** Frames per second over the window ending at `now`. */
  fps(now: number): number {
    this._trim(now);
    const n = this._stamps.length;
    if (n < 2) return 0;
    const span = now - this._stamps[0];
    return span > 0 ? ((n - 1) * 1000) / span : 0;
  }

  /** Median latency in the window, or 0 when empty. */
  medianLatency(): number {
    if (this._latencies.length === 0) return 0;
    const sorted = [...this._latencies].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2
      ? sorted[mid]
      : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  reset(): void {
    this._stamps = [];
    this._latencies = [];
  }

  private _trim(now: number): void {
    while (this._stamps.length > 0 && now - this._stamps[0] > this._windowMs) {
      this._stamps.shift();
      this._latencies.shift();
    }
  }
}
