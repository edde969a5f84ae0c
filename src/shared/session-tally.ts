// Running totals of the visits of the current session, for the live panel. Counts only:
// adding a visit folds it in and keeps nothing of it. Pure.

import {
  AGE_GROUPS,
  EXPRESSIONS,
  type AgeGroup,
  type Expression,
  type Gender,
  type Mood,
  type VisitSummary,
} from './types';

export interface Tally {
  passersBy: number;
  watchers: number;
  dwellMs: number;
  attentionMs: number;
  glances: number;
  ageGroups: Record<AgeGroup, number>;
  genders: Record<Gender, number>;
  moods: Record<Mood, number>;
  expressions: Record<Expression, number>;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function emptyTally(): Tally {
  return {
    passersBy: 0,
    watchers: 0,
    dwellMs: 0,
    attentionMs: 0,
    glances: 0,
    ageGroups: zeros(AGE_GROUPS),
    genders: zeros(['female', 'male', 'unknown'] as const),
    moods: zeros(['positive', 'neutral', 'negative'] as const),
    expressions: zeros(EXPRESSIONS),
  };
}

/** Returns a new tally with `visit` folded in. */
export function addVisit(tally: Tally, visit: VisitSummary): Tally {
  const next = structuredClone(tally);
  next.passersBy++;
  if (visit.watcher) next.watchers++;
  next.dwellMs += visit.dwellMs;
  next.attentionMs += visit.attentionMs;
  next.glances += visit.glances;
  if (visit.ageGroup) next.ageGroups[visit.ageGroup]++;
  next.genders[visit.gender ?? 'unknown']++;
  if (visit.mood) next.moods[visit.mood]++;
  if (visit.expression) next.expressions[visit.expression]++;
  return next;
}
