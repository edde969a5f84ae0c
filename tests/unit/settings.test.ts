import { describe, expect, it } from 'vitest';
import { emptyCounts, foldVisit } from '../../src/shared/aggregates';
import { derive } from '../../src/shared/live-figures';
import {
  DEFAULT_SETTINGS,
  ignoredSettings,
  parseSettings,
  settingsWarning,
} from '../../src/shared/settings';
import type { VisitSummary } from '../../src/shared/types';

describe('parseSettings', () => {
  it('takes defaults for missing, mistyped or out-of-range values', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{not json')).toEqual(DEFAULT_SETTINGS);
    expect(
      parseSettings(
        JSON.stringify({
          retentionDays: 1e9,
          suppressionThreshold: '3',
          age: 'yes',
        }),
      ),
    ).toEqual(DEFAULT_SETTINGS);
    expect(
      parseSettings(
        JSON.stringify({ retentionDays: 2.5, suppressionThreshold: 0 }),
      ),
    ).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps a known engine and defaults anything else to auto', () => {
    expect(parseSettings('{"engine":"mediapipe"}').engine).toBe('mediapipe');
    expect(parseSettings('{"engine":"tfjs"}').engine).toBe('tfjs');
    expect(parseSettings('{"engine":"<script>"}').engine).toBe('auto');
    expect(parseSettings('{"engine":1}').engine).toBe('auto');
  });

  it('keeps valid retention and threshold', () => {
    const s = parseSettings(
      JSON.stringify({
        retentionDays: 7,
        suppressionThreshold: 1,
        gender: false,
      }),
    );
    expect(s).toEqual({
      ...DEFAULT_SETTINGS,
      retentionDays: 7,
      suppressionThreshold: 1,
      gender: false,
    });
  });
});

describe('hostile stored settings', () => {
  const XSS = '<img src=x onerror=alert(1)>';
  // Written as text: an object literal's __proto__ would set its prototype, not a key.
  const hostile = `{"__proto__":{"workplace":true},${JSON.stringify({
    age: 'true',
    gender: 1,
    expression: null,
    workplace: { valueOf: 1 },
    retentionDays: 1e308,
    suppressionThreshold: 'Infinity',
    engine: XSS,
    [XSS]: XSS,
    constructor: { prototype: { polluted: 1 } },
  }).slice(1)}`;

  it('takes the default for every unusable value and pollutes nothing', () => {
    expect(parseSettings(hostile)).toEqual(DEFAULT_SETTINGS);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).workplace).toBeUndefined();
    for (const n of ['-1', '"NaN"', '"1e308"', '-0.5', '1e999', '[]']) {
      const s = parseSettings(
        `{"retentionDays":${n},"suppressionThreshold":${n}}`,
      );
      expect(s).toEqual(DEFAULT_SETTINGS);
    }
    for (const json of ['[1,2]', '"x"', '42', 'null', '{"a":', '']) {
      expect(parseSettings(json)).toEqual(DEFAULT_SETTINGS);
    }
  });

  it('keeps the usable values next to unusable ones', () => {
    const s = parseSettings(
      JSON.stringify({ engine: 'tfjs', gender: false, retentionDays: -7 }),
    );
    expect(s).toEqual({ ...DEFAULT_SETTINGS, engine: 'tfjs', gender: false });
  });

  it('names what was ignored, without repeating unknown field names', () => {
    expect(ignoredSettings(null)).toEqual([]);
    expect(ignoredSettings(JSON.stringify(DEFAULT_SETTINGS))).toEqual([]);
    expect(ignoredSettings(hostile)).toEqual([
      'age',
      'gender',
      'expression',
      'workplace',
      'retentionDays',
      'suppressionThreshold',
      'engine',
      '3 unknown fields',
    ]);
    expect(ignoredSettings('{nope')).toEqual(['the whole value (not JSON)']);
    expect(ignoredSettings('[]')).toEqual(['the whole value (not an object)']);
    expect(settingsWarning(JSON.stringify(DEFAULT_SETTINGS))).toBeNull();
    const warning = settingsWarning(hostile)!;
    expect(warning).toMatch(
      /^The saved settings held values this version cannot use \(age, .*3 unknown fields\): they are ignored, and the defaults apply\.$/,
    );
    expect(warning).not.toContain('<');
  });
});

const visit = (
  dwellMs: number,
  attentionMs: number,
  watcher: boolean,
): VisitSummary => ({
  startedAt: 0,
  dwellMs,
  attentionMs,
  glances: watcher ? 1 : 0,
  watcher,
  ageGroup: null,
  gender: null,
  mood: null,
  expression: null,
});

describe('live figures', () => {
  it('derives conversion, averages and attraction', () => {
    let c = emptyCounts();
    c = foldVisit(c, visit(10_000, 5_000, true));
    c = foldVisit(c, visit(20_000, 0, false));
    expect(derive(c)).toEqual({
      passersBy: 2,
      watchers: 1,
      conversion: '50 %',
      avgDwell: '15 s',
      avgAttention: '3 s',
      attraction: '17 %',
    });
  });

  it('suppresses small groups: counts as <N, no averages or ratios', () => {
    const c = foldVisit(emptyCounts(), visit(10_000, 5_000, true));
    expect(derive(c, 5)).toEqual({
      passersBy: '<5',
      watchers: '<5',
      conversion: null,
      avgDwell: null,
      avgAttention: null,
      attraction: null,
    });
    expect(derive(emptyCounts(), 5).passersBy).toBe(0);
  });

  it('hides the conversion when it would give away a hidden watcher count', () => {
    let c = emptyCounts();
    for (let i = 0; i < 20; i++)
      c = foldVisit(c, visit(10_000, i < 2 ? 5_000 : 0, i < 2));
    const shown = derive(c, 5);
    expect(shown.passersBy).toBe(20);
    expect(shown.watchers).toBe('<5');
    // 10 % of 20 would be exactly the 2 watchers hidden as "<5".
    expect(shown.conversion).toBeNull();
    // Without suppression, or with enough watchers, the share is shown.
    expect(derive(c, 1).conversion).toBe('10 %');
    expect(derive(c, 2).conversion).toBe('10 %');
  });
});
