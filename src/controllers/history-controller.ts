// Reads the stored buckets a history range needs and turns them into chart series, again
// whenever the counts change while the history is on screen. Main thread only.

import type { ReactiveControllerHost } from 'lit';
import {
  buildHistory,
  rangeQuery,
  type HistoryData,
  type HistoryRange,
} from '../shared/history-series';
import {
  buildSiteHistory,
  type SiteHistory,
} from '../shared/history-site-series';
import type { StorageController } from './storage-controller';

/** Not a lifecycle controller: it holds no resources, and the host calls update() as it renders. */
export class HistoryController {
  range: HistoryRange = 'today';
  data: HistoryData | null = null;
  /** Zones, lines and alerts over the same range and buckets. */
  site: SiteHistory | null = null;
  error: string | null = null;
  private _shown = '';
  private _token = 0;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _storage: StorageController,
    private readonly _now: () => number = () => Date.now(),
  ) {}

  /**
   * Re-reads when the range, threshold or stored counts changed since the last read, or a
   * minute has passed (the window moves). Cheap to call on every render.
   */
  update(threshold: number): void {
    const now = this._now();
    const key = `${this.range}|${threshold}|${this._storage.revision}|${Math.floor(now / 60_000)}`;
    if (key === this._shown) return;
    this._shown = key;
    void this._read(threshold, now);
  }

  setRange(range: HistoryRange, threshold: number): void {
    this.range = range;
    this.update(threshold);
  }

  private async _read(threshold: number, now: number): Promise<void> {
    const token = ++this._token;
    const range = this.range;
    try {
      const q = rangeQuery(range, now);
      const buckets = await this._storage.buckets(q.granularity, q.from, q.to);
      if (token !== this._token) return;
      this.data = buildHistory(buckets, range, now, threshold);
      this.site = buildSiteHistory(buckets, range, now, threshold);
      this.error = null;
    } catch (err) {
      if (token !== this._token) return;
      this.error = err instanceof Error ? err.message : String(err);
    }
    this._host.requestUpdate();
  }
}
