// ByteTrack-style multi-person tracker: Kalman motion over real time, two-stage optimal matching
// (high then low scores), lost tracks re-associated near their predicted path for `maxLostMs`.
// Motion and geometry only: NO appearance, colour or re-identification features, ever (this mode
// must stay non-identifying). Pure: time is passed in. Imports only src/shared types, randomId
// from src/pipeline, and its siblings (kalman, assignment, match-cost).

import { randomId } from '../pipeline/tracker';
import type { PersonBox } from '../shared/types';
import { assign } from './assignment';
import { MAX_COST, matchCost } from './match-cost';
import {
  fromRect,
  initState,
  predictState,
  stateBox,
  toRect,
  updateState,
  type KalmanState,
} from './kalman';

export interface PersonTrackerOptions {
  /** Detections at least this confident take part in the first stage (ByteTrack track_thresh). */
  highScore: number;
  /** Weaker detections down to this only extend tracked, confirmed tracks (second stage). */
  lowScore: number;
  /** Least score of an unmatched detection to start a track (ByteTrack: track_thresh + 0.1). */
  newTrackScore: number;
  /** Consecutive matches before a track is a person (filters one-frame false detections). */
  minHits: number;
  /** A track unseen this long has ended; until then it can be found again with the same id. */
  maxLostMs: number;
  /** A tentative track not confirmed this long after its first detection is dropped. */
  maxTentativeMs: number;
  /** Least IoU of a predicted box and a high-score detection (ByteTrack: 1 − match_thresh 0.8). */
  iouGateHigh: number;
  /** Least IoU of a predicted box and a low-score detection (ByteTrack second stage). */
  iouGateLow: number;
  /**
   * When IoU fails (a fast walker, a track lost behind a pole), a high-score detection can still
   * match if its centre is within this many box heights of the track's path since last seen…
   */
  distanceGate: number;
  /** …plus this many heights per second unseen. */
  distanceGatePerSecond: number;
  /** …and its height is within this ratio of the track's. */
  maxHeightRatio: number;
  /** A lost track is predicted at constant velocity this long… */
  lostCoastMs: number;
  /** …then its velocity decays with this time constant (travel capped at v·(coast + τ)). */
  lostVelocityTauMs: number;
  /**
   * A person this tall or this wide, as a share of the frame (given with update), is near the
   * camera (an eye-level camera, a webcam; width catches a body cut off by the frame's edge).
   * Issue 15 measured partial and split person boxes there; a near person hidden longer than
   * `nearMaxLostMs` has most likely left (or the picture cut).
   */
  nearShare: { height: number; width: number };
  nearMaxLostMs: number;
  /** Random id source, injectable for tests. */
  newId: () => string;
}

export const DEFAULT_PERSON_TRACKER_OPTIONS: PersonTrackerOptions = {
  highScore: 0.4,
  lowScore: 0.1,
  newTrackScore: 0.5,
  minHits: 3,
  maxLostMs: 3000,
  maxTentativeMs: 2000,
  iouGateHigh: 0.2,
  iouGateLow: 0.5,
  distanceGate: 0.75,
  distanceGatePerSecond: 0.5,
  maxHeightRatio: 1.5,
  lostCoastMs: 1000,
  lostVelocityTauMs: 1000,
  nearShare: { height: 0.5, width: 0.2 },
  nearMaxLostMs: 1000,
  newId: randomId,
};

export interface PersonTrack {
  readonly id: string;
  /** The filtered box at lastSeen (Kalman posterior), frame pixels; score of that detection. */
  box: PersonBox;
  /** ms, time of first detection. */
  firstSeen: number;
  /** ms, time of last matched detection. */
  lastSeen: number;
  hits: number;
  confirmed: boolean;
  state: 'tracked' | 'lost';
}

/** The analysed frame's size, in the same pixels as the boxes. */
export interface FrameSize {
  width: number;
  height: number;
}

export interface PersonTrackerUpdate {
  /** Tracks matched on this update (confirmed or tentative), and new ones. */
  tracked: PersonTrack[];
  /** Confirmed tracks that ended on this update (lost longer than maxLostMs, or out of the frame). */
  ended: PersonTrack[];
}

interface Entry {
  track: PersonTrack;
  /** Kalman posterior at track.lastSeen. */
  filter: KalmanState;
}

/** Whether `box` is near the camera in a frame of this size (see nearShare). */
export function isNear(
  box: PersonBox,
  frame: FrameSize,
  share: PersonTrackerOptions['nearShare'],
): boolean {
  return (
    box.height >= share.height * frame.height ||
    box.width >= share.width * frame.width
  );
}

export class PersonTracker {
  private _entries: Entry[] = [];
  private _lastT = -Infinity;
  private readonly _options: PersonTrackerOptions;

  constructor(options: Partial<PersonTrackerOptions> = {}) {
    this._options = { ...DEFAULT_PERSON_TRACKER_OPTIONS, ...options };
    const o = this._options;
    if (!(o.lowScore <= o.highScore && o.minHits >= 1 && o.maxLostMs >= 0))
      throw new RangeError(
        'PersonTracker: need lowScore ≤ highScore, minHits ≥ 1, maxLostMs ≥ 0',
      );
  }

  get tracks(): readonly PersonTrack[] {
    return this._entries.map((e) => e.track);
  }

  /**
   * Feeds the detections of the frame taken at time t (ms, strictly increasing; a t not after the
   * last update is ignored and returns empty). With `frame` (its size in the boxes' pixels), a lost
   * track predicted out of the frame ends at once instead of after maxLostMs, so someone entering
   * where another just left is a new visit.
   */
  update(
    detections: readonly PersonBox[],
    t: number,
    frame?: FrameSize,
  ): PersonTrackerUpdate {
    if (!(t > this._lastT) || !Number.isFinite(t))
      return { tracked: [], ended: [] };
    this._lastT = t;
    const o = this._options;
    const ended = this._expire(t, frame);
    const high = detections.filter((d) => d.score >= o.highScore);
    const low = detections.filter(
      (d) => d.score >= o.lowScore && d.score < o.highScore,
    );
    const matched = new Set<Entry>();

    // Stage 1: confident detections against every track, tracked or lost.
    const all = this._entries;
    const boxes = all.map((e) => this._predicted(e, t));
    const first = assign(
      all.length,
      high.length,
      (r, c) => this._cost(all[r], boxes[r], high[c], t, o.iouGateHigh, true),
      MAX_COST,
    );
    for (const [r, c] of first.matches) this._hit(all[r], high[c], t, matched);

    // Stage 2: weak detections (partly hidden people) keep confirmed, tracked tracks alive.
    const rest = first.unmatchedRows.filter(
      (r) => all[r].track.confirmed && all[r].track.state === 'tracked',
    );
    const second = assign(
      rest.length,
      low.length,
      (r, c) => {
        const i = rest[r];
        return this._cost(all[i], boxes[i], low[c], t, o.iouGateLow, false);
      },
      MAX_COST,
    );
    for (const [r, c] of second.matches)
      this._hit(all[rest[r]], low[c], t, matched);

    // Unmatched: a tentative track is dropped at once; a confirmed one is lost (and kept).
    this._entries = this._entries.filter((e) => {
      if (matched.has(e)) return true;
      if (e.track.confirmed) e.track.state = 'lost';
      return e.track.confirmed;
    });

    const fresh = first.unmatchedCols
      .map((c) => high[c])
      .filter((d) => d.score >= o.newTrackScore)
      .map((d) => this._start(d, t));
    const tracked = this._entries.filter((e) => matched.has(e));
    this._entries.push(...fresh);
    return { tracked: [...tracked, ...fresh].map((e) => e.track), ended };
  }

  /**
   * Boxes of tracks that are 'tracked', tentative ones included (and, optionally, lost for at
   * most `includeLostMs`), predicted at time t ≥ last update, WITHOUT changing any state (for
   * frames between detections).
   */
  predict(
    t: number,
    options: { includeLostMs?: number } = {},
  ): { track: PersonTrack; box: PersonBox }[] {
    const lostMs = options.includeLostMs ?? -1;
    return this._entries
      .filter((e) => {
        const unseen = t - e.track.lastSeen;
        if (unseen > this._options.maxLostMs) return false;
        return e.track.state === 'tracked' || unseen <= lostMs;
      })
      .map((e) => ({ track: e.track, box: this._predicted(e, t) }));
  }

  /** Ends everything now; returns the confirmed tracks. */
  flush(): PersonTrack[] {
    const ended = this._entries
      .filter((e) => e.track.confirmed)
      .map((e) => e.track);
    this._entries = [];
    this._lastT = -Infinity;
    return ended;
  }

  /** Removes tracks past their time before matching: confirmed ones end, tentative ones vanish. */
  private _expire(t: number, frame?: FrameSize): PersonTrack[] {
    const o = this._options;
    const ended: PersonTrack[] = [];
    this._entries = this._entries.filter((e) => {
      const { track } = e;
      const near = frame && isNear(track.box, frame, o.nearShare);
      const maxLost = near
        ? Math.min(o.maxLostMs, o.nearMaxLostMs)
        : o.maxLostMs;
      if (t - track.lastSeen > maxLost || this._leftFrame(e, t, frame)) {
        if (track.confirmed) ended.push(track);
        return false;
      }
      return track.confirmed || t - track.firstSeen <= o.maxTentativeMs;
    });
    return ended;
  }

  /** A lost track whose predicted centre is outside the frame walked out: it is not waited for. */
  private _leftFrame(e: Entry, t: number, frame?: FrameSize): boolean {
    if (!frame || e.track.state !== 'lost') return false;
    const b = this._predicted(e, t);
    const cx = b.x + b.width / 2;
    const cy = b.y + b.height / 2;
    return cx < 0 || cy < 0 || cx > frame.width || cy > frame.height;
  }

  private _start(d: PersonBox, t: number): Entry {
    const filter = initState(fromRect(d));
    const track: PersonTrack = {
      id: this._options.newId(),
      box: { ...toRect(stateBox(filter)), score: d.score },
      firstSeen: t,
      lastSeen: t,
      hits: 1,
      confirmed: this._options.minHits <= 1,
      state: 'tracked',
    };
    return { track, filter };
  }

  private _hit(e: Entry, d: PersonBox, t: number, matched: Set<Entry>): void {
    e.filter = updateState(this._prior(e, t), fromRect(d));
    const track = e.track;
    track.box = { ...toRect(stateBox(e.filter)), score: d.score };
    track.lastSeen = t;
    track.hits++;
    track.state = 'tracked';
    if (track.hits >= this._options.minHits) track.confirmed = true;
    matched.add(e);
  }

  /**
   * The filter predicted to t: constant velocity while tracked and for the first lostCoastMs
   * lost, then with the velocity decaying (a person out of sight may have stopped or turned).
   */
  private _prior(e: Entry, t: number): KalmanState {
    const unseen = t - e.track.lastSeen;
    if (e.track.state === 'tracked') return predictState(e.filter, unseen);
    const o = this._options;
    const coast = Math.min(unseen, o.lostCoastMs);
    const coasted = predictState(e.filter, coast);
    return predictState(coasted, unseen - coast, o.lostVelocityTauMs);
  }

  private _predicted(e: Entry, t: number): PersonBox {
    const box = toRect(stateBox(this._prior(e, t)));
    return { ...box, score: e.track.box.score };
  }

  /** Cost of matching entry `e` (`predicted` at t) with detection `d`; Infinity if gated out. */
  private _cost(
    e: Entry,
    predicted: PersonBox,
    d: PersonBox,
    t: number,
    iouGate: number,
    byDistance: boolean,
  ): number {
    const [cx, cy] = e.filter.pos;
    const [vx, vy] = e.filter.vel;
    const motion = { cx, cy, vx, vy, unseenMs: t - e.track.lastSeen };
    return matchCost(predicted, d, motion, {
      ...this._options,
      iouGate,
      byDistance,
    });
  }
}
