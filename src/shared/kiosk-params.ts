// Parses the kiosk URL parameters (?source=sample&engine=mediapipe&backend=wasm&model=full&
// camera=user&presentIdleMs=3000). Pure: takes a query string, returns settings plus warnings for values
// it ignored.

import { PRESENT_IDLE_MS } from './presentation';
import { ENGINE_PREFERENCES } from './engine-choice';
import type {
  BackendPreference,
  DetectorModelType,
  EnginePreference,
} from './types';

export type SourceKind = 'camera' | 'sample' | 'video' | 'images';
export type AutoStartSource = 'camera' | 'sample';
export type Facing = 'user' | 'environment';

export interface KioskParams {
  source: AutoStartSource | null;
  /** null: follow the settings (and the remembered measurement). */
  engine: EnginePreference | null;
  backend: BackendPreference;
  modelType: DetectorModelType;
  facing: Facing;
  /** How long presentation mode keeps its controls up after a touch, ms. */
  presentIdleMs: number;
  warnings: string[];
}

/** Bounds of presentIdleMs: short enough for tests, long enough to read a notice. */
export const PRESENT_IDLE_RANGE = { min: 200, max: 60_000 };

const SOURCES: readonly AutoStartSource[] = ['camera', 'sample'];
const BACKENDS: readonly BackendPreference[] = ['auto', 'webgl', 'wasm', 'cpu'];
const MODELS: readonly DetectorModelType[] = ['full', 'short'];
const FACINGS: readonly Facing[] = ['user', 'environment'];

const MAX_SHOWN = 40;

/**
 * A value from the address as a warning quotes it: at most 40 characters, control and
 * formatting characters as "?". It is shown as text, never markup, but it is still the
 * visitor's input, so a long or invisible one must not fill or disguise the notice.
 */
export function shownValue(raw: string): string {
  const clean = raw.replace(/[\p{C}]/gu, '?');
  const chars = Array.from(clean);
  return chars.length > MAX_SHOWN
    ? `${chars.slice(0, MAX_SHOWN - 1).join('')}…`
    : clean;
}

function pick<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
  warnings: string[],
): T {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  warnings.push(
    `Ignored ${name}=${shownValue(raw)}: expected one of ${allowed.join(', ')}.`,
  );
  return fallback;
}

function pickMs(
  params: URLSearchParams,
  name: string,
  range: { min: number; max: number },
  fallback: number,
  warnings: string[],
): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  // Digits only: Number() would also take "0x1f4", "5e2", "Infinity" and " ".
  const value = /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (value >= range.min && value <= range.max) return value;
  warnings.push(
    `Ignored ${name}=${shownValue(raw)}: expected a whole number of milliseconds from ${range.min} to ${range.max}.`,
  );
  return fallback;
}

export function parseKioskParams(search: string): KioskParams {
  const params = new URLSearchParams(search);
  const warnings: string[] = [];
  const source = params.has('source')
    ? pick<AutoStartSource | 'none'>(
        params,
        'source',
        [...SOURCES, 'none'],
        'none',
        warnings,
      )
    : 'none';
  const engine = params.has('engine')
    ? pick<EnginePreference | 'none'>(
        params,
        'engine',
        ENGINE_PREFERENCES,
        'none',
        warnings,
      )
    : 'none';
  return {
    source: source === 'none' ? null : source,
    engine: engine === 'none' ? null : engine,
    backend: pick(params, 'backend', BACKENDS, 'auto', warnings),
    modelType: pick(params, 'model', MODELS, 'full', warnings),
    facing: pick(params, 'camera', FACINGS, 'user', warnings),
    presentIdleMs: pickMs(
      params,
      'presentIdleMs',
      PRESENT_IDLE_RANGE,
      PRESENT_IDLE_MS,
      warnings,
    ),
    warnings,
  };
}
