// Confidence-weighted averages of one track's attribute readings, so a visit gets one
// steady answer. Holds running sums only, never the readings themselves. Pure.

import type {
  AttributeSample,
  Expression,
  Gender,
  AgeGroup,
  Mood,
} from '../shared/types';
import { EXPRESSIONS } from '../shared/types';
import { ageGroup, genderOf, MOOD_OF, topExpression } from './attributes';

export interface VoteResult {
  ageGroup: AgeGroup | null;
  gender: Gender | null;
  expression: Expression | null;
  mood: Mood | null;
}

interface Sum {
  weight: number;
  count: number;
}

export class AttributeVote {
  private readonly _age: Sum & { total: number } = {
    weight: 0,
    count: 0,
    total: 0,
  };
  private readonly _female: Sum & { total: number } = {
    weight: 0,
    count: 0,
    total: 0,
  };
  private readonly _expression: Sum & { totals: number[] } = {
    weight: 0,
    count: 0,
    totals: EXPRESSIONS.map(() => 0),
  };

  /** Adds one reading; `weight` is the reading's confidence (e.g. detector score × frontalness). */
  add(sample: AttributeSample, weight: number): void {
    if (!(weight > 0)) return;
    if (sample.age !== undefined && Number.isFinite(sample.age)) {
      this._age.total += sample.age * weight;
      this._age.weight += weight;
      this._age.count++;
    }
    if (sample.female !== undefined && Number.isFinite(sample.female)) {
      this._female.total += sample.female * weight;
      this._female.weight += weight;
      this._female.count++;
    }
    if (sample.expression?.length === EXPRESSIONS.length) {
      sample.expression.forEach(
        (p, i) => (this._expression.totals[i] += p * weight),
      );
      this._expression.weight += weight;
      this._expression.count++;
    }
  }

  /** Readings so far for each attribute. */
  counts(): { age: number; gender: number; expression: number } {
    return {
      age: this._age.count,
      gender: this._female.count,
      expression: this._expression.count,
    };
  }

  result(genderMargin = 0.15): VoteResult {
    const expression =
      this._expression.weight > 0
        ? topExpression(
            this._expression.totals.map((t) => t / this._expression.weight),
          )
        : null;
    return {
      ageGroup:
        this._age.weight > 0
          ? ageGroup(this._age.total / this._age.weight)
          : null,
      gender:
        this._female.weight > 0
          ? genderOf(this._female.total / this._female.weight, genderMargin)
          : null,
      expression,
      mood: expression ? MOOD_OF[expression] : null,
    };
  }
}
