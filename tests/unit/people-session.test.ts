// The people session (issue 15): people from person detections, faces joined to the person
// whose head they are, one visit per person, faces with no body still people.

import { describe, expect, it } from 'vitest';
import { headFit, joinFaces } from '../../src/people/head-region';
import { PeopleSession } from '../../src/people/people-session';
import { personVisit } from '../../src/people/person-visit';
import type { FaceBox, PersonBox } from '../../src/shared/types';
import { A_VISIT } from '../support/visits';

const WALL = 1_700_000_000_000;
const at = (t: number) => ({ t, wall: WALL + t });

function person(x: number, y: number, score = 0.9): PersonBox {
  return { x, y, width: 60, height: 160, score };
}

/** A frontal face in the head of person(x, y). */
function faceOf(p: PersonBox): FaceBox {
  return {
    x: p.x + 18,
    y: p.y + 6,
    width: 24,
    height: 24,
    score: 0.9,
    keypoints: [],
  };
}

function ids(n: number) {
  let i = 0;
  return { newId: () => `p${++i}`, n };
}

describe('head region', () => {
  it('fits a face at the top of the box and nothing lower or wider', () => {
    const p = person(100, 100);
    expect(headFit(faceOf(p), p)).toBeGreaterThan(0.5);
    expect(headFit({ ...faceOf(p), y: p.y + 100 }, p)).toBe(0); // at the waist
    expect(headFit({ ...faceOf(p), x: p.x - 40 }, p)).toBe(0); // beside the body
    expect(headFit({ ...faceOf(p), width: 80, x: p.x - 10 }, p)).toBe(0); // too wide
  });

  it('joins each face to at most one person, best fit first', () => {
    const a = person(100, 100);
    const b = person(300, 100);
    const fa = faceOf(a);
    const fb = faceOf(b);
    expect(joinFaces([fb, fa], [a, b])).toEqual([1, 0]);
    expect(joinFaces([fa, { ...fa, x: fa.x + 2 }], [a])).toEqual([0, null]);
  });
});

describe('PeopleSession', () => {
  const tracker = { ...ids(0), minHits: 3 };

  it('counts a person whose face is never seen as one visit, not estimated', () => {
    const s = new PeopleSession({ tracker });
    for (let t = 0; t <= 2000; t += 200) {
      s.update([], at(t), {
        t,
        width: 640,
        height: 480,
        people: [person(100 + t / 50, 100)],
      });
      if (t >= 400) expect(s.inView()).toBe(1);
    }
    expect(s.people()).toHaveLength(1);
    expect(s.people()[0]!.faceId).toBeNull();
    const visits = s.flush();
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({
      ageGroup: null,
      gender: null,
      mood: null,
      watcher: false,
    });
    expect(visits[0]!.dwellMs).toBe(2000);
    expect(visits[0]!.startedAt).toBe(WALL);
  });

  it('joins a face to its person: one visit with the face’s labels', () => {
    const s = new PeopleSession({ tracker });
    let faceId = '';
    for (let t = 0; t <= 3000; t += 100) {
      const p = person(100 + t / 100, 100);
      s.update(
        [faceOf(p)],
        at(t),
        t % 200 === 0 ? { t, width: 640, height: 480, people: [p] } : null,
      );
      const faces = s.boxes().map((_, i) => i);
      s.addSamples(
        faces,
        faces.map(() => ({
          age: 30,
          female: 0.9,
          expression: [0, 0, 0, 1, 0, 0, 0],
        })),
      );
      if (t >= 600) {
        expect(s.people()).toHaveLength(1);
        expect(s.views()[0]!.personId).toBe(s.people()[0]!.id);
        faceId = s.views()[0]!.id;
        expect(s.people()[0]!.faceId).toBe(faceId);
        expect(s.inView()).toBe(1); // the face belongs to the person: not a second one
      }
    }
    expect(faceId).not.toBe('');
    const visits = s.flush();
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({
      ageGroup: '25-34',
      gender: 'female',
      mood: 'positive',
    });
  });

  it('keeps a face that ended before its person for the person’s visit', () => {
    const s = new PeopleSession({ tracker });
    let ended = 0;
    for (let t = 0; t <= 6000; t += 200) {
      const p = person(100, 100);
      // The face is seen for the first 2 s only (the person turns away).
      const faces = t <= 2000 ? [faceOf(p)] : [];
      ended += s.update(faces, at(t), {
        t,
        width: 640,
        height: 480,
        people: [p],
      }).ended.length;
      s.addSamples(
        s.boxes().map((_, i) => i),
        s.boxes().map(() => ({ age: 70, female: 0.1 })),
      );
    }
    expect(ended).toBe(0); // the face's end is not a visit of its own
    const visits = s.flush();
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ ageGroup: '65+', gender: 'male' });
    expect(visits[0]!.dwellMs).toBe(6000);
  });

  it('counts a face with no body (a webcam close-up) as a person', () => {
    const s = new PeopleSession({ tracker });
    const face: FaceBox = {
      x: 200,
      y: 100,
      width: 200,
      height: 200,
      score: 0.9,
      keypoints: [],
    };
    for (let t = 0; t <= 2000; t += 100) {
      s.update([face], at(t), { t, width: 640, height: 480, people: [] });
    }
    expect(s.inView()).toBe(1);
    expect(s.views()[0]!.personId).toBeNull();
    expect(s.flush()).toHaveLength(1);
  });

  it('near the camera, counts a person only once a face of theirs is seen', () => {
    // A 640×480 webcam: 300 px tall bodies are near. The left one shows a face, the right one
    // (a split or partial box, or someone turned away) never does.
    const near = (x: number): PersonBox => ({
      x,
      y: 40,
      width: 150,
      height: 300,
      score: 0.9,
    });
    const s = new PeopleSession({ tracker });
    for (let t = 0; t <= 2000; t += 200) {
      const face: FaceBox = {
        x: 60,
        y: 50,
        width: 60,
        height: 60,
        score: 0.9,
        keypoints: [],
      };
      s.update([face], at(t), {
        t,
        width: 640,
        height: 480,
        people: [near(20), near(400)],
      });
    }
    expect(s.people()).toHaveLength(1);
    expect(s.inView()).toBe(1);
    expect(s.flush()).toHaveLength(1);
  });

  it('near the camera, a person hidden for over a second has left (the picture may have cut)', () => {
    const near: PersonBox = {
      x: 100,
      y: 40,
      width: 150,
      height: 300,
      score: 0.9,
    };
    const face: FaceBox = {
      x: 145,
      y: 50,
      width: 60,
      height: 60,
      score: 0.9,
      keypoints: [],
    };
    const s = new PeopleSession({ tracker });
    const frame = (t: number, shown: boolean) =>
      s.update(shown ? [face] : [], at(t), {
        t,
        width: 640,
        height: 480,
        people: shown ? [near] : [],
      }).ended.length;
    let ended = 0;
    for (let t = 0; t <= 3000; t += 200) ended += frame(t, true);
    for (let t = 3200; t <= 4400; t += 200) ended += frame(t, false); // 1.4 s of black
    for (let t = 4600; t <= 7000; t += 200) ended += frame(t, true); // someone else, same spot
    expect(ended + s.flush().length).toBe(2);
  });

  it('keeps one visit when the body is missed while the face is still seen (near)', () => {
    // Eye level: the face is seen for 10 s, the body is missed from 4 s to 6 s.
    const near: PersonBox = {
      x: 100,
      y: 40,
      width: 150,
      height: 300,
      score: 0.9,
    };
    const face: FaceBox = {
      x: 145,
      y: 50,
      width: 60,
      height: 60,
      score: 0.9,
      keypoints: [],
    };
    const s = new PeopleSession({ tracker });
    let ended = 0;
    for (let t = 0; t <= 10_000; t += 200) {
      const body = t < 4000 || t > 6000 ? [near] : [];
      ended += s.update([face], at(t), {
        t,
        width: 640,
        height: 480,
        people: body,
      }).ended.length;
    }
    expect(ended).toBe(0);
    const visits = s.flush();
    expect(visits).toHaveLength(1);
    expect(visits[0]!.dwellMs).toBeGreaterThanOrEqual(9800);
  });

  it('keeps one visit when a far body is missed for 4 s while its face is seen', () => {
    const s = new PeopleSession({ tracker });
    const p = person(100, 100);
    let ended = 0;
    for (let t = 0; t <= 10_000; t += 200) {
      const body = t < 3000 || t > 7000 ? [p] : [];
      ended += s.update([faceOf(p)], at(t), {
        t,
        width: 640,
        height: 480,
        people: body,
      }).ended.length;
    }
    const visits = [...Array(ended)].concat(s.flush());
    expect(visits).toHaveLength(1);
  });

  it('counts a face seen before its body was confirmed once, as part of that person', () => {
    const s = new PeopleSession({ tracker });
    let ended = 0;
    for (let t = 0; t <= 4000; t += 100) {
      const p = person(100 + t / 50, 100);
      // The face shows for the first 300 ms only (then the person turns away).
      const faces = t <= 300 ? [faceOf(p)] : [];
      ended += s.update(faces, at(t), {
        t,
        width: 640,
        height: 480,
        people: [p],
      }).ended.length;
    }
    expect(ended).toBe(0);
    expect(s.flush()).toHaveLength(1);
  });

  it('counts faces joined to a person still tentative when the source stops', () => {
    // A camera stopped (unplugged) 0.2 s after it started: the bodies are still tentative.
    const s = new PeopleSession({ tracker });
    const a = person(100, 100);
    const b = person(300, 100);
    // Faces on three frames (confirmed), bodies detected on the first two (tentative).
    for (let t = 0; t <= 200; t += 100)
      s.update(
        [faceOf(a), faceOf(b)],
        at(t),
        t < 200 ? { t, width: 640, height: 480, people: [a, b] } : null,
      );
    expect(s.views().every((f) => f.personId === null)).toBe(true);
    expect(s.flush()).toHaveLength(2);
  });

  it('counts nobody for a person detection on one frame only', () => {
    const s = new PeopleSession({ tracker });
    s.update([], at(0), {
      t: 0,
      width: 640,
      height: 480,
      people: [person(100, 100)],
    });
    for (let t = 200; t <= 5000; t += 200)
      s.update([], at(t), { t, width: 640, height: 480, people: [] });
    expect(s.flush()).toEqual([]);
  });

  it('takes people detected on an earlier frame and ignores ones from after a seek', () => {
    const s = new PeopleSession({ tracker });
    for (let t = 0; t <= 1000; t += 100) {
      // The lane reports each frame's people 100 ms later.
      s.update(
        [],
        at(t),
        t >= 100
          ? { t: t - 100, width: 640, height: 480, people: [person(100, 100)] }
          : null,
      );
    }
    expect(s.people()).toHaveLength(1);
    // A seek back: everything ends, and a detection from "the future" is not taken.
    const { ended } = s.update([], at(500), {
      t: 900,
      width: 640,
      height: 480,
      people: [person(100, 100)],
    });
    expect(ended).toHaveLength(1);
    expect(s.people()).toEqual([]);
  });
});

describe('personVisit', () => {
  it('adds its faces’ attention and glances and keeps the longest-read labels', () => {
    const v = personVisit(WALL, 5000, [
      {
        ...A_VISIT,
        startedAt: WALL + 500,
        dwellMs: 1000,
        attentionMs: 800,
        glances: 1,
        ageGroup: '18-24',
      },
      {
        ...A_VISIT,
        startedAt: WALL + 2000,
        dwellMs: 2500,
        attentionMs: 900,
        glances: 2,
        ageGroup: '35-44',
      },
    ]);
    expect(v).toMatchObject({
      startedAt: WALL,
      dwellMs: 5000,
      attentionMs: 1700,
      glances: 3,
      watcher: true,
      ageGroup: '35-44',
    });
  });

  it('with no face: not estimated, not a watcher', () => {
    expect(personVisit(WALL, 3000, [])).toEqual({
      startedAt: WALL,
      dwellMs: 3000,
      attentionMs: 0,
      glances: 0,
      watcher: false,
      ageGroup: null,
      gender: null,
      mood: null,
      expression: null,
    });
  });
});
