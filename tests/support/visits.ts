// A visit summary for tests: a woman of 25–34 who watched, smiling, for 7 s; override any field.

import type { VisitSummary } from '../../src/shared/types';

export const A_VISIT: VisitSummary = {
  startedAt: 0,
  dwellMs: 7_000,
  attentionMs: 2_000,
  glances: 1,
  watcher: true,
  ageGroup: '25-34',
  gender: 'female',
  mood: 'positive',
  expression: 'happy',
};

/** `makeVisit(T)` → a builder of visits that start at T unless told otherwise. */
export const makeVisit =
  (startedAt: number, base: Partial<VisitSummary> = {}) =>
  (over: Partial<VisitSummary> = {}): VisitSummary => ({
    ...A_VISIT,
    startedAt,
    ...base,
    ...over,
  });
