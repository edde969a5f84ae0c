// Visit summaries from a FaceSession: dwell, attention, glances, watcher, steady attributes,
// sampling that stops once a track has enough readings, and nothing kept after a track ends.

import { describe, expect, it } from 'vitest';
import { FaceSession } from '../../src/pipeline/face-session';
import { headPose } from '../../src/pipeline/head-pose';
import {
  ageGroup,
  genderOf,
  topExpression,
} from '../../src/pipeline/attributes';
import type { FaceBox, Point } from '../../src/shared/types';

/** Keypoints of a face at (x, y) size s, turned by `yaw` (nose offset in eye distances). */
function keypoints(x: number, y: number, s: number, yaw = 0): Point[] {
  const eyeY = y + s * 0.35;
  const eyeDist = s * 0.4;
  const cx = x + s / 2;
  return [
    { x: cx - eyeDist / 2, y: eyeY },
    { x: cx + eyeDist / 2, y: eyeY },
    { x: cx + yaw * eyeDist, y: eyeY + s * 0.2 },
    { x: cx, y: eyeY + s * 0.38 },
    { x: x, y: eyeY },
    { x: x + s, y: eyeY },
  ];
}

const face = (x: number, yaw = 0): FaceBox => ({
  x,
  y: 100,
  width: 80,
  height: 80,
  score: 0.9,
  keypoints: keypoints(x, 100, 80, yaw),
});

const SWITCHES = { age: true, gender: true, expression: true };
const HAPPY = [0, 0, 0, 0.9, 0, 0, 0.1];

describe('headPose', () => {
  it('is facing for a frontal face, even when the head is rolled', () => {
    expect(headPose(keypoints(0, 0, 100))?.facing).toBe(true);
    const rolled = keypoints(0, 0, 100).map((p) => ({
      x: p.x * 0.94 - p.y * 0.34,
      y: p.x * 0.34 + p.y * 0.94,
    }));
    expect(headPose(rolled)?.facing).toBe(true);
  });
  it('is not facing when turned away', () => {
    expect(headPose(keypoints(0, 0, 100, 0.6))?.facing).toBe(false);
  });
});

describe('attribute reductions', () => {
  it('maps ages onto the eight groups', () => {
    expect(
      [5, 12.9, 13, 17, 18, 24.5, 25, 34, 35, 50, 60, 70].map(ageGroup),
    ).toEqual([
      '0-12',
      '0-12',
      '13-17',
      '13-17',
      '18-24',
      '18-24',
      '25-34',
      '25-34',
      '35-44',
      '45-54',
      '55-64',
      '65+',
    ]);
  });
  it('answers unknown near 0.5', () => {
    expect([0.9, 0.6, 0.5, 0.4, 0.1].map((p) => genderOf(p))).toEqual([
      'female',
      'unknown',
      'unknown',
      'unknown',
      'male',
    ]);
  });
  it('picks the top expression', () => {
    expect(topExpression(HAPPY)).toBe('happy');
  });
});

describe('FaceSession', () => {
  it('turns a visit into one summary with dwell, attention, glances and steady attributes', () => {
    const s = new FaceSession();
    const ended = [];
    // 3 s in view at 10 fps: facing for 0-1 s, away 1-2 s, facing again 2-3 s; then gone.
    for (let i = 0; i <= 30; i++) {
      const yaw = i >= 10 && i < 20 ? 0.6 : 0;
      ended.push(
        ...s.update([face(200, yaw)], { t: i * 100, wall: 1_000_000 + i * 100 })
          .ended,
      );
      const need = s.needsAttributes(SWITCHES);
      s.addSamples(
        need,
        need.map(() => ({
          age: i % 2 ? 28 : 31,
          female: 0.8,
          expression: HAPPY,
        })),
      );
    }
    for (let i = 31; i <= 45; i++)
      ended.push(
        ...s.update([], { t: i * 100, wall: 1_000_000 + i * 100 }).ended,
      );
    expect(ended).toHaveLength(1);
    const v = ended[0];
    expect(v.startedAt).toBe(1_000_000);
    expect(v.dwellMs).toBe(3000);
    expect(v.glances).toBe(2);
    expect(v.watcher).toBe(true);
    expect(v.attentionMs).toBe(1900); // facing frames 0-9 (0.9 s) and 20-30 (1.0 s)
    expect(v).toMatchObject({
      ageGroup: '25-34',
      gender: 'female',
      mood: 'positive',
      expression: 'happy',
    });
    expect(Object.keys(v).sort()).toEqual(
      [
        'ageGroup',
        'attentionMs',
        'dwellMs',
        'expression',
        'gender',
        'glances',
        'mood',
        'startedAt',
        'watcher',
      ].sort(),
    );
  });

  it('a passer-by who never faces the camera is not a watcher', () => {
    const s = new FaceSession();
    for (let i = 0; i < 10; i++)
      s.update([face(100 + i * 10, 0.7)], { t: i * 100, wall: i * 100 });
    const [v] = s.flush();
    expect(v).toMatchObject({
      watcher: false,
      glances: 0,
      attentionMs: 0,
      ageGroup: null,
      gender: null,
    });
  });

  it('stops asking for attributes once a track has enough readings, then refreshes at most once a second', () => {
    const s = new FaceSession(
      {},
      { minSamples: 3, refreshMs: 1000, maxSamples: 5 },
    );
    const asked: number[] = [];
    for (let i = 0; i < 40; i++) {
      s.update([face(200)], { t: i * 100, wall: 0 });
      const need = s.needsAttributes(SWITCHES);
      if (need.length) asked.push(i);
      s.addSamples(
        need,
        need.map(() => ({ age: 30, female: 0.9, expression: HAPPY })),
      );
    }
    expect(asked).toEqual([0, 1, 2, 12, 22]);
  });

  it('asks only for switched-on attributes, and not at all when every attribute is off', () => {
    const s = new FaceSession();
    s.update([face(200)], { t: 0, wall: 0 });
    expect(
      s.needsAttributes({ age: false, gender: false, expression: false }),
    ).toEqual([]);
    expect(
      s.needsAttributes({ age: false, gender: true, expression: false }),
    ).toEqual([0]);
  });

  it('ends every track when time goes backwards (a seek or a replay)', () => {
    const s = new FaceSession();
    for (let i = 0; i < 5; i++)
      s.update([face(200)], { t: 1000 + i * 100, wall: 0 });
    const { ended } = s.update([face(200)], { t: 0, wall: 0 });
    expect(ended).toHaveLength(1);
  });
});
