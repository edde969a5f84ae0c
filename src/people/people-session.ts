// Per-source analysis state in the worker (issue 15): people tracked from person detections,
// faces tracked by the face session, and each face joined to the person whose head it is.
// A visit is one person's time in view: its face's age, gender and mood when a face was seen,
// "not estimated" (null) when none was. A face with no body (a webcam close-up) is a person
// too. Geometry and motion only: no appearance features. Pure: time is passed in.

import {
  FaceSession,
  type EndedFace,
  type SamplingOptions,
} from '../pipeline/face-session';
import type {
  AttributeSample,
  AttributeSwitches,
  FaceBox,
  FrameTime,
  PersonBox,
  PersonView,
  TrackView,
  VisitSummary,
} from '../shared/types';
import { joinFaces } from './head-region';
import {
  DEFAULT_PERSON_TRACKER_OPTIONS,
  isNear,
  PersonTracker,
  type PersonTrack,
  type PersonTrackerOptions,
} from './person-tracker';

/** One run of the person detector: the frame time it saw, its size, and what it found. */
export interface PeopleFrame {
  t: number;
  width: number;
  height: number;
  people: readonly PersonBox[];
}

export interface PeopleSessionOptions {
  tracker?: Partial<PersonTrackerOptions>;
  sampling?: SamplingOptions;
}

interface PersonState {
  /** Wall clock when the person was first detected. */
  firstWall: number;
  /** Visits of this person's faces that already ended; they become part of this visit. */
  faceVisits: VisitSummary[];
  /** Open face tracks joined to this person. */
  faces: Set<string>;
}

export class PeopleSession {
  private readonly _faces: FaceSession;
  private readonly _people: PersonTracker;
  private readonly _persons = new Map<string, PersonState>();
  /** Face track → the person it was first joined to. Its visit is that person's, never its own. */
  private readonly _owner = new Map<string, string>();
  private _lastT = -Infinity;
  private _faceViews: TrackView[] = [];
  private _personViews: PersonView[] = [];
  private _inView = 0;
  /** Size of the frames the person detector last saw. */
  private _frame = { width: Infinity, height: Infinity };
  /** A person this tall or wide (share of the frame) is near the camera (eye level). */
  private readonly _nearShare: PersonTrackerOptions['nearShare'];

  constructor(options: PeopleSessionOptions = {}) {
    this._faces = new FaceSession({}, options.sampling);
    this._people = new PersonTracker(options.tracker);
    this._nearShare =
      options.tracker?.nearShare ?? DEFAULT_PERSON_TRACKER_OPTIONS.nearShare;
  }

  /**
   * Feeds one frame's faces and, when the person detector finished a run since the last
   * frame, its people (seen at `people.t` ≤ `time.t`). Returns the visits that ended. A
   * repeated time is ignored; a time that goes backwards (a seek) ends every track first.
   */
  update(
    faces: readonly FaceBox[],
    time: FrameTime,
    people: PeopleFrame | null = null,
  ): { ended: VisitSummary[] } {
    if (time.t === this._lastT) return { ended: [] };
    const ended = time.t < this._lastT ? this.flush() : [];
    this._lastT = time.t;
    if (people && people.t <= time.t) {
      const lagMs = time.t - people.t;
      this._frame = { width: people.width, height: people.height };
      const { tracked, ended: gone } = this._people.update(
        people.people,
        people.t,
        people,
      );
      for (const tr of tracked) {
        if (!this._persons.has(tr.id))
          this._persons.set(tr.id, {
            firstWall: time.wall - lagMs,
            faceVisits: [],
            faces: new Set(),
          });
      }
      for (const tr of gone) {
        const visit = this._endPerson(tr);
        if (visit) ended.push(visit);
      }
      this._forgetDropped();
    }
    for (const face of this._faces.updateFaces(faces, time)) {
      const visit = this._endFace(face);
      if (visit) ended.push(visit);
    }
    this._join(time.t);
    return { ended };
  }

  /** Indexes (into this frame's faces) whose attributes should be read now. */
  needsAttributes(switches: AttributeSwitches): number[] {
    return this._faces.needsAttributes(switches);
  }

  /** Boxes of this frame's faces (what needsAttributes indexes). */
  boxes(): FaceBox[] {
    return this._faces.boxes();
  }

  addSamples(
    indexes: readonly number[],
    samples: readonly AttributeSample[],
  ): void {
    this._faces.addSamples(indexes, samples);
  }

  /** This frame's faces, each with the person it belongs to. */
  views(): TrackView[] {
    return this._faceViews;
  }

  /** This frame's confirmed people. */
  people(): PersonView[] {
    return this._personViews;
  }

  /** People in view now: confirmed people, and faces that belong to none of them. */
  inView(): number {
    return this._inView;
  }

  /** Ends every track (the source stopped); returns their visits. */
  flush(): VisitSummary[] {
    const ended = this._people
      .flush()
      .flatMap((tr) => this._endPerson(tr) ?? []);
    for (const face of this._faces.flushFaces()) {
      const visit = this._endFace(face);
      if (visit) ended.push(visit);
    }
    this._persons.clear();
    this._owner.clear();
    this._faceViews = [];
    this._personViews = [];
    this._inView = 0;
    this._lastT = -Infinity;
    return ended;
  }

  /** A face track ended: its own visit if it never belonged to a person, else kept for theirs. */
  private _endFace({ id, visit }: EndedFace): VisitSummary | null {
    const owner = this._owner.get(id);
    if (owner === undefined) return visit;
    this._owner.delete(id);
    const person = this._persons.get(owner);
    person?.faces.delete(id);
    person?.faceVisits.push(visit);
    return null; // counted in the person's visit (or already, when the person ended first)
  }

  /**
   * A person's track ended: one visit, with what its faces showed. A near person whose face
   * was never seen is not counted: at eye level the face detector finds faces the person
   * detector's partial or split boxes hold, and those boxes are not people (issue 15).
   */
  private _endPerson(tr: PersonTrack): VisitSummary | null {
    const state = this._persons.get(tr.id);
    this._persons.delete(tr.id);
    const faces = [...(state?.faceVisits ?? [])];
    for (const id of state?.faces ?? []) {
      const open = this._faces.peek(id);
      if (open) faces.push(open); // the face goes on; its end is then not counted again
    }
    if (faces.length === 0 && this._near(tr.box)) return null;
    return personVisit(
      state?.firstWall ?? 0,
      Math.max(0, tr.lastSeen - tr.firstSeen),
      faces,
    );
  }

  private _near(box: PersonBox): boolean {
    return isNear(box, this._frame, this._nearShare);
  }

  /** Tentative people the tracker dropped leave no state behind (faces join confirmed ones only). */
  private _forgetDropped(): void {
    const open = new Set(this._people.tracks.map((tr) => tr.id));
    for (const id of this._persons.keys())
      if (!open.has(id)) this._persons.delete(id);
  }

  private _hasFace(personId: string): boolean {
    const state = this._persons.get(personId);
    return !!state && (state.faces.size > 0 || state.faceVisits.length > 0);
  }

  /** Joins this frame's faces to the people predicted at `t` and builds the views. */
  private _join(t: number): void {
    const people = this._people
      .predict(t)
      .filter(({ track }) => track.confirmed);
    const faces = this._faces.views();
    const fit = joinFaces(
      faces.map((f) => f.box),
      people.map((s) => s.box),
    );
    const faceOf = new Map<string, TrackView>();
    fit.forEach((p, f) => {
      if (p === null) return;
      const personId = people[p]!.track.id;
      const faceId = faces[f]!.id;
      if (!this._owner.has(faceId)) {
        this._owner.set(faceId, personId);
        this._persons.get(personId)?.faces.add(faceId);
      }
      if (this._owner.get(faceId) === personId) faceOf.set(personId, faces[f]!);
    });
    // Near people count once a face of theirs is seen (see _endPerson).
    const shown = people.filter(
      ({ track, box }) => !this._near(box) || this._hasFace(track.id),
    );
    const inViewIds = new Set(shown.map((s) => s.track.id));
    this._faceViews = faces.map((f) => {
      const owner = this._owner.get(f.id);
      return {
        ...f,
        personId: owner !== undefined && inViewIds.has(owner) ? owner : null,
      };
    });
    this._personViews = shown.map(({ track, box }) => {
      const face = faceOf.get(track.id);
      const labels = face ?? bestLabels(this._persons.get(track.id));
      return {
        id: track.id,
        box,
        faceId: face?.id ?? null,
        ageGroup: labels?.ageGroup ?? null,
        gender: labels?.gender ?? null,
        mood: labels?.mood ?? null,
        dwellMs: Math.max(0, t - track.firstSeen),
      };
    });
    this._inView =
      this._personViews.length +
      this._faceViews.filter((f) => f.personId === null).length;
  }
}

/** The labels of a person's longest-seen face that has any. */
function bestLabels(
  state: PersonState | undefined,
): Pick<VisitSummary, 'ageGroup' | 'gender' | 'mood' | 'expression'> | null {
  const read = (state?.faceVisits ?? []).filter(
    (v) => v.ageGroup !== null || v.gender !== null || v.mood !== null,
  );
  return read.sort((a, b) => b.dwellMs - a.dwellMs)[0] ?? null;
}

/**
 * One person's visit from its track and its faces' visits: attention and glances add up,
 * labels come from the longest-seen face that has them (null: not estimated), and the dwell is
 * the longer of the person's and its faces' (a close-up may keep its face longer than its body).
 */
export function personVisit(
  firstWall: number,
  dwellMs: number,
  faces: readonly VisitSummary[],
): VisitSummary {
  const labelled = [...faces]
    .filter((v) => v.ageGroup !== null || v.gender !== null || v.mood !== null)
    .sort((a, b) => b.dwellMs - a.dwellMs)[0];
  const dwell = Math.max(dwellMs, ...faces.map((v) => v.dwellMs));
  const attention = faces.reduce((s, v) => s + v.attentionMs, 0);
  const glances = faces.reduce((s, v) => s + v.glances, 0);
  return {
    startedAt: Math.min(
      firstWall,
      ...faces.map((v) => v.startedAt).filter((w) => w > 0),
    ),
    dwellMs: dwell,
    attentionMs: Math.min(attention, dwell),
    glances,
    watcher: glances > 0,
    ageGroup: labelled?.ageGroup ?? null,
    gender: labelled?.gender ?? null,
    mood: labelled?.mood ?? null,
    expression: labelled?.expression ?? null,
  };
}
