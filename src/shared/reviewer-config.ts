// The configuration the reviewer documents are built from, and the helpers they share:
// which estimates actually run, list wording and Markdown. Pure: imports only src/shared.

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

export function reviewerConfig(
  s: AnalysisSettings,
  schemaVersion: number,
  models: readonly ModelCard[],
): ReviewerConfig {
  return {
    attributes: { age: s.age, gender: s.gender, expression: s.expression },
    workplace: s.workplace,
    retentionDays: s.retentionDays,
    suppressionThreshold: s.suppressionThreshold,
    schemaVersion,
    models,
  };
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

export const listText = (xs: readonly string[]): string =>
  xs.length < 2
    ? xs.join('')
    : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

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
