// The operator's declaration when turning authorised matching on (issue 18): every field is
// required, untrusted input is read defensively, and the banner names purpose and basis.

import { describe, expect, it } from 'vitest';
import {
  bannerText,
  cleanText,
  readAuthorisation,
} from '../../src/matching/authorisation';

const GOOD = {
  purpose: 'staff-tracking',
  art6: 'legitimate-interests',
  art9: 'explicit-consent',
  retentionDays: 90,
  affected: 'Front-desk staff who signed the consent form',
  authorisedBy: 'Site manager',
  at: 1_765_000_000_000,
};

describe('authorisation', () => {
  it('takes a complete declaration and words the banner from it', () => {
    const r = readAuthorisation(GOOD);
    expect(r).toEqual({ ok: true, value: GOOD });
    if (!r.ok) return;
    expect(bannerText(r.value)).toBe(
      'Face matching ON — Authorised staff tracking, enrolled people only, on this device. ' +
        'Basis: Legitimate interests (Art. 6(1)(f)); Explicit consent (Art. 9(2)(a)).',
    );
  });

  it('names every missing or wrong field', () => {
    expect(readAuthorisation(null)).toEqual({
      ok: false,
      problems: [
        'Choose the purpose.',
        'Choose the legal basis (GDPR Art. 6).',
        'Choose the condition for biometric data (GDPR Art. 9(2)).',
        'Set how long profiles are kept: 1 to 365 days.',
        'Say who is affected.',
        'Say who authorised it.',
        'The time of the authorisation is missing.',
      ],
    });
    const r = readAuthorisation({
      ...GOOD,
      purpose: 'toString', // inherited, not one of ours
      retentionDays: 366,
      affected: ' \u0000 ',
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        'Choose the purpose.',
        'Set how long profiles are kept: 1 to 365 days.',
        'Say who is affected.',
      ]);
  });

  it('cleans operator text: control characters out, trimmed, capped', () => {
    expect(cleanText('  a\u0007b\u0085c  ')).toBe('abc');
    expect(cleanText('x'.repeat(500))).toHaveLength(120);
    expect(cleanText(42)).toBe('');
  });
});
