// The configuration the reviewer documents are built from, and the helpers they share:
// which estimates actually run, list wording and Markdown. Pure: imports only src/shared.

import { ZONE_RULES, type ZoneRule } from './alert-keys';
import type { MatchingDeclaration } from './inspector-types';
import type { ModelCard } from './model-cards';
import type { AnalysisSettings } from './settings';
import type { AttributeSwitches } from './types';

export interface ReviewerConfig {
  /** The switches as the user set them; workplace mode still overrides expression. */
  attributes: AttributeSwitches;
  workplace: boolean;
  retentionDays: number;
  suppressionThreshold: number;
  /** IndexedDB schema version (store/db.ts SCHEMA_VERSION). */
  schemaVersion: number;
  models: readonly ModelCard[];
  /** Who runs the camera and how to reach them; printed on the notice when set. */
  controller?: string;
  /** The page's Content-Security-Policy when one is set; the DPIA lists it as a measure. */
  csp?: string;
  /**
   * The zones, lines and alert rules set up (issue 17); when absent, the documents describe
   * alerts in general terms, as something the operator may set up.
   */
  alerts?: AlertsConfig;
  /**
   * Authorised face matching (issue 18): the operator's declaration while it is on; absent or
   * null while it is off (the default), when the documents say no one is identified.
   */
  matching?: MatchingDeclaration | null;
}

/** What the alerts setup switches on, as the documents need it: numbers and switches only. */
export interface AlertsConfig {
  zones: number;
  lines: number;
  /** Zone rules switched on in at least one zone, in ZONE_RULES order. */
  rules: ZoneRule[];
  /** Opening hours, local "HH:MM"; open = close means always open. */
  hours: { open: string; close: string };
  /** System notifications switched on (they still need the browser's permission). */
  notify: boolean;
  /** The COCO object-class demo (knife, scissors, baseball bat). */
  objects: boolean;
}

/**
 * The parts of an alerts setup (src/alerts/site-setup.ts AlertSetup, which shared/ may not
 * import) that the documents read; an AlertSetup fits it as it is.
 */
export interface AlertSetupLike {
  zones: readonly { rules: Record<ZoneRule, { on: boolean }> }[];
  lines: readonly unknown[];
  hours: { open: string; close: string };
  notify: boolean;
  objects: boolean;
}

/** A document as headed lists, for rendering; `markdown` is the same text for download. */
export interface DocSection {
  title: string;
  items: string[];
}
export interface Doc {
  title: string;
  sections: DocSection[];
  markdown: string;
}

/** Mirrors store/db.ts DEFAULT_DB_NAME (shared/ may not import store/; a test keeps them equal). */
export const DB_NAME = 'localsight-counts';
export const META_KEYS = ['retentionDays', 'lastPurgeAt'] as const;
/** Mirrors src/alerts/site-setup.ts ALERTS_KEY (shared/ may not import alerts/; a test keeps them equal). */
export const ALERTS_SETTINGS_KEY = 'localsight.alerts.v1';
/** Mirror src/matching/profile-store.ts PROFILES_DB and audit-log.ts AUDIT_DB (a test keeps them equal). */
export const PROFILES_DB_NAME = 'localsight-profiles';
export const AUDIT_DB_NAME = 'localsight-matching-audit';

export function alertsConfig(setup: AlertSetupLike): AlertsConfig {
  return {
    zones: setup.zones.length,
    lines: setup.lines.length,
    rules: ZONE_RULES.filter((r) => setup.zones.some((z) => z.rules[r].on)),
    hours: { ...setup.hours },
    notify: setup.notify,
    objects: setup.objects,
  };
}

export function reviewerConfig(
  s: AnalysisSettings,
  schemaVersion: number,
  models: readonly ModelCard[],
  alerts?: AlertSetupLike,
  matching?: MatchingDeclaration | null,
): ReviewerConfig {
  return {
    attributes: { age: s.age, gender: s.gender, expression: s.expression },
    workplace: s.workplace,
    retentionDays: s.retentionDays,
    suppressionThreshold: s.suppressionThreshold,
    schemaVersion,
    models,
    ...(alerts ? { alerts: alertsConfig(alerts) } : {}),
    ...(matching ? { matching: { ...matching } } : {}),
  };
}

/** The declaration while authorised face matching is on; null while it is off. */
export const matchingOn = (c: ReviewerConfig): MatchingDeclaration | null =>
  c.matching ?? null;

/**
 * unknown: the setup was not given; none: no zone, line or object demo, so nothing is counted
 * or raised; on: something is.
 */
export function alertsUse(c: ReviewerConfig): 'unknown' | 'none' | 'on' {
  const a = c.alerts;
  if (!a) return 'unknown';
  return a.zones + a.lines > 0 || a.objects ? 'on' : 'none';
}

/** The estimates that actually run: workplace mode turns expression off. */
export function activeEstimates(c: ReviewerConfig): AttributeSwitches {
  const a = c.attributes;
  return {
    age: a.age,
    gender: a.gender,
    expression: a.expression && !c.workplace,
  };
}

const ESTIMATE_NAMES = {
  age: 'age group',
  gender: 'apparent gender',
  expression: 'facial expression (mood)',
} as const;

export function estimateNames(c: ReviewerConfig): string[] {
  const on = activeEstimates(c);
  return (Object.keys(ESTIMATE_NAMES) as (keyof AttributeSwitches)[])
    .filter((k) => on[k])
    .map((k) => ESTIMATE_NAMES[k]);
}

export const listText = (xs: readonly string[], and = 'and'): string =>
  xs.length < 2
    ? xs.join('')
    : `${xs.slice(0, -1).join(', ')} ${and} ${xs[xs.length - 1]}`;

export const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

// ---- Markdown ----

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function mdTable(head: string[], rows: string[][]): string {
  return [head, head.map(() => '---'), ...rows]
    .map((r) => `| ${r.map(cell).join(' | ')} |`)
    .join('\n');
}

export function docMarkdown(title: string, sections: DocSection[]): string {
  const body = sections.map(
    (s) => `## ${s.title}\n\n${s.items.map((i) => `- ${i}`).join('\n')}`,
  );
  return `# ${title}\n\n${body.join('\n\n')}\n`;
}
