// Records every request of this session from the page's Resource Timing timeline (navigation,
// resources, and a buffered observer so nothing is dropped) plus the worker's own entries.
// Imports src/shared only; the worker's log is passed in by the caller.

import type {
  NetworkRecord,
  Realm,
  ResourceEntry,
} from '../shared/inspector-types';
import type { SwDescription } from '../shared/sw-messages';
import {
  buildNetworkRecord,
  toResourceEntries,
} from '../shared/network-classify';

/** Resource Timing keeps 250 entries by default; the observer also sees later ones. */
const BUFFER_SIZE = 10_000;

export const NETWORK_RECORD_LIMITS =
  'Resource Timing lists the requests of this page, its analysis worker and the people ' +
  'worker that one starts. It does not ' +
  'list requests of the service worker, of browser extensions, or (in some browsers) ones ' +
  'that failed before a response; the browser’s network panel shows those.';

export class NetworkRecorder {
  private _observed: ResourceEntry[] = [];
  // Kept across snapshots: a restarted worker starts a fresh timeline.
  private _worker: ResourceEntry[] = [];
  private _workerIds = new Set<string>();
  private _observer: PerformanceObserver | null = null;
  private _notes: string[] = [];

  /** Starts observing; call as early as possible. Safe to call twice. */
  start(): void {
    if (this._observer || typeof performance === 'undefined') return;
    try {
      performance.setResourceTimingBufferSize(BUFFER_SIZE);
    } catch {
      // Not supported: the observer below still sees every entry.
    }
    if (typeof PerformanceObserver === 'undefined') {
      this._notes.push('PerformanceObserver is not available here.');
      return;
    }
    try {
      this._observer = new PerformanceObserver((list) => {
        this._observed.push(...toResourceEntries(list.getEntries()));
      });
      // buffered: entries from before start() arrive in the first callback.
      this._observer.observe({ type: 'resource', buffered: true });
    } catch (err) {
      this._observer = null;
      this._notes.push(`Could not observe requests: ${String(err)}`);
    }
  }

  stop(): void {
    this._observer?.disconnect();
    this._observer = null;
  }

  /**
   * The record so far. `worker` is the worker's resourceLog(): null when no worker runs,
   * undefined when it could not be asked.
   */
  snapshot(
    worker: ResourceEntry[] | null | undefined,
    sw?: SwDescription['served'],
  ): NetworkRecord {
    const notes = [...this._notes];
    if (sw) {
      // The service worker sees the requests of every page and worker it controls.
      notes.push(
        `Since the service worker last started (the browser stops idle ones), it answered ${sw.fromCache} requests from the offline copy, passed ${sw.fromNetwork} to this server and saw ${sw.offOrigin} for other origins.`,
      );
    }
    const page: ResourceEntry[] = [];
    if (typeof performance !== 'undefined') {
      // takeRecords: entries the observer has queued but not yet delivered.
      const queued = this._observer?.takeRecords() ?? [];
      this._observed.push(...toResourceEntries(queued));
      page.push(
        ...toResourceEntries(performance.getEntriesByType('navigation')),
        ...toResourceEntries(performance.getEntriesByType('resource')),
        ...this._observed,
      );
    } else notes.push('The Performance API is not available here.');
    if (worker === null) notes.push('No analysis worker is running.');
    if (worker === undefined) {
      notes.push('The analysis worker could not be asked for its requests.');
    }
    for (const e of worker ?? []) {
      const id = `${e.startTime} ${e.initiatorType} ${e.name}`;
      if (this._workerIds.has(id)) continue;
      this._workerIds.add(id);
      this._worker.push(e);
    }
    const tag = (realm: Realm) => (entry: ResourceEntry) => ({ realm, entry });
    const record = buildNetworkRecord(
      [...page.map(tag('page')), ...this._worker.map(tag('worker'))],
      location.origin,
      notes,
    );
    // A foreign request the service worker saw counts even if no realm's timeline has it.
    if (sw && sw.offOrigin > record.counts.offOrigin) {
      record.counts.offOrigin = sw.offOrigin;
    }
    return record;
  }
}
