// SORT-style anonymous tracker: constant-velocity prediction, IoU matching (with a centre-
// distance fallback for fast moves), tentative tracks confirmed after a few hits, and tracks
// ended after `maxMissMs` unseen. Ids are short random strings. Pure: time is passed in.

import { iou } from '../shared/geometry';
import type { FaceBox } from '../shared/types';

export interface TrackerOptions {
  /** A track unseen this long has ended (survives brief occlusions and missed frames). */
  maxMissMs: number;
  /** Hits needed before a track counts as a person (filters one-frame false positives). */
  minHits: number;
  /** Least IoU between a predicted box and a detection for them to match. */
  minIou: number;
  /** Random id source, injectable for tests. */
  newId: () => string;
}

export interface Track {
  readonly id: string;
  box: FaceBox;
  firstSeen: number;
  lastSeen: number;
  hits: number;
  /** Centre velocity, px per ms. */
  vx: number;
  vy: number;
  confirmed: boolean;
}

export interface TrackerUpdate {
  /** Tracks matched or started on this frame (confirmed or not). */
  seen: Track[];
  /** Confirmed tracks that ended (unseen for longer than maxMissMs). */
  ended: Track[];
}

export function randomId(): string {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const DEFAULT_TRACKER_OPTIONS: TrackerOptions = {
  maxMissMs: 1000,
  minHits: 3,
  minIou: 0.2,
  newId: randomId,
};

export { iou };

/** Similarity in 0..1 of a predicted box and a detection; 0 means "cannot be the same face". */
function affinity(predicted: FaceBox, det: FaceBox, minIou: number): number {
  const overlap = iou(predicted, det);
  if (overlap >= minIou) return overlap;
  // Fast movers: near in centre (within half a face) and of similar size.
  const size = Math.max(predicted.width, predicted.height);
  const ratio = det.width / predicted.width;
  const dist = Math.hypot(
    predicted.x + predicted.width / 2 - (det.x + det.width / 2),
    predicted.y + predicted.height / 2 - (det.y + det.height / 2),
  );
  if (dist < size * 0.5 && ratio > 0.7 && ratio < 1.4)
    return minIou * 0.5 * (1 - dist / (size * 0.5));
  return 0;
}

export class Tracker {
  private _tracks: Track[] = [];
  private readonly _options: TrackerOptions;

  constructor(options: Partial<TrackerOptions> = {}) {
    this._options = { ...DEFAULT_TRACKER_OPTIONS, ...options };
  }

  get tracks(): readonly Track[] {
    return this._tracks;
  }

  /** Matches `detections` seen at time `t` (ms) to tracks. */
  update(detections: readonly FaceBox[], t: number): TrackerUpdate {
    const predicted = this._tracks.map((tr) => predict(tr, t));
    const pairs: { ti: number; di: number; score: number }[] = [];
    predicted.forEach((p, ti) =>
      detections.forEach((d, di) => {
        const score = affinity(p, d, this._options.minIou);
        if (score > 0) pairs.push({ ti, di, score });
      }),
    );
    // Greedy assignment by affinity: optimal enough for the handful of faces in a frame.
    pairs.sort((a, b) => b.score - a.score);
    const usedT = new Set<number>();
    const usedD = new Set<number>();
    const seen: Track[] = [];
    for (const { ti, di } of pairs) {
      if (usedT.has(ti) || usedD.has(di)) continue;
      usedT.add(ti);
      usedD.add(di);
      seen.push(this._hit(this._tracks[ti], detections[di], t));
    }
    detections.forEach((d, di) => {
      if (usedD.has(di)) return;
      const track: Track = {
        id: this._options.newId(),
        box: d,
        firstSeen: t,
        lastSeen: t,
        hits: 1,
        vx: 0,
        vy: 0,
        confirmed: this._options.minHits <= 1,
      };
      this._tracks.push(track);
      seen.push(track);
    });
    const ended = this._expire(t);
    return { seen, ended };
  }

  /** Ends every track now (source stopped or time jumped back); returns the confirmed ones. */
  flush(): Track[] {
    const ended = this._tracks.filter((tr) => tr.confirmed);
    this._tracks = [];
    return ended;
  }

  private _hit(track: Track, det: FaceBox, t: number): Track {
    const dt = t - track.lastSeen;
    if (dt > 0) {
      const cx = det.x + det.width / 2 - (track.box.x + track.box.width / 2);
      const cy = det.y + det.height / 2 - (track.box.y + track.box.height / 2);
      // Smoothed velocity: follows steady motion, shrugs off jitter.
      track.vx = 0.5 * track.vx + 0.5 * (cx / dt);
      track.vy = 0.5 * track.vy + 0.5 * (cy / dt);
    }
    track.box = det;
    track.lastSeen = t;
    track.hits++;
    if (track.hits >= this._options.minHits) track.confirmed = true;
    return track;
  }

  private _expire(t: number): Track[] {
    const ended: Track[] = [];
    this._tracks = this._tracks.filter((tr) => {
      if (t - tr.lastSeen <= this._options.maxMissMs) return true;
      if (tr.confirmed) ended.push(tr);
      return false;
    });
    return ended;
  }
}

function predict(track: Track, t: number): FaceBox {
  const dt = Math.min(t - track.lastSeen, 500);
  return {
    ...track.box,
    x: track.box.x + track.vx * dt,
    y: track.box.y + track.vy * dt,
  };
}
