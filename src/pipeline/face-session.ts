// Per-source analysis state in the worker: tracks faces, accumulates attention, glances and
// attribute votes per track, decides which faces need the attribute models, and turns each
// ended track into one anonymous VisitSummary, forgetting the rest. Pure: time is passed in.

import type {
  AttributeSample,
  AttributeSwitches,
  FaceBox,
  FrameTime,
  TrackView,
  VisitSummary,
} from '../shared/types';
import { AttributeVote } from './attribute-vote';
import { headPose } from './head-pose';
import { Tracker, type Track, type TrackerOptions } from './tracker';

export interface SamplingOptions {
  /** Readings per attribute before a track is "settled". */
  minSamples: number;
  /** A settled track is re-read at most this often. */
  refreshMs: number;
  /** No more readings after this many. */
  maxSamples: number;
}

export const DEFAULT_SAMPLING: SamplingOptions = {
  minSamples: 5,
  refreshMs: 1000,
  maxSamples: 30,
};

/** Gaps longer than this between two sightings do not count as attention. */
const MAX_ATTENTION_STEP_MS = 500;

interface TrackState {
  vote: AttributeVote;
  firstWall: number;
  attentionMs: number;
  glances: number;
  facing: boolean;
  /** Time of the previous sighting. */
  lastT: number;
  lastSampleT: number;
}

/** A visit that ended, with the id its face track had (for joining faces to people). */
export interface EndedFace {
  id: string;
  visit: VisitSummary;
}

export class FaceSession {
  private readonly _tracker: Tracker;
  private readonly _state = new Map<string, TrackState>();
  private _lastT = -Infinity;
  private _seen: Track[] = [];

  constructor(
    tracker: Partial<TrackerOptions> = {},
    private readonly _sampling: SamplingOptions = DEFAULT_SAMPLING,
    private readonly _genderMargin = 0.15,
  ) {
    this._tracker = new Tracker(tracker);
  }

  /**
   * Feeds one frame's faces. A repeated time is ignored; a time that goes backwards (a seek,
   * a replay) ends every track first.
   */
  update(
    faces: readonly FaceBox[],
    time: FrameTime,
  ): { ended: VisitSummary[] } {
    return { ended: this.updateFaces(faces, time).map((e) => e.visit) };
  }

  /** As update(), with each ended visit's track id. */
  updateFaces(faces: readonly FaceBox[], time: FrameTime): EndedFace[] {
    if (time.t === this._lastT) return []; // the same frame again: nothing new
    const ended: EndedFace[] = time.t < this._lastT ? this.flushFaces() : [];
    this._lastT = time.t;
    const { seen, ended: gone } = this._tracker.update(faces, time.t);
    for (const track of seen) this._observe(track, time);
    ended.push(...gone.map((tr) => this._ended(tr)));
    this._seen = seen;
    return ended;
  }

  /** The visit an open face track would make if it ended now; null if it is not open. */
  peek(id: string): VisitSummary | null {
    const track = this._tracker.tracks.find((tr) => tr.id === id);
    return track ? this._visitOf(track, this._state.get(track.id)) : null;
  }

  /** Indexes (into this frame's `seen` order) of faces whose attributes should be read now. */
  needsAttributes(switches: AttributeSwitches): number[] {
    const out: number[] = [];
    this._seen.forEach((track, i) => {
      const state = this._state.get(track.id);
      if (!state) return;
      const c = state.vote.counts();
      const wanted = [
        switches.age ? c.age : Infinity,
        switches.gender ? c.gender : Infinity,
        switches.expression ? c.expression : Infinity,
      ];
      const least = Math.min(...wanted);
      if (least === Infinity || least >= this._sampling.maxSamples) return;
      if (
        least < this._sampling.minSamples ||
        track.lastSeen - state.lastSampleT >= this._sampling.refreshMs
      ) {
        out.push(i);
      }
    });
    return out;
  }

  /** Boxes of this frame's faces, in `seen` order (what needsAttributes indexes). */
  boxes(): FaceBox[] {
    return this._seen.map((t) => t.box);
  }

  /** Adds attribute readings for faces `indexes` of this frame. */
  addSamples(
    indexes: readonly number[],
    samples: readonly AttributeSample[],
  ): void {
    indexes.forEach((faceIndex, k) => {
      const track = this._seen[faceIndex];
      const state = track && this._state.get(track.id);
      const sample = samples[k];
      if (!state || !sample) return;
      // Frontal, confident faces count more than profiles and weak detections.
      const weight = track.box.score * (state.facing ? 1 : 0.35);
      state.vote.add(sample, weight);
      state.lastSampleT = track.lastSeen;
    });
  }

  /** What the page shows for this frame's faces. */
  views(): TrackView[] {
    return this._seen.map((track) => {
      const state = this._state.get(track.id);
      const vote = state?.vote.result(this._genderMargin);
      return {
        id: track.id,
        box: track.box,
        ageGroup: vote?.ageGroup ?? null,
        gender: vote?.gender ?? null,
        mood: vote?.mood ?? null,
        expression: vote?.expression ?? null,
        dwellMs: track.lastSeen - track.firstSeen,
        attentionMs: state?.attentionMs ?? 0,
        facing: state?.facing ?? false,
        personId: null, // the people session joins faces to people
        match: null, // authorised matching (issue 18) labels it in the worker, when on
      };
    });
  }

  /** Ends every track (the source stopped); returns their visits. */
  flush(): VisitSummary[] {
    return this.flushFaces().map((e) => e.visit);
  }

  /** As flush(), with each visit's track id. */
  flushFaces(): EndedFace[] {
    const ended = this._tracker.flush().map((tr) => this._ended(tr));
    this._state.clear();
    this._seen = [];
    this._lastT = -Infinity;
    return ended;
  }

  private _observe(track: Track, time: FrameTime): void {
    let state = this._state.get(track.id);
    const pose = headPose(track.box.keypoints);
    const facing = pose?.facing ?? false;
    if (!state) {
      state = {
        vote: new AttributeVote(),
        firstWall: time.wall,
        attentionMs: 0,
        glances: facing ? 1 : 0,
        facing,
        lastT: time.t,
        lastSampleT: -Infinity,
      };
      this._state.set(track.id, state);
      return;
    }
    if (facing && state.facing) {
      state.attentionMs += Math.min(
        time.t - state.lastT,
        MAX_ATTENTION_STEP_MS,
      );
    }
    if (facing && !state.facing) state.glances++;
    state.facing = facing;
    state.lastT = time.t;
  }

  private _ended(track: Track): EndedFace {
    const state = this._state.get(track.id);
    this._state.delete(track.id);
    return { id: track.id, visit: this._visitOf(track, state) };
  }

  private _visitOf(track: Track, state: TrackState | undefined): VisitSummary {
    const dwellMs = track.lastSeen - track.firstSeen;
    const vote = state?.vote.result(this._genderMargin);
    return {
      startedAt: state?.firstWall ?? 0,
      dwellMs,
      attentionMs: Math.min(state?.attentionMs ?? 0, dwellMs),
      glances: state?.glances ?? 0,
      watcher: (state?.glances ?? 0) > 0,
      ageGroup: vote?.ageGroup ?? null,
      gender: vote?.gender ?? null,
      mood: vote?.mood ?? null,
      expression: vote?.expression ?? null,
    };
  }
}
