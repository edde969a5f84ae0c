// Sorts the requests of a session into same-origin, local (data:, blob:, about:) and
// off-origin, and counts them. Pure: URL parsing only; imports nothing outside src/shared.

import type {
  NetworkRecord,
  NetworkRequest,
  Realm,
  RequestPlace,
  ResourceEntry,
} from './inspector-types';

const LOCAL_SCHEMES = ['data:', 'blob:', 'about:'];

/** Where `url` points, seen from `appOrigin`. Anything unparseable counts as off-origin. */
export function classifyRequest(
  url: string,
  appOrigin: string,
): { place: RequestPlace; origin: string } {
  let parsed: URL;
  try {
    parsed = new URL(url, appOrigin);
  } catch {
    return { place: 'off-origin', origin: 'unparseable URL' };
  }
  // blob: URLs carry their creator's origin, but never leave the browser.
  if (LOCAL_SCHEMES.includes(parsed.protocol)) {
    return { place: 'local', origin: 'local' };
  }
  const origin = parsed.origin;
  // Opaque origins ("null") cannot be shown to be ours: fail closed.
  if (origin !== 'null' && origin === new URL(appOrigin).origin) {
    return { place: 'same-origin', origin };
  }
  return { place: 'off-origin', origin };
}

/** Entries of both realms → the session's network record. Duplicates (same realm, URL, start) collapse. */
export function buildNetworkRecord(
  entries: readonly { realm: Realm; entry: ResourceEntry }[],
  appOrigin: string,
  notes: readonly string[] = [],
): NetworkRecord {
  const seen = new Set<string>();
  const requests: NetworkRequest[] = [];
  for (const { realm, entry } of entries) {
    const id = `${realm} ${entry.startTime} ${entry.initiatorType} ${entry.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const { place, origin } = classifyRequest(entry.name, appOrigin);
    requests.push({
      url: entry.name,
      origin,
      initiatorType: entry.initiatorType,
      realm,
      bytes: Number.isFinite(entry.transferSize) ? entry.transferSize : 0,
      place,
    });
  }
  const offOrigin = requests.filter((r) => r.place === 'off-origin').length;
  const local = requests.filter((r) => r.place === 'local').length;
  return {
    appOrigin,
    requests,
    counts: {
      total: requests.length,
      sameOrigin: requests.length - offOrigin,
      local,
      offOrigin,
    },
    notes: [...notes],
  };
}

/** Plain copies of Resource Timing entries (structured-cloneable, no class instances). */
export function toResourceEntries(
  list: readonly {
    name: string;
    initiatorType?: string;
    entryType?: string;
    transferSize?: number;
    startTime: number;
  }[],
): ResourceEntry[] {
  return list.map((e) => ({
    name: e.name,
    initiatorType: e.initiatorType ?? e.entryType ?? 'other',
    transferSize: e.transferSize ?? 0,
    startTime: e.startTime,
  }));
}
