// What the privacy inspector says about authorised face matching (issue 18), in words: its
// state beside whether the profiles database exists, the audit log's actions, and whether the
// session's network record shows the face-recognition model requested. Pure; imports
// src/shared only.

import type { MatchingInspect, NetworkRecord } from './inspector-types';

export interface EvidenceLine {
  text: string;
  /** The evidence contradicts what the state promises. */
  alarm: boolean;
}

/** The state in words, checked against whether the profiles database exists. */
export function matchingStateWords(m: MatchingInspect): EvidenceLine {
  switch (m.state) {
    case 'starting':
      return {
        text: 'Starting: the profiles store is being opened.',
        alarm: false,
      };
    case 'off':
      return m.databaseExists
        ? {
            text: 'Off, but a profiles database exists: it should not while matching is off.',
            alarm: true,
          }
        : { text: 'Off — no profiles database exists.', alarm: false };
    case 'locked':
    case 'unlocked': {
      const words =
        m.state === 'locked'
          ? 'On, locked — the profiles cannot be read until the operator gives the passphrase, and no face is matched.'
          : 'On, unlocked — faces are compared with the enrolled profiles on this device now.';
      return m.databaseExists
        ? { text: words, alarm: false }
        : {
            text: `${words} But no profiles database was found.`,
            alarm: true,
          };
    }
  }
}

const ACTIONS: Readonly<Record<string, string>> = {
  'turned-on': 'Turned on (declaration recorded)',
  'turned-off': 'Turned off',
  enrolled: 'Profile enrolled',
  deleted: 'Profile deleted, with its counts',
  'deleted-all': 'Every profile deleted (database deleted)',
  expired: 'Expired profiles deleted on start',
  unlocked: 'Unlocked',
  'unlock-failed': 'Failed unlock (wrong passphrase; nothing read)',
  locked: 'Locked',
};

/** An audit action in words; one this build does not know is named as it is stored. */
export const auditActionWords = (action: string): string =>
  Object.hasOwn(ACTIONS, action)
    ? ACTIONS[action]!
    : `Unknown action “${action}”`;

export interface RecognitionEvidence extends EvidenceLine {
  /** null: there is no network record yet. */
  fetched: boolean | null;
  /** How many of the session's requests were for the model's files. */
  requests: number;
}

const withoutQuery = (url: string, base: string): string | null => {
  try {
    const u = new URL(url, base);
    u.search = '';
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
};

/**
 * Whether the page or the analysis worker requested the face-recognition model's files this
 * session (`base`: the app's base URL; `sessionStart`: ms since the epoch, the page's time
 * origin). Loading it is expected only once matching was turned on or unlocked in the
 * session; otherwise a request contradicts "off by default".
 */
export function recognitionEvidence(
  m: MatchingInspect,
  net: NetworkRecord | null,
  base: string,
  sessionStart: number,
): RecognitionEvidence {
  if (!net) {
    return {
      fetched: null,
      requests: 0,
      text: 'The network record has not been taken yet.',
      alarm: false,
    };
  }
  const files = new Set(
    m.modelFiles.map((f) => withoutQuery(f, base)).filter(Boolean),
  );
  const hits = net.requests.filter((r) => files.has(withoutQuery(r.url, base)));
  if (hits.length === 0) {
    return {
      fetched: false,
      requests: 0,
      text: 'The face-recognition model was not requested this session, by the page or the analysis worker.',
      alarm: false,
    };
  }
  const realms = [...new Set(hits.map((r) => r.realm))]
    .map((r) => (r === 'worker' ? 'analysis worker' : r))
    .join(' and ');
  const expected =
    m.state === 'unlocked' ||
    m.audit.some(
      (e) =>
        e.at >= sessionStart &&
        (e.action === 'turned-on' || e.action === 'unlocked'),
    );
  const n = `${hits.length} request${hits.length === 1 ? '' : 's'} by the ${realms}`;
  return expected
    ? {
        fetched: true,
        requests: hits.length,
        text: `The face-recognition model was loaded this session (matching on): ${n}.`,
        alarm: false,
      }
    : {
        fetched: true,
        requests: hits.length,
        text: `The face-recognition model was requested this session (${n}), but matching was not turned on or unlocked in it.`,
        alarm: true,
      };
}
