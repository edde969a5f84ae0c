// The user's settings: which attributes run, the workplace/education mode that forbids
// emotion inference, how long counts are kept and the small-count suppression threshold.
// Parsing is defensive: stored data is untrusted input.

import { ENGINE_PREFERENCES } from './engine-choice';
import type { AttributeSwitches, EnginePreference } from './types';

export interface AnalysisSettings {
  age: boolean;
  gender: boolean;
  expression: boolean;
  /** Workplace or education setting: emotion inference is prohibited (EU AI Act Art. 5(1)(f)). */
  workplace: boolean;
  /** Buckets older than this many days are purged (whole UTC days). */
  retentionDays: number;
  /** Stored counts below this show as "<N" in history and exports; 1 turns it off. */
  suppressionThreshold: number;
  /** The face-detection engine; 'auto' keeps the one measured faster on this device. */
  engine: EnginePreference;
}

export const RETENTION_DAYS_RANGE = { min: 1, max: 365 } as const;
export const THRESHOLD_RANGE = { min: 1, max: 50 } as const;

export const SETTINGS_KEY = 'localsight.settings.v1';

export const DEFAULT_SETTINGS: AnalysisSettings = {
  age: true,
  gender: true,
  expression: true,
  workplace: false,
  retentionDays: 30,
  suppressionThreshold: 5,
  engine: 'auto',
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
  const flag = (key: 'age' | 'gender' | 'expression' | 'workplace'): boolean =>
    typeof obj[key] === 'boolean'
      ? (obj[key] as boolean)
      : DEFAULT_SETTINGS[key];
  const whole = (
    key: 'retentionDays' | 'suppressionThreshold',
    range: { min: number; max: number },
  ): number => {
    const v = obj[key];
    return typeof v === 'number' &&
      Number.isInteger(v) &&
      v >= range.min &&
      v <= range.max
      ? v
      : DEFAULT_SETTINGS[key];
  };
  return {
    age: flag('age'),
    gender: flag('gender'),
    expression: flag('expression'),
    workplace: flag('workplace'),
    retentionDays: whole('retentionDays', RETENTION_DAYS_RANGE),
    suppressionThreshold: whole('suppressionThreshold', THRESHOLD_RANGE),
    engine: ENGINE_PREFERENCES.includes(obj['engine'] as EnginePreference)
      ? (obj['engine'] as EnginePreference)
      : DEFAULT_SETTINGS.engine,
  };
}

/**
 * What parseSettings had to ignore in stored JSON, for a notice: known fields whose value it
 * could not use, by name, and how many unknown fields there were (their names are not
 * repeated: they are whatever was written there). [] when nothing was ignored.
 */
export function ignoredSettings(json: string | null): string[] {
  if (json === null) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return ['the whole value (not JSON)'];
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return ['the whole value (not an object)'];
  }
  const parsed = parseSettings(json) as unknown as Record<string, unknown>;
  const known = Object.keys(DEFAULT_SETTINGS);
  const out: string[] = [];
  let unknown = 0;
  for (const [key, value] of Object.entries(raw)) {
    if (!known.includes(key)) unknown++;
    else if (value !== parsed[key]) out.push(key);
  }
  if (unknown > 0) {
    out.push(unknown === 1 ? '1 unknown field' : `${unknown} unknown fields`);
  }
  return out;
}

/** The notice for settings that could not be used as stored, or null when all could. */
export function settingsWarning(json: string | null): string | null {
  const ignored = ignoredSettings(json);
  return ignored.length === 0
    ? null
    : `The saved settings held values this version cannot use (${ignored.join(', ')}): ` +
        'they are ignored, and the defaults apply.';
}

/** The models that actually run: the workplace mode overrides the mood switch. */
export function effectiveSwitches(s: AnalysisSettings): AttributeSwitches {
  return {
    age: s.age,
    gender: s.gender,
    expression: s.expression && !s.workplace,
  };
}
