// Settings files (export and import): a round trip keeps every setting; a file that is not
// LocalSight's own kind and version is refused; hostile fields are ignored and named, and
// keep their current value, never a default or the crafted one.

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type AnalysisSettings,
} from '../../src/shared/settings';
import {
  readSettingsFile,
  settingsFile,
  SETTINGS_FILE_KIND,
} from '../../src/shared/settings-file';

const CURRENT: AnalysisSettings = {
  ...DEFAULT_SETTINGS,
  retentionDays: 7,
  suppressionThreshold: 10,
  workplace: true,
  expression: false,
};
const XSS = '<img src=x onerror=alert(1)>';
const file = (fields: unknown, extra: object = {}) =>
  JSON.stringify({
    kind: SETTINGS_FILE_KIND,
    version: 1,
    settings: fields,
    ...extra,
  });

describe('settings files', () => {
  it('round-trip every setting, and nothing else', () => {
    const text = settingsFile({
      ...CURRENT,
      // A stray property on the object is not written.
      ...({ stray: 1 } as object),
    } as AnalysisSettings);
    expect(Object.keys(JSON.parse(text).settings).sort()).toEqual(
      Object.keys(DEFAULT_SETTINGS).sort(),
    );
    const read = readSettingsFile(text, DEFAULT_SETTINGS);
    expect(read).toEqual({
      ok: true,
      settings: CURRENT,
      taken: Object.keys(DEFAULT_SETTINGS),
      ignored: [],
    });
  });

  it('refuse what is not a LocalSight settings file of this version', () => {
    const refused = (text: string) => {
      const r = readSettingsFile(text, CURRENT);
      return r.ok ? 'taken' : r.reason;
    };
    expect(refused('{not json')).toBe('is not JSON');
    expect(refused('[]')).toBe('is not a LocalSight settings file');
    // A counts export, say.
    expect(refused(JSON.stringify({ buckets: [] }))).toBe(
      'is not a LocalSight settings file',
    );
    expect(refused(file({}, { version: 2 }))).toBe(
      'is version 2 of the settings file; this LocalSight reads version 1',
    );
    for (const version of ['1', 1e308, XSS, null])
      expect(refused(file({}, { version }))).toBe(
        'is an unknown version of the settings file; this LocalSight reads version 1',
      );
    expect(refused(file([1, 2]))).toBe('holds no settings object');
    expect(refused(file(XSS))).toBe('holds no settings object');
  });

  it('take the usable fields, keep the current value of the rest, and name them', () => {
    const text = `{"kind":"${SETTINGS_FILE_KIND}","version":1,"settings":{
      "age": false,
      "gender": "${XSS.replace(/"/g, '\\"')}",
      "retentionDays": 1e308,
      "suppressionThreshold": "Infinity",
      "engine": "mediapipe",
      "__proto__": {"workplace": false},
      "${XSS.replace(/"/g, '\\"')}": 1
    }}`;
    const read = readSettingsFile(text, CURRENT);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.settings).toEqual({
      ...CURRENT,
      age: false,
      engine: 'mediapipe',
    });
    expect(read.taken).toEqual(['age', 'engine']);
    expect(read.ignored).toEqual([
      'gender',
      'retentionDays',
      'suppressionThreshold',
      '2 unknown fields',
    ]);
    // Nothing crafted reached the result, not even through __proto__.
    expect(JSON.stringify(read)).not.toContain('onerror');
    expect(Object.getPrototypeOf(read.settings)).toBe(Object.prototype);
  });
});
