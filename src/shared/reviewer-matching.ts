// What the reviewer documents say about authorised face matching (issue 18): the notice's
// sentences, the DPIA's section and open questions, and the inventory's rows for its two
// databases. Off (the default) they say no one is identified. Pure: imports only src/shared.

import type { MatchingDeclaration } from './inspector-types';
import {
  AUDIT_DB_NAME,
  PROFILES_DB_NAME,
  days,
  matchingOn,
  type DocSection,
  type ReviewerConfig,
} from './reviewer-config';

/** "authorised staff tracking": the declared purpose as it reads inside a sentence. */
export const purposeWords = (m: MatchingDeclaration): string =>
  m.purpose.charAt(0).toLowerCase() + m.purpose.slice(1);

/** The recorded date of the declaration, as a UTC day (the documents carry no time zone). */
export const declaredOn = (m: MatchingDeclaration): string =>
  new Date(m.at).toISOString().slice(0, 10);

/** The notice's and the sign's lines on matching while it is on; none while it is off. */
export function matchingNoticeLines(c: ReviewerConfig): string[] {
  const m = matchingOn(c);
  if (!m) return [];
  return [
    `Face matching is ON, for ${purposeWords(m)}: faces are compared on this device with the people enrolled for it (${m.affected}) only. Everyone else is not identified or recognised.`,
    `Enrolled people’s face templates (no photo) are kept encrypted for at most ${days(m.retentionDays)}. Legal basis: ${m.basis}; ${m.condition}.`,
  ];
}

const MODEL = 'face-api’s face recognition network (128-number descriptors)';

/** The configuration line of the DPIA on matching. */
export function matchingSetupLine(c: ReviewerConfig): string {
  const m = matchingOn(c);
  return m
    ? `Authorised face matching: ON since ${declaredOn(m)}, for ${purposeWords(m)}, authorised by ${m.authorisedBy}.`
    : 'Authorised face matching: off (the default); no profiles database exists and the face-recognition model is not loaded.';
}

/** The DPIA's section on authorised matching, off or on. */
export function matchingDpiaSection(c: ReviewerConfig, n: number): DocSection {
  const m = matchingOn(c);
  const title = `${n}. Authorised face matching (biometric identification)`;
  const off = [
    'Off by default. While off, no face descriptor is computed, the analysis worker never loads the face-recognition model (the privacy inspector’s network record shows it was not requested), and no profiles database exists. The model file is in the offline copy, like every model, so matching can work offline once turned on.',
    'Turning it on is a recorded act of the operator: the purpose (authorised staff tracking or a visitor white-list), the GDPR Art. 6 basis, the Art. 9(2) condition for biometric data, the retention, who is affected and who authorised it, and a passphrase. Update this DPIA before turning it on.',
  ];
  if (!m) return { title, items: off };
  return {
    title,
    items: [
      `Status: ON. Declared on ${declaredOn(m)} by the operator: purpose ${m.purpose}; Art. 6 basis ${m.basis}; Art. 9(2) condition ${m.condition}; profiles kept at most ${days(m.retentionDays)}; affected: ${m.affected}; authorised by ${m.authorisedBy}.`,
      `Processing: while the store is unlocked, ${MODEL} describes each tracked face in the analysis worker; the descriptor is compared with the enrolled ones (cosine distance ≤ 0.05) and dropped at once. A track is labelled with the operator’s label once 2 of its last 5 descriptors agree on one profile, and counted once per face track (a face unseen for over a second starts a new track, so one visit can count twice). With no one enrolled, no face is described. Faces that match no profile are not identified, labelled or kept.`,
      'Enrolment: at least 3 captures of one person, after the operator confirms on screen that the person consented (or the client’s authorisation covers them) and was told how to have the profile deleted; only the descriptors, the label the operator chose and an expiry date are kept. No photo or crop is kept.',
      `Stored, profiles: IndexedDB “${PROFILES_DB_NAME}”, apart from the counts. Each profile’s label and descriptors are encrypted with AES-GCM (a fresh 96-bit IV per record; its id and expiry bound as additional data) under a non-extractable 256-bit key derived from the operator’s passphrase with PBKDF2-SHA-256, 600,000 rounds, and a random per-install salt. In the clear: each profile’s random id and expiry date (so expired profiles are deleted on start while locked), the salt and rounds, and the declaration above (about the deployment, not a person).`,
      `Stored, audit log: IndexedDB “${AUDIT_DB_NAME}”, one entry per act (turned on or off, enrolled, deleted, expired, unlocked, failed unlock, locked): its time, the action and a count of profiles. No label, descriptor or other text. It is kept when matching is turned off, so the record outlives the profiles.`,
      'Stored, counts: each enrolled person’s visits are counted in the minute, hour and day buckets under the profile’s random 16-hex-digit id, never the label. They follow the counts’ retention and are deleted with the profile (and all of them when matching is turned off). Counts per profile per minute are a presence log of an identified person.',
      'Risk — misidentification: a visitor taken for an enrolled person, or an enrolled person missed. Measured by npm run eval:matching on photos shipped in npm packages: no false match among 631 impostor pairs at full size and 31 at live size (FMR 0; with so few pairs a true rate up to about 0.5 % could still show none); 30.9 % of 55 genuine cross-photo pairs and 3.2 % of 277 altered captures missed (FNMR) at cosine distance ≤ 0.05, a threshold set below the closest impostor pair (0.063) so that it errs on missing people; small samples. Published systems err more for some groups (see the model card). Measures: at least 3 captures per enrolment, 2 of 5 agreeing descriptors before a label, a label is a prompt for staff and never grounds to act against anyone on its own.',
      'Risk — function creep: profiles used beyond the declared purpose (e.g. tracking visitors, or staff outside the purpose). Measures: the declaration is recorded and shown on the always-visible banner, the notice and this document; the audit log; profiles expire; the store is locked at every start.',
      'Risk — a forgotten passphrase: the profiles cannot be recovered. Measures: turning matching off deletes every profile and its counts; enrol again.',
      'Risk — unauthorised reading of profiles on the device. Measures: encrypted at rest, locked at every start, a wrong passphrase reads nothing and failed unlocks are audited; delete one profile (with its counts) or all of them (the database is deleted).',
      'Measures, in short: the banner while on, the audit log, expiry on start, delete one or all, locked at start, off by default.',
    ],
  };
}

/** The DPIA's open questions while matching is on. */
export function matchingOpenQuestions(c: ReviewerConfig): string[] {
  const m = matchingOn(c);
  if (!m) {
    return [
      'If authorised face matching is ever needed: which purpose, basis and Art. 9(2) condition apply? Record them and update this DPIA before turning it on.',
    ];
  }
  return [
    `Authorised face matching: is ${m.condition} valid here (consent is rarely freely given by employees), and is identification necessary for ${purposeWords(m)}, or would a less intrusive means do?`,
    'How are enrolled people told, how do they withdraw consent or ask for their profile to be deleted, and who acts on it?',
    'Who knows the passphrase, and who may unlock, enrol and read the per-profile counts?',
  ];
}
