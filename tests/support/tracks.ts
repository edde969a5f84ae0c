// A face track as the stage shows it, for tests: a woman of 25–34, smiling, 12 s in view,
// looking at the camera, not matched; override any field.

import type { TrackView } from '../../src/shared/types';

export const makeTrack = (over: Partial<TrackView> = {}): TrackView => ({
  id: 't1',
  box: { x: 0, y: 100, width: 60, height: 60, score: 1, keypoints: [] },
  ageGroup: '25-34',
  gender: 'female',
  mood: 'positive',
  expression: null,
  dwellMs: 12_000,
  attentionMs: 0,
  facing: true,
  personId: null,
  match: null,
  ...over,
});
