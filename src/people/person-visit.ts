// One person's visit from their track and their faces' visits (issue 15): attention and
// glances add up over the faces, labels come from the longest-read face. Pure; src/shared only.

import type { VisitSummary } from '../shared/types';

type Labels = Pick<VisitSummary, 'ageGroup' | 'gender' | 'mood' | 'expression'>;

const labelled = (v: VisitSummary) =>
  v.ageGroup !== null || v.gender !== null || v.mood !== null;

/** The labels of the longest-seen face visit that has any; null when none has. */
export function bestLabels(faces: readonly VisitSummary[]): Labels | null {
  return (
    [...faces].filter(labelled).sort((a, b) => b.dwellMs - a.dwellMs)[0] ?? null
  );
}

/**
 * A person's visit: labels from the longest-seen face that has them (null: not estimated),
 * attention and glances summed, and the dwell the longer of the person's and its faces' (a
 * close-up may keep its face longer than its body).
 */
export function personVisit(
  firstWall: number,
  dwellMs: number,
  faces: readonly VisitSummary[],
): VisitSummary {
  const labels = bestLabels(faces);
  const dwell = Math.max(dwellMs, ...faces.map((v) => v.dwellMs));
  const attention = faces.reduce((s, v) => s + v.attentionMs, 0);
  const glances = faces.reduce((s, v) => s + v.glances, 0);
  return {
    startedAt: Math.min(
      firstWall,
      ...faces.map((v) => v.startedAt).filter((w) => w > 0),
    ),
    dwellMs: dwell,
    attentionMs: Math.min(attention, dwell),
    glances,
    watcher: glances > 0,
    ageGroup: labels?.ageGroup ?? null,
    gender: labels?.gender ?? null,
    mood: labels?.mood ?? null,
    expression: labels?.expression ?? null,
  };
}
