// The data inventory's rows for authorised face matching (issue 18): its two databases, the
// encrypted profiles and the audit log, field by field, with what is in the clear. Listed
// whether matching is on or off, saying which exist now. Pure: imports only src/shared.

import {
  AUDIT_DB_NAME,
  PROFILES_DB_NAME,
  matchingOn,
  type ReviewerConfig,
} from './reviewer-config';
import { EXAMPLE_PROFILE_ID } from './reviewer-examples';
import type { InventoryRow } from './reviewer-inventory';
const EXAMPLE_AT = Date.UTC(2026, 11, 6, 9, 30);
const DAY = 86_400_000;

/** A stored authorisation record: keys of the app's lists, the operator's words, a time. */
export const EXAMPLE_AUTHORISATION = {
  purpose: 'staff-tracking',
  art6: 'consent',
  art9: 'explicit-consent',
  retentionDays: 90,
  affected: 'front-desk staff who signed the consent form',
  authorisedBy: 'Site manager',
  at: EXAMPLE_AT,
} as const;

const bytes = (n: number, what: string) => `[${n} ${what} bytes]`;

export function matchingInventoryRows(c: ReviewerConfig): InventoryRow[] {
  const on = matchingOn(c) !== null;
  const profilesNow = on
    ? ''
    : '. Does not exist now: authorised face matching is off';
  const auditNow = on
    ? ''
    : '. Exists only once authorised face matching has been turned on';
  const whileOn =
    'While authorised face matching is on; the whole database is deleted when it is turned off';
  const row = (
    store: string,
    field: string,
    type: string,
    example: string,
    meaning: string,
    retention = whileOn,
  ): InventoryRow => ({
    where: `IndexedDB ${PROFILES_DB_NAME} › ${store}`,
    field,
    type,
    example,
    meaning: `${meaning}${profilesNow}`,
    retention,
  });
  const auditRow = (
    field: string,
    type: string,
    example: string,
    meaning: string,
  ): InventoryRow => ({
    where: `IndexedDB ${AUDIT_DB_NAME} › entries`,
    field,
    type,
    example,
    meaning: `${meaning}${auditNow}`,
    retention:
      'Kept when matching is turned off, so the record outlives the profiles; until site data is cleared',
  });
  const auth = (
    field: keyof typeof EXAMPLE_AUTHORISATION,
    type: string,
    meaning: string,
  ) =>
    row(
      'authorisation',
      field,
      type,
      JSON.stringify(EXAMPLE_AUTHORISATION[field]),
      `The operator’s declaration when turning matching on, in the clear (about the deployment, not a person): ${meaning}`,
    );
  return [
    row(
      'keyring',
      'salt',
      'bytes (16, random)',
      bytes(16, 'random'),
      'Per-install random salt for deriving the key from the operator’s passphrase (PBKDF2-SHA-256); in the clear, useless without the passphrase',
    ),
    row(
      'keyring',
      'iterations',
      'whole number',
      '600000',
      'PBKDF2 rounds used for this store',
    ),
    row(
      'keyring',
      'check',
      'iv (12 bytes) and ciphertext',
      `{"iv":${bytes(12, 'random')},"data":${bytes(38, 'encrypted')}}`,
      'A fixed text encrypted under the key: a passphrase is right when it decrypts it. Holds nothing about anyone',
    ),
    row(
      'profiles',
      '(key)',
      '16 random hex digits',
      JSON.stringify(EXAMPLE_PROFILE_ID),
      'The profile’s random id, in the clear: means nothing outside this store; the per-profile counts in the buckets use it, never the label',
    ),
    row(
      'profiles',
      'expiresAt',
      'ms since 1970 (UTC)',
      String(EXAMPLE_AT + 90 * DAY),
      'When the profile expires, in the clear so expired profiles are deleted on start while locked; bound to the ciphertext, so editing it makes the profile unreadable, not longer-lived',
      'Until this expiry (deleted on the next start), the profile’s deletion, or matching turned off',
    ),
    row(
      'profiles',
      'sealed.iv',
      'bytes (12, random)',
      bytes(12, 'random'),
      'The AES-GCM nonce, fresh for each encryption',
    ),
    row(
      'profiles',
      'sealed.data',
      'ciphertext (AES-GCM, with its 16-byte tag)',
      bytes(1600, 'encrypted'),
      'The label the operator chose and the face descriptors of at least 3 captures (128 numbers each), encrypted under the key from the passphrase; unreadable while locked or with a wrong passphrase. No photo',
      'Until the profile expires, is deleted, or matching is turned off',
    ),
    auth('purpose', 'text: staff-tracking or visitor-whitelist', 'the purpose'),
    auth('art6', 'text: one of the GDPR Art. 6(1) bases', 'the legal basis'),
    auth(
      'art9',
      'text: one of the GDPR Art. 9(2) conditions',
      'the condition for biometric data',
    ),
    auth(
      'retentionDays',
      'whole number, 1–365',
      'the longest expiry an enrolment may set',
    ),
    auth(
      'affected',
      'text typed by the operator, at most 120 characters',
      'who is affected',
    ),
    auth(
      'authorisedBy',
      'text typed by the operator, at most 120 characters',
      'who authorised it',
    ),
    auth('at', 'ms since 1970 (UTC)', 'when it was declared'),
    auditRow(
      'at',
      'ms since 1970 (UTC)',
      String(EXAMPLE_AT),
      'When the act happened',
    ),
    auditRow(
      'action',
      'text: turned-on, turned-off, enrolled, deleted, deleted-all, expired, unlocked, unlock-failed or locked',
      '"enrolled"',
      'What the operator (or expiry on start) did. No label, descriptor or other text',
    ),
    auditRow(
      'count',
      'whole number',
      '1',
      'How many profiles the act touched (0 when none applies)',
    ),
  ];
}
