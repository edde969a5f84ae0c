// The reviewer documents and authorised face matching (issue 18): off, they say no one is
// identified and no descriptor is kept; on, the notice and the sign say plainly that faces
// are matched against enrolled people, for which purpose, and that everyone else is not
// identified; the DPIA carries the declaration, what is stored, risks and measures; the
// inventory lists both databases field by field; the model card carries the measured figures.

import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_DB } from '../../src/matching/audit-log';
import {
  ART6_BASES,
  ART9_CONDITIONS,
  PURPOSES,
  readAuthorisation,
} from '../../src/matching/authorisation';
import { PBKDF2_ITERATIONS } from '../../src/matching/profile-crypto';
import { PROFILES_DB } from '../../src/matching/profile-store';
import { PROFILE_ID, validateBucket } from '../../src/shared/aggregates';
import type { MatchingDeclaration } from '../../src/shared/inspector-types';
import {
  CARD_MATCH_THRESHOLD,
  FACE_RECOGNITION_CARD,
} from '../../src/shared/model-card-recognition';
import { MATCH_THRESHOLD } from '../../src/matching/constants';
import { MODEL_CARDS } from '../../src/shared/model-cards';
import { EXAMPLE_AUTHORISATION } from '../../src/shared/reviewer-inventory-matching';
import {
  AUDIT_DB_NAME,
  PROFILES_DB_NAME,
  SIGN_FULL_SIZE_CHARS,
  dataInventory,
  dpiaStarter,
  exampleBucket,
  firstLayerNotice,
  modelCardsDoc,
  noticeSign,
  reviewerConfig,
} from '../../src/shared/reviewer-docs';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { SCHEMA_VERSION } from '../../src/store/db';

const STAFF: MatchingDeclaration = {
  purpose: PURPOSES['staff-tracking'],
  basis: ART6_BASES.consent,
  condition: ART9_CONDITIONS['explicit-consent'],
  retentionDays: 90,
  affected: 'front-desk staff who signed the consent form',
  authorisedBy: 'Site manager',
  at: Date.UTC(2026, 11, 6, 9, 30),
};
const settings = { ...DEFAULT_SETTINGS, retentionDays: 17 };
const off = reviewerConfig(settings, SCHEMA_VERSION, MODEL_CARDS);
const on = reviewerConfig(
  settings,
  SCHEMA_VERSION,
  MODEL_CARDS,
  undefined,
  STAFF,
);

const noticeText = (c: typeof on) => {
  const n = firstLayerNotice(c);
  const s = noticeSign(c);
  return [n.heading, n.short, ...n.lines, s.heading, ...s.lines].join('\n');
};

describe('reviewerConfig and matching', () => {
  it('copies the declaration as its 5th parameter; absent or null means off', () => {
    expect(on.matching).toEqual(STAFF);
    expect(on.matching).not.toBe(STAFF);
    expect(off.matching).toBeUndefined();
    expect(
      reviewerConfig(settings, SCHEMA_VERSION, MODEL_CARDS, undefined, null),
    ).not.toHaveProperty('matching');
  });

  it('names the real databases', () => {
    expect(PROFILES_DB_NAME).toBe(PROFILES_DB);
    expect(AUDIT_DB_NAME).toBe(AUDIT_DB);
  });
});

describe('the notice and the sign', () => {
  it('say no one is identified while matching is off', () => {
    const text = noticeText(off);
    expect(text).toMatch(/No one is identified or recognised\./);
    expect(text).not.toMatch(/face matching|enrolled/i);
    expect(firstLayerNotice(off).heading).toBe('Camera analytics in use');
    expect(firstLayerNotice(off).lines).toContain(
      'Only anonymous totals per minute, hour and day are kept, for 17 days.',
    );
  });

  it('say plainly that matching is on, for which purpose, and that everyone else is not identified', () => {
    const n = firstLayerNotice(on);
    const s = noticeSign(on);
    expect(n.heading).toBe('Camera analytics and face matching in use');
    expect(s.heading).toBe('CAMERA ANALYTICS AND FACE MATCHING IN USE');
    expect(n.short).toMatch(
      /^Camera analytics and face matching in use: enrolled people recognised for authorised staff tracking, everyone else not identified;/,
    );
    for (const lines of [n.lines, s.lines]) {
      const text = lines.join('\n');
      expect(text).toContain(
        'Face matching is ON, for authorised staff tracking: faces are compared on this device with the people enrolled for it (front-desk staff who signed the consent form) only. Everyone else is not identified or recognised.',
      );
      expect(text).toMatch(
        /face templates \(no photo\) are kept encrypted for at most 90 days\. Legal basis: Consent \(Art\. 6\(1\)\(a\)\); Explicit consent \(Art\. 9\(2\)\(a\)\)\./,
      );
      expect(text).toContain(
        'Purpose: to count visitors and measure attention to this display, and for authorised staff tracking.',
      );
      // Counts of enrolled people are per person: "anonymous" would no longer be true.
      expect(text).not.toMatch(/anonymous/);
      expect(text).toMatch(/visits of enrolled people are counted per person/);
      // Never both "no one is identified" and matching on.
      expect(text).not.toMatch(/No one is identified/);
    }
    expect(noticeText(on)).toMatch(/No image or video is recorded/);
  });

  it('keeps the estimates’ AI Act sentence without the promise matching would break', () => {
    expect(firstLayerNotice(on).lines[1]).toBe(
      'This AI system sorts faces into age and gender groups (biometric categorisation) and reads facial expressions (emotion recognition).',
    );
    const none = reviewerConfig(
      { ...settings, age: false, gender: false, expression: false },
      SCHEMA_VERSION,
      MODEL_CARDS,
      undefined,
      STAFF,
    );
    expect(firstLayerNotice(none).lines[1]).toMatch(/^Face matching is ON/);
  });

  it('prints a long sign smaller, so it stays on one A4 page', () => {
    expect(noticeSign(off).dense).toBe(false);
    const longest = reviewerConfig(
      { ...settings, age: true, gender: true, expression: true },
      SCHEMA_VERSION,
      MODEL_CARDS,
      undefined,
      {
        ...STAFF,
        affected: 'W'.repeat(120),
        basis: ART6_BASES['legitimate-interests'],
      },
    );
    const sign = noticeSign(longest);
    const chars = [...sign.lines, ...sign.footer].join('').length;
    expect(chars).toBeGreaterThan(SIGN_FULL_SIZE_CHARS);
    expect(sign.dense).toBe(true);
    // Measured in Chromium at the dense print size (14 pt): about 1,600 characters fit a page.
    expect(chars).toBeLessThanOrEqual(1_450);
  });
});

describe('the DPIA', () => {
  const section = (c: typeof on, title: RegExp) =>
    dpiaStarter(c)
      .sections.find((s) => title.test(s.title))
      ?.items.join('\n') ?? '';

  it('has a section on authorised matching, saying it is off by default', () => {
    const text = section(off, /^6\. Authorised face matching/);
    expect(text).toMatch(/^Off by default\./);
    expect(text).toMatch(/never loads the face-recognition model/);
    expect(text).toMatch(/no profiles database exists/);
    expect(text).toMatch(/Update this DPIA before turning it on/);
    const all = dpiaStarter(off).markdown;
    expect(all).toMatch(/Authorised face matching: off \(the default\)/);
    expect(all).toMatch(/authorised face matching, section 6, is off/);
    // What the DPIA used to say is no longer true: the recognition model ships (unused).
    expect(all).not.toMatch(/No face descriptor .* model is shipped/);
    expect(all).not.toMatch(/no identification model shipped/);
  });

  it('carries the declaration, what is stored, the risks and measures while on', () => {
    const text = section(on, /^6\. Authorised face matching/);
    expect(text).toContain(
      'Status: ON. Declared on 2026-12-06 by the operator: purpose Authorised staff tracking; Art. 6 basis Consent (Art. 6(1)(a)); Art. 9(2) condition Explicit consent (Art. 9(2)(a)); profiles kept at most 90 days; affected: front-desk staff who signed the consent form; authorised by Site manager.',
    );
    for (const fact of [
      /AES-GCM/,
      /non-extractable 256-bit key/,
      /PBKDF2-SHA-256, 600,000 rounds, and a random per-install salt/,
      /IndexedDB “localsight-profiles”/,
      /In the clear: each profile’s random id and expiry date .* the declaration above/,
      /IndexedDB “localsight-matching-audit”.*its time, the action and a count/,
      /random 16-hex-digit id, never the label.*deleted with the profile/,
      /631 impostor pairs/,
      /30\.9 % of 55 genuine cross-photo pairs/,
      /cosine distance ≤ 0\.05\b/,
      /errs on missing people; small samples/,
      /Risk — function creep/,
      /Risk — a forgotten passphrase: the profiles cannot be recovered/,
      /banner.*audit log.*expiry on start.*delete one or all.*locked at start/,
    ]) {
      expect(text).toMatch(fact);
    }
    const d = dpiaStarter(on);
    expect(d.sections[0].items).toContain(
      'Authorised face matching: ON since 2026-12-06, for authorised staff tracking, authorised by Site manager.',
    );
    expect(d.sections[2].items.join('\n')).toMatch(
      /^Authorised staff tracking \(authorised face matching, section 6\)/m,
    );
    expect(d.sections[2].items.join('\n')).toMatch(
      /profiling anyone who is not enrolled/,
    );
    expect(d.sections[5].items.join('\n')).toMatch(
      /consent is rarely freely given by employees/,
    );
    expect(d.markdown).toMatch(
      /Enrolled people’s profiles and per-profile counts are their personal data/,
    );
  });
});

describe('the data inventory', () => {
  it('lists both matching databases field by field, saying they do not exist while off', () => {
    const rows = (c: typeof on) =>
      dataInventory(c).rows.filter(
        (r) =>
          r.where.includes(PROFILES_DB_NAME) || r.where.includes(AUDIT_DB_NAME),
      );
    const fields = rows(on).map((r) => `${r.where.split(' › ')[1]}.${r.field}`);
    expect(fields).toEqual([
      'keyring.salt',
      'keyring.iterations',
      'keyring.check',
      'profiles.(key)',
      'profiles.expiresAt',
      'profiles.sealed.iv',
      'profiles.sealed.data',
      ...Object.keys(EXAMPLE_AUTHORISATION).map((k) => `authorisation.${k}`),
      'entries.at',
      'entries.action',
      'entries.count',
    ]);
    const meaning = (f: string) =>
      rows(on).find((r) => r.field === f)?.meaning ?? '';
    expect(meaning('sealed.data')).toMatch(/label .* descriptors .* encrypted/);
    expect(meaning('sealed.data')).toMatch(/No photo/);
    expect(meaning('expiresAt')).toMatch(/in the clear/);
    expect(meaning('action')).toMatch(/No label, descriptor or other text/);
    for (const r of rows(off)) {
      expect(r.meaning).toMatch(
        r.where.includes(AUDIT_DB_NAME)
          ? /Exists only once authorised face matching has been turned on/
          : /Does not exist now: authorised face matching is off/,
      );
    }
    expect(rows(on).some((r) => /Does not exist now/.test(r.meaning))).toBe(
      false,
    );
  });

  it('shows examples the app itself would write', () => {
    expect(readAuthorisation(EXAMPLE_AUTHORISATION)).toEqual({
      ok: true,
      value: EXAMPLE_AUTHORISATION,
    });
    const rows = dataInventory(on).rows;
    expect(rows.find((r) => r.field === 'iterations')?.example).toBe(
      String(PBKDF2_ITERATIONS),
    );
    const action = rows.find((r) => r.field === 'action');
    for (const a of AUDIT_ACTIONS) expect(action?.type).toContain(a);
    const id = JSON.parse(
      rows.find((r) => r.field === '(key)')?.example ?? '',
    ) as string;
    expect(id).toMatch(PROFILE_ID);
    // The example bucket counts one visit of that profile while on, none while off.
    const b = exampleBucket(on);
    expect(b.profiles).toEqual({ [id]: 1 });
    expect(validateBucket(b)).toEqual(b);
    expect(exampleBucket(off).profiles).toEqual({});
    const profiles = (c: typeof on) =>
      dataInventory(c).rows.find((r) => r.field === 'profiles')?.meaning;
    expect(profiles(off)).toMatch(
      /Always empty now: authorised face matching is off/,
    );
    expect(profiles(on)).not.toMatch(/empty now/i);
  });

  it('says what is never stored, true whether matching is on or off', () => {
    const never = dataInventory(off).neverStored.join('\n');
    expect(never).not.toMatch(/none is ever computed/);
    expect(never).toMatch(
      /Face embeddings \(descriptors\) of anyone not enrolled: none is computed while authorised face matching is off; while it is on, each is compared in the analysis worker and dropped at once/,
    );
    expect(never).toMatch(/Photos or crops of enrolled people/);
    expect(dataInventory(off).markdown).toMatch(
      /Authorised face matching is off: localsight-profiles does not exist/,
    );
    expect(dataInventory(on).markdown).toMatch(
      /Authorised face matching is on: enrolled people's profiles are kept encrypted in localsight-profiles/,
    );
  });
});

describe('the face-recognition model card', () => {
  it('is one of the cards, says what it is for and carries the measured figures', () => {
    expect(MODEL_CARDS).toContain(FACE_RECOGNITION_CARD);
    const card = modelCardsDoc(off).sections.find((s) =>
      /face recognition/.test(s.title),
    );
    const text = card?.items.join('\n') ?? '';
    expect(card?.title).toMatch(/authorised face matching only/);
    for (const fact of [
      /loaded only while matching is on/,
      /128 numbers/,
      /cosine distance ≤ 0\.05\b/,
      /None among 631 impostor pairs at full size, nor among 31 pairs/,
      /30\.9 % of 55 genuine pairs/,
      /About 16 ms a face on tfjs WASM/,
      /99\.38 %/,
      /factors of 10 to 100/,
      /Small sample/,
      /model\/face_recognition_model\.bin/,
    ]) {
      expect(text).toMatch(fact);
    }
  });

  it('reports the threshold the app matches with', () => {
    expect(CARD_MATCH_THRESHOLD).toBe(MATCH_THRESHOLD);
    expect(dpiaStarter.length).toBeGreaterThan(0);
  });
});
