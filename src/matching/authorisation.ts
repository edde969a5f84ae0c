// What the operator declares when turning authorised matching on (issue 18): the purpose,
// the legal basis the client relies on (GDPR Art. 6, and the Art. 9(2) condition that
// biometric identification needs), how long profiles are kept, who is affected and who
// authorised it. Recorded with the profiles (in the clear: it is about the deployment, not
// about a person) and shown in the banner, the notice and the DPIA. Pure.

export const PURPOSES = {
  'staff-tracking': 'Authorised staff tracking',
  'visitor-whitelist': 'Visitor white-list',
} as const;
export type Purpose = keyof typeof PURPOSES;

/** GDPR Art. 6(1) bases a client may rely on for this processing. */
export const ART6_BASES = {
  consent: 'Consent (Art. 6(1)(a))',
  contract: 'Contract (Art. 6(1)(b))',
  'legal-obligation': 'Legal obligation (Art. 6(1)(c))',
  'legitimate-interests': 'Legitimate interests (Art. 6(1)(f))',
} as const;
export type Art6Basis = keyof typeof ART6_BASES;

/** GDPR Art. 9(2) conditions for processing biometric data to identify a person. */
export const ART9_CONDITIONS = {
  'explicit-consent': 'Explicit consent (Art. 9(2)(a))',
  employment: 'Employment and social security law (Art. 9(2)(b))',
  'substantial-public-interest': 'Substantial public interest (Art. 9(2)(g))',
} as const;
export type Art9Condition = keyof typeof ART9_CONDITIONS;

export const RETENTION_RANGE = { min: 1, max: 365 } as const;
export const MAX_TEXT = 120;

export interface Authorisation {
  purpose: Purpose;
  art6: Art6Basis;
  art9: Art9Condition;
  /** Days a profile is kept unless deleted sooner (the longest expiry enrolment may set). */
  retentionDays: number;
  /** Who is affected, in the operator's words (e.g. "front-desk staff who signed the form"). */
  affected: string;
  /** Who authorised it (a name or a role). */
  authorisedBy: string;
  /** ms since the epoch. */
  at: number;
}

const isKey = <T extends object>(table: T, v: unknown): v is keyof T =>
  typeof v === 'string' && Object.hasOwn(table, v);

// C0 and C1 control characters and the bidirectional overrides and isolates (which can make
// a label read as another): exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Operator text made safe to keep and show: control characters out, trimmed, capped. */
export function cleanText(v: unknown): string {
  if (typeof v !== 'string') return '';
  return v.replace(CONTROL, '').trim().slice(0, MAX_TEXT);
}

/**
 * An authorisation from untrusted input, or the list of what is missing or wrong, in words
 * for the turn-on screen (every field is required: this is the recorded act).
 */
export function readAuthorisation(
  v: unknown,
): { ok: true; value: Authorisation } | { ok: false; problems: string[] } {
  const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const problems: string[] = [];
  if (!isKey(PURPOSES, o['purpose'])) problems.push('Choose the purpose.');
  if (!isKey(ART6_BASES, o['art6']))
    problems.push('Choose the legal basis (GDPR Art. 6).');
  if (!isKey(ART9_CONDITIONS, o['art9']))
    problems.push('Choose the condition for biometric data (GDPR Art. 9(2)).');
  const days = o['retentionDays'];
  if (
    typeof days !== 'number' ||
    !Number.isInteger(days) ||
    days < RETENTION_RANGE.min ||
    days > RETENTION_RANGE.max
  )
    problems.push(
      `Set how long profiles are kept: ${RETENTION_RANGE.min} to ${RETENTION_RANGE.max} days.`,
    );
  const affected = cleanText(o['affected']);
  if (!affected) problems.push('Say who is affected.');
  const authorisedBy = cleanText(o['authorisedBy']);
  if (!authorisedBy) problems.push('Say who authorised it.');
  const at = o['at'];
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0)
    problems.push('The time of the authorisation is missing.');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      purpose: o['purpose'] as Purpose,
      art6: o['art6'] as Art6Basis,
      art9: o['art9'] as Art9Condition,
      retentionDays: days as number,
      affected,
      authorisedBy,
      at: at as number,
    },
  };
}

/** One line for the always-visible banner, e.g. "Face matching ON: Authorised staff tracking". */
export function bannerText(a: Authorisation): string {
  return `Face matching ON — ${PURPOSES[a.purpose]}, enrolled people only, on this device. Basis: ${ART6_BASES[a.art6]}; ${ART9_CONDITIONS[a.art9]}.`;
}
