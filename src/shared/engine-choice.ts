// Which detection engine to load, and why: the URL parameter, then the user's setting, then
// the engine measured faster on this device at first start (remembered), else measure now.
// Pure; the remembered measurement is untrusted stored data and parsed defensively.

import type {
  EngineCalibration,
  EngineName,
  EnginePreference,
  MediapipeDelegate,
} from './types';

/** localStorage key of the remembered measurement (two timings and a date; nothing personal). */
export const ENGINE_CHOICE_KEY = 'localsight.engine.v1';

export const ENGINE_NAMES: readonly EngineName[] = ['tfjs', 'mediapipe'];
export const ENGINE_PREFERENCES: readonly EnginePreference[] = [
  'auto',
  ...ENGINE_NAMES,
];

export const ENGINE_LABEL: Record<EngineName, string> = {
  tfjs: 'TensorFlow.js',
  mediapipe: 'MediaPipe',
};

export interface EnginePlan {
  /** What to ask the worker for; 'auto' means measure both now. */
  request: EnginePreference;
  /** The MediaPipe delegate that measured fastest; null lets the worker decide. */
  delegate: MediapipeDelegate | null;
  /** Why, in words, for the status line and the settings. */
  reason: string;
  origin: 'url' | 'setting' | 'remembered' | 'measure';
}

const isMs = (v: unknown): v is number | null =>
  v === null ||
  (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 60_000);

/** A remembered measurement, or null when absent or malformed. */
export function parseCalibration(
  json: string | null,
): EngineCalibration | null {
  let raw: unknown;
  try {
    raw = json ? JSON.parse(json) : null;
  } catch {
    return null;
  }
  if (raw === null || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const engine = o['engine'];
  const delegate = o['delegate'];
  if (!ENGINE_NAMES.includes(engine as EngineName)) return null;
  if (!(delegate === null || delegate === 'CPU' || delegate === 'GPU'))
    return null;
  if (!isMs(o['tfjsMs']) || !isMs(o['mediapipeMs'])) return null;
  const at = o['measuredAt'];
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0) return null;
  return {
    engine: engine as EngineName,
    delegate: delegate as MediapipeDelegate | null,
    tfjsMs: o['tfjsMs'] as number | null,
    mediapipeMs: o['mediapipeMs'] as number | null,
    measuredAt: at,
  };
}

/** "MediaPipe 19 ms, TensorFlow.js 48 ms per frame", winner first, or which could not run. */
export function describeTimings(c: EngineCalibration): string {
  const ms = (e: EngineName) => (e === 'tfjs' ? c.tfjsMs : c.mediapipeMs);
  const [first, second] =
    c.engine === 'tfjs' ? ENGINE_NAMES : [...ENGINE_NAMES].reverse();
  const a = ms(first!);
  const b = ms(second!);
  const label = (e: EngineName, v: number) =>
    `${ENGINE_LABEL[e]} ${Math.round(v)} ms`;
  if (a === null) return `${ENGINE_LABEL[first!]} could not run`;
  if (b === null)
    return `${label(first!, a)} per frame, ${ENGINE_LABEL[second!]} could not run`;
  return `${label(first!, a)}, ${label(second!, b)} per frame`;
}

export function planEngine(
  url: EnginePreference | null,
  setting: EnginePreference,
  remembered: EngineCalibration | null,
): EnginePlan {
  if (url && url !== 'auto')
    return {
      request: url,
      delegate: null,
      reason: `set by the page address (engine=${url})`,
      origin: 'url',
    };
  if (!url && setting !== 'auto')
    return {
      request: setting,
      delegate: null,
      reason: 'chosen in the settings',
      origin: 'setting',
    };
  if (remembered) {
    return {
      request: remembered.engine,
      delegate: remembered.delegate,
      reason: 'measured faster on this device (figures below)',
      origin: 'remembered',
    };
  }
  return {
    request: 'auto',
    delegate: null,
    reason: 'measuring both engines on this device',
    origin: 'measure',
  };
}
