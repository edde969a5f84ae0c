// The settings as a file, for setting up a fleet of demo tablets alike: what "Export
// settings" writes and what "Import settings" accepts. An imported file is untrusted input:
// it must be LocalSight's own kind and version, only known fields with usable values are
// taken, everything else keeps its current value and is named in a notice. Pure: no DOM.

import {
  DEFAULT_SETTINGS,
  ignoredSettings,
  parseSettings,
  type AnalysisSettings,
} from './settings';

export const SETTINGS_FILE_KIND = 'localsight-settings';
export const SETTINGS_FILE_VERSION = 1;
/** A settings file is about 200 bytes; anything much larger is not one. */
export const SETTINGS_FILE_MAX_BYTES = 64 * 1024;

/**
 * The file "Export settings" writes. `alerts`: the zones, lines and rules (issue 17), as the
 * alerts domain saves them; the file carries them and the reader hands them back unread.
 */
export function settingsFile(
  settings: AnalysisSettings,
  alerts?: unknown,
): string {
  const known = Object.fromEntries(
    Object.keys(DEFAULT_SETTINGS).map((k) => [
      k,
      settings[k as keyof AnalysisSettings],
    ]),
  );
  return `${JSON.stringify(
    {
      kind: SETTINGS_FILE_KIND,
      version: SETTINGS_FILE_VERSION,
      settings: known,
      ...(alerts === undefined ? {} : { alerts }),
    },
    null,
    2,
  )}\n`;
}

export type SettingsImport =
  | {
      ok: true;
      settings: AnalysisSettings;
      taken: string[];
      ignored: string[];
      /** The file's zones, lines and rules, unparsed (untrusted); undefined when it has none. */
      alerts: unknown;
    }
  | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Reads a settings file against the current settings: the usable fields it holds are taken
 * (`taken`), the rest keep their current value (`ignored` names the unusable known fields and
 * counts the unknown ones, never repeating what was written there).
 */
export function readSettingsFile(
  text: string,
  current: AnalysisSettings,
): SettingsImport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'is not JSON' };
  }
  if (!isObject(raw) || raw['kind'] !== SETTINGS_FILE_KIND)
    return { ok: false, reason: 'is not a LocalSight settings file' };
  const version = raw['version'];
  if (version !== SETTINGS_FILE_VERSION) {
    const which =
      typeof version === 'number' && Number.isSafeInteger(version)
        ? `version ${version}`
        : 'an unknown version';
    return {
      ok: false,
      reason: `is ${which} of the settings file; this LocalSight reads version ${SETTINGS_FILE_VERSION}`,
    };
  }
  const fields = raw['settings'];
  if (!isObject(fields))
    return { ok: false, reason: 'holds no settings object' };
  const json = JSON.stringify(fields);
  const ignored = ignoredSettings(json);
  const parsed = parseSettings(json);
  const settings = { ...current };
  const taken: string[] = [];
  for (const key of Object.keys(
    DEFAULT_SETTINGS,
  ) as (keyof AnalysisSettings)[]) {
    if (!Object.hasOwn(fields, key) || ignored.includes(key)) continue;
    (settings as Record<string, unknown>)[key] = parsed[key];
    taken.push(key);
  }
  return { ok: true, settings, taken, ignored, alerts: raw['alerts'] };
}
