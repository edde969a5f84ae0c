// What the privacy inspector says of authorised face matching (issue 18): the state in words
// beside whether the profiles database exists, the audit actions in words, and whether the
// session's network record (page and worker) shows the recognition model requested.

import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../src/matching/audit-log';
import type {
  MatchingInspect,
  NetworkRecord,
} from '../../src/shared/inspector-types';
import {
  auditActionWords,
  matchingStateWords,
  recognitionEvidence,
} from '../../src/shared/matching-evidence';
import { buildNetworkRecord } from '../../src/shared/network-classify';

const APP = 'https://localsight.test/';
const START = Date.UTC(2026, 11, 6, 9);
const FILES = [
  'models/face_recognition_model-weights_manifest.json',
  'models/face_recognition_model.bin',
];
const OFF: MatchingInspect = {
  state: 'off',
  declaration: null,
  profiles: 0,
  bytes: 0,
  databaseExists: false,
  encryption: 'AES-GCM …',
  audit: [],
  modelFiles: FILES,
};
const net = (urls: [string, 'page' | 'worker'][]): NetworkRecord =>
  buildNetworkRecord(
    urls.map(([name, realm], i) => ({
      realm,
      entry: { name, initiatorType: 'fetch', transferSize: 0, startTime: i },
    })),
    new URL(APP).origin,
  );
const APP_FILES = net([
  [APP, 'page'],
  [`${APP}models/emotion.bin`, 'worker'],
]);
const MODEL_LOADED = net([
  [APP, 'page'],
  [`${APP}models/face_recognition_model-weights_manifest.json`, 'worker'],
  [`${APP}models/face_recognition_model.bin?__WB_REVISION__=abc`, 'worker'],
]);

describe('matchingStateWords', () => {
  it('says each state in words, and raises the alarm when the database contradicts it', () => {
    expect(matchingStateWords(OFF)).toEqual({
      text: 'Off — no profiles database exists.',
      alarm: false,
    });
    expect(matchingStateWords({ ...OFF, databaseExists: true }).alarm).toBe(
      true,
    );
    const locked = { ...OFF, state: 'locked' as const, databaseExists: true };
    expect(matchingStateWords(locked).text).toMatch(/^On, locked — /);
    expect(matchingStateWords({ ...locked, state: 'unlocked' }).text).toMatch(
      /^On, unlocked — /,
    );
    expect(
      matchingStateWords({ ...locked, databaseExists: false }),
    ).toMatchObject({ alarm: true });
    expect(matchingStateWords({ ...OFF, state: 'starting' }).text).toMatch(
      /^Starting/,
    );
  });
});

describe('auditActionWords', () => {
  it('has words for every action the audit log records', () => {
    for (const a of AUDIT_ACTIONS) {
      expect(auditActionWords(a)).not.toMatch(/Unknown/);
    }
    expect(auditActionWords('unlock-failed')).toMatch(/wrong passphrase/);
    expect(auditActionWords('surprise')).toBe('Unknown action “surprise”');
  });
});

describe('recognitionEvidence', () => {
  it('says the model was not requested when neither page nor worker asked for it', () => {
    expect(recognitionEvidence(OFF, APP_FILES, APP, START)).toEqual({
      fetched: false,
      requests: 0,
      text: 'The face-recognition model was not requested this session, by the page or the analysis worker.',
      alarm: false,
    });
  });

  it('says it was loaded while matching is on, counting the requests by realm', () => {
    const on = { ...OFF, state: 'unlocked' as const, databaseExists: true };
    expect(recognitionEvidence(on, MODEL_LOADED, APP, START)).toEqual({
      fetched: true,
      requests: 2,
      text: 'The face-recognition model was loaded this session (matching on): 2 requests by the analysis worker.',
      alarm: false,
    });
  });

  it('raises the alarm when it was requested but matching was not on in this session', () => {
    const e = recognitionEvidence(OFF, MODEL_LOADED, APP, START);
    expect(e).toMatchObject({ fetched: true, alarm: true });
    expect(e.text).toMatch(/but matching was not turned on or unlocked in it/);
    // Locked now, but unlocked earlier this session: expected.
    const locked: MatchingInspect = {
      ...OFF,
      state: 'locked',
      databaseExists: true,
      audit: [
        { at: START - 1000, action: 'turned-on', count: 0 },
        { at: START + 1000, action: 'unlocked', count: 0 },
        { at: START + 2000, action: 'locked', count: 0 },
      ],
    };
    expect(recognitionEvidence(locked, MODEL_LOADED, APP, START).alarm).toBe(
      false,
    );
    // Turned on and off again this session: the audit log shows it was on.
    const offAgain: MatchingInspect = {
      ...OFF,
      audit: [
        { at: START + 1000, action: 'turned-on', count: 0 },
        { at: START + 2000, action: 'turned-off', count: 0 },
      ],
    };
    expect(recognitionEvidence(offAgain, MODEL_LOADED, APP, START).alarm).toBe(
      false,
    );
    // Unlocked only in an earlier session: this session's request is unexplained.
    const before: MatchingInspect = {
      ...locked,
      audit: locked.audit.map((a) => ({ ...a, at: START - 5000 })),
    };
    expect(recognitionEvidence(before, MODEL_LOADED, APP, START).alarm).toBe(
      true,
    );
  });

  it('waits for the network record', () => {
    expect(recognitionEvidence(OFF, null, APP, START)).toMatchObject({
      fetched: null,
      alarm: false,
    });
  });
});
