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
import { bestLabels, personVisit } from './person-visit';
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

/** A face may join a person whose body was missed for this long (the face is still seen). */
const JOIN_LOST_MS = 1000;

interface PersonState {
  /** Wall clock and frame time when the person was first seen (earlier if carried over). */
  firstWall: number;
  firstT: number;
  /** Visits of this person's faces that already ended; they become part of this visit. */
  faceVisits: VisitSummary[];
  /** Open face tracks joined to this person. */
  faces: Set<string>;
}

/**
 * A person whose body track ended while a face of theirs is still seen: the visit waits for
 * that face, which either joins the next body found under it (the same person, counted once)
 * or ends, and then the visit is counted.
 */
interface Held extends PersonState {
  lastT: number;
}

export class PeopleSession {
  private readonly _faces: FaceSession;
  private readonly _people: PersonTracker;
  private readonly _persons = new Map<string, PersonState>();
  /** Face track → the person it belongs to. Its visit is that person's, never its own. */
  private readonly _owner = new Map<string, string>();
  /** Face track → the held visit of the person whose body was lost around it. */
  private readonly _held = new Map<string, Held>();
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
      this._frame = { width: people.width, height: people.height };
      const { tracked, ended: gone } = this._people.update(
        people.people,
        people.t,
        people,
      );
      for (const tr of tracked) {
        if (!this._persons.has(tr.id))
          this._persons.set(tr.id, {
            firstWall: time.wall - (time.t - people.t),
            firstT: tr.firstSeen,
            faceVisits: [],
            faces: new Set(),
          });
      }
      for (const tr of gone) {
        const visit = this._endPerson(tr);
        if (visit) ended.push(visit);
      }
      ended.push(...this._forgetDropped());
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
    // Tentative people were never people: their faces count on their own.
    const ended = this._people.tracks
      .filter((tr) => !tr.confirmed)
      .flatMap((tr) => this._release(tr.id));
    ended.push(
      ...this._people.flush().flatMap((tr) => this._endPerson(tr) ?? []),
    );
    // Every held visit waits for an open face: each ends here, so each is counted here.
    for (const face of this._faces.flushFaces()) {
      const visit = this._endFace(face);
      if (visit) ended.push(visit);
    }
    this._persons.clear();
    this._owner.clear();
    this._held.clear();
    this._faceViews = [];
    this._personViews = [];
    this._inView = 0;
    this._lastT = -Infinity;
    return ended;
  }

  /**
   * A face track ended: its own visit if it never belonged to a person; else kept for its
   * person's visit, or it completes a held visit.
   */
  private _endFace({ id, visit }: EndedFace): VisitSummary | null {
    const owner = this._owner.get(id);
    if (owner !== undefined) {
      this._owner.delete(id);
      const person = this._persons.get(owner);
      person?.faces.delete(id);
      person?.faceVisits.push(visit);
      return null;
    }
    const held = this._held.get(id);
    if (!held) return visit;
    this._held.delete(id);
    held.faces.delete(id);
    held.faceVisits.push(visit);
    if (held.faces.size > 0) return null;
    return personVisit(
      held.firstWall,
      held.lastT - held.firstT,
      held.faceVisits,
    );
  }

  /**
   * A person's body track ended: one visit, with what its faces showed, or held while a face
   * of theirs is still seen. A near person whose face was never seen is not counted: at eye
   * level the face detector finds the faces the person detector's partial or split boxes
   * hold, and those boxes are not people (issue 15).
   */
  private _endPerson(tr: PersonTrack): VisitSummary | null {
    const state = this._persons.get(tr.id);
    this._persons.delete(tr.id);
    if (!state) return null;
    if (state.faces.size > 0) {
      const held: Held = { ...state, lastT: tr.lastSeen };
      for (const id of state.faces) {
        this._owner.delete(id);
        this._held.set(id, held);
      }
      return null;
    }
    if (state.faceVisits.length === 0 && this._near(tr.box)) return null;
    return personVisit(
      state.firstWall,
      Math.max(0, tr.lastSeen - state.firstT),
      state.faceVisits,
    );
  }

  private _near(box: PersonBox): boolean {
    return isNear(box, this._frame, this._nearShare);
  }

  private _hasFace(personId: string): boolean {
    const state = this._persons.get(personId);
    return !!state && (state.faces.size > 0 || state.faceVisits.length > 0);
  }

  /**
   * Tentative people the tracker dropped (never a person) leave no state: their open faces
   * are free again, and faces of theirs that already ended count on their own.
   */
  private _forgetDropped(): VisitSummary[] {
    const open = new Set(this._people.tracks.map((tr) => tr.id));
    return [...this._persons.keys()]
      .filter((id) => !open.has(id))
      .flatMap((id) => this._release(id));
  }

  /** Forgets a person who never was one; returns the visits of their faces that ended. */
  private _release(personId: string): VisitSummary[] {
    const state = this._persons.get(personId);
    this._persons.delete(personId);
    if (!state) return [];
    for (const face of state.faces) this._owner.delete(face);
    return state.faceVisits;
  }

  /** Gives `faceId` to `personId`, with the held visit it carries, if any. */
  private _claim(faceId: string, personId: string): void {
    const person = this._persons.get(personId);
    if (!person) return;
    const held = this._held.get(faceId);
    if (held) {
      // The same person, found again under their face: one visit, from the first sighting.
      person.firstWall = Math.min(person.firstWall, held.firstWall);
      person.firstT = Math.min(person.firstT, held.firstT);
      person.faceVisits.push(...held.faceVisits);
      for (const id of held.faces) {
        this._held.delete(id);
        this._owner.set(id, personId);
        person.faces.add(id);
      }
    }
    this._owner.set(faceId, personId);
    person.faces.add(faceId);
  }

  /** Joins this frame's faces to the people predicted at `t` and builds the views. */
  private _join(t: number): void {
    // Faces may join tentative people, and people whose body was missed a moment.
    const people = this._people.predict(t, { includeLostMs: JOIN_LOST_MS });
    const faces = this._faces.views();
    const fit = joinFaces(
      faces.map((f) => f.box),
      people.map((s) => s.box),
    );
    const faceOf = new Map<string, TrackView>();
    fit.forEach((p, f) => {
      if (p === null) return;
      const { track } = people[p]!;
      const personId = track.id;
      const face = faces[f]!;
      // A held visit moves only to a confirmed person (a tentative one may vanish).
      const free = !this._owner.has(face.id);
      if (free && (track.confirmed || !this._held.has(face.id)))
        this._claim(face.id, personId);
      if (this._owner.get(face.id) === personId) faceOf.set(personId, face);
    });
    // Shown and counted: confirmed people in view; near ones once a face of theirs is seen.
    const shown = people.filter(
      ({ track, box }) =>
        track.confirmed &&
        track.state === 'tracked' &&
        (!this._near(box) || this._hasFace(track.id)),
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
      const labels =
        face ?? bestLabels(this._persons.get(track.id)?.faceVisits ?? []);
      return {
        id: track.id,
        box,
        faceId: face?.id ?? null,
        ageGroup: labels?.ageGroup ?? null,
        gender: labels?.gender ?? null,
        mood: labels?.mood ?? null,
        dwellMs: Math.max(
          0,
          t - (this._persons.get(track.id)?.firstT ?? track.firstSeen),
        ),
      };
    });
    this._inView =
      this._personViews.length +
      this._faceViews.filter((f) => f.personId === null).length;
  }
}
