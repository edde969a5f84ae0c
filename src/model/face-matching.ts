// The worker's side of authorised matching (issue 18), alive only while the operator has it
// on: which face tracks are due for a descriptor, describing them, voting through the
// matcher, and forgetting a track when the tracker ends it. A descriptor is compared and
// dropped at once; nothing here outlives the tracks, and nothing is stored.

import type { Tensor3D } from '@tensorflow/tfjs-core';
import { Matcher, type Match } from '../matching/matcher';
import { DEFAULT_TRACKER_OPTIONS } from '../pipeline/tracker';
import type { FaceBox, MatchingConfig, TrackView } from '../shared/types';
import {
  FACE_DESCRIPTOR_LENGTH,
  MATCH_INTERVAL_MS,
  MATCH_RECHECK_MS,
  MATCH_MIN_FACE_PX,
} from './constants';
import type { FaceRecognizer } from './tfjs/face-recognizer';

export interface FaceMatchingOptions {
  /** An unmatched track is described at most this often (frame time, ms). */
  intervalMs: number;
  /** Faces narrower or shorter than this (px) are not described. */
  minFacePx: number;
  /** A track unseen this long has ended: the face tracker's own miss window. */
  maxMissMs: number;
  /** A labelled track is described again this often, to check it is still that person. */
  recheckMs: number;
}

export const DEFAULT_FACE_MATCHING: FaceMatchingOptions = {
  intervalMs: MATCH_INTERVAL_MS,
  minFacePx: MATCH_MIN_FACE_PX,
  maxMissMs: DEFAULT_TRACKER_OPTIONS.maxMissMs,
  recheckMs: MATCH_RECHECK_MS,
};

interface TrackTimes {
  lastSeen: number;
  lastDescribed: number;
  /** The profile already counted as seen for this track, if any (counted once per track). */
  reported: string | null;
  /**
   * The match a previous gallery made, shown until this gallery's matcher decides (so a
   * new enrolment does not blank the labels on screen); only if the profile is still there.
   */
  carried: Match | null;
}

/** Throws unless `config` is a gallery of named profiles with 128-D descriptors. */
export function checkMatchingConfig(config: MatchingConfig): void {
  if (!(config.threshold > 0 && config.threshold < 2))
    throw new Error(
      'The match threshold must be a cosine distance within 0..2.',
    );
  for (const p of config.gallery) {
    if (typeof p.id !== 'string' || typeof p.label !== 'string')
      throw new Error('Every enrolled profile needs an id and a label.');
    if (
      !p.descriptors.every(
        (d) => d instanceof Float32Array && d.length === FACE_DESCRIPTOR_LENGTH,
      )
    )
      throw new Error(
        `Profile ${p.id}: every descriptor must be ${FACE_DESCRIPTOR_LENGTH} floats.`,
      );
  }
}

/** The one face to enrol among `faces`; throws, saying what to change, unless there is exactly one. */
export function enrolFace(faces: readonly FaceBox[]): FaceBox {
  const usable = faces.filter(
    (f) => Math.min(f.width, f.height) >= MATCH_MIN_FACE_PX,
  );
  if (usable.length === 1) return usable[0]!;
  if (usable.length > 1)
    throw new Error(
      `${usable.length} faces in view: enrol one person at a time.`,
    );
  if (faces.length === 0)
    throw new Error(
      'No face found: face the camera in good light, with nothing covering the face.',
    );
  const largest = faces.reduce((a, b) =>
    Math.min(b.width, b.height) > Math.min(a.width, a.height) ? b : a,
  );
  throw new Error(
    `The face is too small: ${Math.round(largest.width)}×${Math.round(largest.height)} px, at least ${MATCH_MIN_FACE_PX} px needed; come closer to the camera.`,
  );
}

export class FaceMatching {
  private readonly _matcher: Matcher;
  /** No one enrolled: no face is described (there is nothing to compare it with). */
  readonly empty: boolean;
  private _tracks = new Map<string, TrackTimes>();
  private _lastT = -Infinity;

  /** The recognizer stays the caller's: it is loaded and disposed with the mode. */
  constructor(
    private readonly _recognizer: FaceRecognizer,
    config: MatchingConfig,
    private readonly _options: FaceMatchingOptions = DEFAULT_FACE_MATCHING,
  ) {
    this._matcher = new Matcher(config.gallery, {
      threshold: config.threshold,
    });
    this.empty = config.gallery.length === 0;
  }

  /**
   * The same mode with another gallery (a profile enrolled or deleted): votes start again,
   * but a profile already counted for an open track is not counted again, and a match whose
   * profile is still enrolled stays on screen meanwhile (with the label it has now).
   */
  withGallery(config: MatchingConfig): FaceMatching {
    const next = new FaceMatching(this._recognizer, config, this._options);
    next._lastT = this._lastT;
    const labels = new Map(config.gallery.map((p) => [p.id, p.label]));
    for (const [id, times] of this._tracks) {
      const was = this.matchOf(id);
      const label = was ? labels.get(was.profileId) : undefined;
      next._tracks.set(id, {
        ...times,
        lastDescribed: -Infinity,
        carried:
          was && label !== undefined
            ? { profileId: was.profileId, label }
            : null,
      });
    }
    return next;
  }

  /**
   * This frame's face tracks: notes them seen, and forgets tracks the tracker has ended
   * (unseen longer than its miss window; all of them when time goes backwards, a seek).
   */
  update(views: readonly TrackView[], t: number): void {
    if (t < this._lastT) this.reset();
    this._lastT = t;
    for (const v of views) {
      const times = this._tracks.get(v.id);
      if (times) times.lastSeen = t;
      else
        this._tracks.set(v.id, {
          lastSeen: t,
          lastDescribed: -Infinity,
          reported: null,
          carried: null,
        });
    }
    for (const [id, times] of this._tracks)
      if (t - times.lastSeen > this._options.maxMissMs) this._end(id);
  }

  /**
   * Tracks of this frame to describe now, large enough and not described lately: unmatched
   * ones every intervalMs, labelled ones every recheckMs (is it still that person?).
   */
  due(views: readonly TrackView[], t: number): TrackView[] {
    const { minFacePx, intervalMs, recheckMs } = this._options;
    return views.filter((v) => {
      const times = this._tracks.get(v.id);
      const every =
        this._matcher.matchOf(v.id) === null ? intervalMs : recheckMs;
      return (
        times !== undefined &&
        Math.min(v.box.width, v.box.height) >= minFacePx &&
        t - times.lastDescribed >= every
      );
    });
  }

  /**
   * Describes the `due` faces on `frame` (RGB 0..255, the caller's), votes with each
   * descriptor and drops it. Returns the profiles first matched now (once per track).
   */
  async observe(
    frame: Tensor3D,
    due: readonly TrackView[],
    t: number,
  ): Promise<string[]> {
    const descriptors = await this._recognizer.describeFaces(
      frame,
      due.map((v) => v.box),
    );
    const seen: string[] = [];
    due.forEach((v, i) => {
      const d = descriptors[i]!;
      const times = this._tracks.get(v.id);
      if (times) {
        times.lastDescribed = t;
        const { match, first } = this._matcher.observe(v.id, d);
        if (first && match && times.reported !== match.profileId) {
          times.reported = match.profileId;
          seen.push(match.profileId);
        }
      }
      d.fill(0); // dropped: not even a stray reference keeps it
    });
    return seen;
  }

  /** The profile a track matched, or null. */
  matchOf(trackId: string): Match | null {
    return (
      this._matcher.matchOf(trackId) ??
      this._tracks.get(trackId)?.carried ??
      null
    );
  }

  /** Tracks followed now (every one of them is in view or within the miss window). */
  get following(): number {
    return this._tracks.size;
  }

  /** Every track ended (the session ended or the source seeked). */
  reset(): void {
    for (const id of [...this._tracks.keys()]) this._end(id);
    this._lastT = -Infinity;
  }

  private _end(id: string): void {
    this._matcher.end(id);
    this._tracks.delete(id);
  }
}
