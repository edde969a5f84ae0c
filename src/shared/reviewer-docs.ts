// Builds what a privacy reviewer asks for from the app's real configuration: data inventory,
// first-layer notice, printable A4 sign, DPIA starter and model cards, as Markdown and data.
// Pure: imports only src/shared. This is the entry point; the larger builders live beside it.

import { ZONE_RULES, type ZoneRule } from './alert-keys';
import {
  activeEstimates,
  alertsUse,
  days,
  docMarkdown,
  estimateNames,
  listText,
  matchingOn,
  type Doc,
  type ReviewerConfig,
} from './reviewer-config';
import type { Figure } from './model-cards';
import { matchingNoticeLines, purposeWords } from './reviewer-matching';

export * from './reviewer-config';
export * from './reviewer-inventory';
export { dpiaStarter } from './reviewer-dpia';
export { purposeWords } from './reviewer-matching';

export interface Notice {
  heading: string;
  /** One or two lines for the live banner. */
  short: string;
  lines: string[];
  markdown: string;
}

/** What each zone rule alerts to, in a few words: the sign must stay on one A4 page. */
const RULE_WORDS: Record<ZoneRule, string> = {
  occupancy: 'too many people',
  afterHours: 'anyone there out of hours',
  loitering: 'someone staying too long',
  restricted: 'anyone entering a restricted area',
};

/** The notice's sentence on zones, lines and alerts; null when none is set up. */
function alertsSentence(c: ReviewerConfig): string | null {
  const kept = 'Only counts are kept, never who it was.';
  const a = c.alerts;
  if (!a) {
    return `It may also count people crossing marked lines and raise security alerts about marked areas: ${ZONE_RULES.map((r) => RULE_WORDS[r]).join(', ')}. ${kept}`;
  }
  if (alertsUse(c) === 'none') return null;
  const does = [
    a.lines > 0 ? 'counts people crossing marked lines' : '',
    a.zones > 0
      ? a.rules.length
        ? `raises security alerts about marked areas (${a.rules.map((r) => RULE_WORDS[r]).join(', ')})`
        : 'counts people in marked areas'
      : '',
    a.objects
      ? 'flags knives, scissors and baseball bats (a demo, not a weapon detector)'
      : '',
  ].filter(Boolean);
  return `It also ${listText(does)}. ${kept}`;
}

/** Whether alerts for security run: a zone rule or the object-class demo is on. */
function securityUse(c: ReviewerConfig): 'on' | 'off' | 'maybe' {
  const a = c.alerts;
  if (!a) return 'maybe';
  return (a.zones > 0 && a.rules.length > 0) || a.objects ? 'on' : 'off';
}

export function firstLayerNotice(c: ReviewerConfig): Notice {
  const names = estimateNames(c);
  const on = activeEstimates(c);
  const matching = matchingOn(c);
  const kinds = [
    on.age || on.gender
      ? 'sorts faces into age and gender groups (biometric categorisation)'
      : '',
    on.expression ? 'reads facial expressions (emotion recognition)' : '',
  ].filter(Boolean);
  const what = names.length
    ? `Software on this device counts people and estimates ${listText(names)} from faces it can see.`
    : 'Software on this device counts people and how long they stay. It estimates nothing about them.';
  // While authorised matching is on, the matching lines say who is recognised and that
  // everyone else is not; off, no one is.
  const noOne = matching ? '' : 'No one is identified or recognised.';
  const kept = matching
    ? `Only totals per minute, hour and day are kept, for ${days(c.retentionDays)}; visits of enrolled people are counted per person.`
    : `Only anonymous totals per minute, hour and day are kept, for ${days(c.retentionDays)}.`;
  const alerts = alertsSentence(c);
  const security = securityUse(c);
  const purpose = [
    'to count visitors and measure attention to this display',
    security === 'on' ? ', and for security and safety' : '',
    matching ? `, and for ${purposeWords(matching)}` : '',
  ].join('');
  const lines = [
    what,
    ...(kinds.length
      ? [`This AI system ${listText(kinds)}.${noOne ? ` ${noOne}` : ''}`]
      : noOne
        ? [noOne]
        : []),
    ...matchingNoticeLines(c),
    ...(alerts ? [alerts] : []),
    `Purpose: ${purpose}.`,
    'No image or video is recorded, stored or sent anywhere.',
    kept,
    c.controller
      ? `Operated by ${c.controller}.`
      : 'Operated by the owner of this screen: ask staff.',
    'More: tap More on this screen, or ask staff.',
  ];
  const heading = matching
    ? 'Camera analytics and face matching in use'
    : 'Camera analytics in use';
  const counted = `${names.length ? `people counted; ${listText(names)} estimated` : 'people counted'}${security === 'on' ? '; security alerts' : ''}`;
  const short = matching
    ? `${heading}: enrolled people recognised for ${purposeWords(matching)}, everyone else not identified; ${counted} on this device. Nothing recorded or sent; only counts kept for ${days(c.retentionDays)}.`
    : `${heading}: ${counted} on this device. Nothing recorded or sent; only anonymous counts kept for ${days(c.retentionDays)}.`;
  const markdown = `# ${heading}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`;
  return { heading, short, lines, markdown };
}

export interface Sign {
  heading: string;
  lines: string[];
  /** Who operates it (blanks to fill in by hand when unset) and where to learn more. */
  footer: string[];
  /** Too long for one A4 page at the full print size: print it smaller (SIGN_FULL_SIZE_CHARS). */
  dense: boolean;
  markdown: string;
}

/**
 * Characters of lines and footer that fit one A4 page at the sign's full print size (17 pt;
 * measured in Chromium, tests/e2e/reviewer-docs.spec.ts prints it). Longer signs (every
 * estimate, alert and authorised face matching on) print at 14 pt, which fits about 1,600.
 */
export const SIGN_FULL_SIZE_CHARS = 1_000;

/** Text for an A4 sign at the entrance: no icons, large heading, blanks for the operator. */
export function noticeSign(c: ReviewerConfig): Sign {
  const n = firstLayerNotice(c);
  const heading = n.heading.toUpperCase();
  const lines = n.lines.slice(0, -2);
  const footer = [
    c.controller
      ? `Operated by ${c.controller}.`
      : 'Operated by: ________________________  Contact: ________________________',
    'Full information: ask staff, or open Privacy on the LocalSight screen.',
  ];
  const markdown = `# ${heading}\n\n${[...lines, ...footer].join('\n\n')}\n`;
  const dense = [...lines, ...footer].join('').length > SIGN_FULL_SIZE_CHARS;
  return { heading, lines, footer, dense, markdown };
}

export function modelCardsDoc(c: ReviewerConfig): Doc {
  const fig = (f: Figure) =>
    `${f.what}: ${f.value}${f.source ? ` [${f.source.title}](${f.source.url})` : ''}`;
  const sections = c.models.map((m) => ({
    title: m.name,
    items: [
      `Task: ${m.task}`,
      `Files: ${m.files.map((f) => `${m.package}@${m.version} ${f}`).join(', ')}`,
      fig(m.trainedOn),
      ...m.published.map((f) => `Published: ${fig(f)}`),
      ...m.worseFor.map((f) => `Does worse: ${fig(f)}`),
      ...m.measured.map((f) => `Measured by LocalSight: ${fig(f)}`),
      ...m.mitigations.map((t) => `Mitigation: ${t}`),
    ],
  }));
  const title = 'LocalSight model cards: accuracy and bias';
  return { title, sections, markdown: docMarkdown(title, sections) };
}
