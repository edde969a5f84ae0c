// Reduces model readings to the reported categories: age group, gender with an "unknown"
// band, and the seven expressions folded into a mood. Pure.

import {
  AGE_GROUPS,
  EXPRESSIONS,
  type AgeGroup,
  type Expression,
  type Gender,
  type Mood,
} from '../shared/types';

const AGE_GROUP_LOWER_BOUNDS = [0, 13, 18, 25, 35, 45, 55, 65];

export function ageGroup(age: number): AgeGroup {
  let index = 0;
  for (let i = 0; i < AGE_GROUP_LOWER_BOUNDS.length; i++) {
    if (age >= AGE_GROUP_LOWER_BOUNDS[i]) index = i;
  }
  return AGE_GROUPS[index];
}

/**
 * `female` is the averaged probability that the face appears female. Answers within
 * `margin` of 0.5 are "unknown": the estimate is not confident enough to report.
 */
export function genderOf(female: number, margin = 0.15): Gender {
  if (female >= 0.5 + margin) return 'female';
  if (female <= 0.5 - margin) return 'male';
  return 'unknown';
}

/** Valence of each expression: surprise can be either, so it counts as neutral. */
export const MOOD_OF: Record<Expression, Mood> = {
  happy: 'positive',
  neutral: 'neutral',
  surprise: 'neutral',
  angry: 'negative',
  disgust: 'negative',
  fear: 'negative',
  sad: 'negative',
};

/** The most probable expression of seven probabilities in EXPRESSIONS order. */
export function topExpression(probabilities: readonly number[]): Expression {
  let best = 0;
  for (let i = 1; i < EXPRESSIONS.length; i++) {
    if ((probabilities[i] ?? 0) > (probabilities[best] ?? 0)) best = i;
  }
  return EXPRESSIONS[best];
}
