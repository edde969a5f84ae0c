// The user's analysis settings: which attributes run, and the workplace/education mode that
// forbids emotion inference. Parsing is defensive: stored data is untrusted input.

import type { AttributeSwitches } from './types';

export interface AnalysisSettings {
  age: boolean;
  gender: boolean;
  expression: boolean;
  /** Workplace or education setting: emotion inference is prohibited (EU AI Act Art. 5(1)(f)). */
  workplace: boolean;
}

export const SETTINGS_KEY = 'localsight.settings.v1';

export const DEFAULT_SETTINGS: AnalysisSettings = {
  age: true,
  gender: true,
  expression: true,
  workplace: false,
};

/** Settings from stored JSON; anything missing or of the wrong type takes its default. */
export function parseSettings(json: string | null): AnalysisSettings {
  let raw: unknown = null;
  try {
    raw = json ? JSON.parse(json) : null;
  } catch {
    raw = null;
  }
  const obj =
    raw !== null && typeof raw === 'object'
      ? (raw as Record<string, unknown>)
      : {};
  const flag = (key: keyof AnalysisSettings): boolean =>
    typeof obj[key] === 'boolean'
      ? (obj[key] as boolean)
      : DEFAULT_SETTINGS[key];
  return {
    age: flag('age'),
    gender: flag('gender'),
    expression: flag('expression'),
    workplace: flag('workplace'),
  };
}

/** The models that actually run: the workplace mode overrides the mood switch. */
export function effectiveSwitches(s: AnalysisSettings): AttributeSwitches {
  return {
    age: s.age,
    gender: s.gender,
    expression: s.expression && !s.workplace,
  };
}
