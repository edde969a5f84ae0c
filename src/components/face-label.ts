// Words and symbols for a tracked face's labels. Pure; shared by the stage and its tests.

import { formatSeconds } from '../shared/live-figures';
import type { PersonView, TrackView } from '../shared/types';

const GENDER_SYMBOL = { female: '♀', male: '♂', unknown: '?' } as const;
const MOOD_SYMBOL = { positive: '☺', neutral: '–', negative: '☹' } as const;

export { formatSeconds };

/** Up to two short lines: "25–34 · ♀ female" and "☺ positive · 12 s". */
export function faceLabelLines(track: TrackView): string[] {
  const first: string[] = [];
  if (track.ageGroup) first.push(track.ageGroup.replace('-', '–'));
  if (track.gender)
    first.push(`${GENDER_SYMBOL[track.gender]} ${track.gender}`);
  const second: string[] = [];
  if (track.mood) second.push(`${MOOD_SYMBOL[track.mood]} ${track.mood}`);
  second.push(formatSeconds(track.dwellMs));
  const lines = first.length
    ? [first.join(' · '), second.join(' · ')]
    : [second.join(' · ')];
  // Authorised matching (issue 18): the operator's label for an enrolled person, first.
  return track.match ? [`✓ ${track.match.label}`, ...lines] : lines;
}

/**
 * The shortened label for a crowded frame (issue 19), one line of symbols: "25–34 ♀ ☺ · 12 s";
 * an enrolled person's is their "✓ label" alone.
 */
export function faceLabelShort(track: TrackView): string[] {
  if (track.match) return [`✓ ${track.match.label}`];
  const parts: string[] = [];
  if (track.ageGroup) parts.push(track.ageGroup.replace('-', '–'));
  if (track.gender) parts.push(GENDER_SYMBOL[track.gender]);
  if (track.mood) parts.push(MOOD_SYMBOL[track.mood]);
  parts.push(formatSeconds(track.dwellMs));
  return [
    parts.length > 1
      ? `${parts.slice(0, -1).join(' ')} · ${parts.at(-1)}`
      : parts[0],
  ];
}

/** A sentence for screen readers. */
export function faceDescription(track: TrackView): string {
  const parts = [
    track.match ? `enrolled person ${track.match.label}` : null,
    track.ageGroup ? `age ${track.ageGroup}` : null,
    track.gender ? `appears ${track.gender}` : null,
    track.mood ? `mood ${track.mood}` : null,
    `in view ${formatSeconds(track.dwellMs)}`,
    track.facing ? 'looking at the camera' : 'looking away',
  ];
  return parts.filter(Boolean).join(', ');
}

/** One short line for a person box (issue 15): "25–34 · ♀ · 12 s", or "person · 12 s" unread. */
export function personLabelLine(person: PersonView): string {
  const parts: string[] = [];
  if (person.ageGroup) parts.push(person.ageGroup.replace('-', '–'));
  if (person.gender) parts.push(GENDER_SYMBOL[person.gender]);
  if (parts.length === 0) parts.push('person');
  parts.push(formatSeconds(person.dwellMs));
  return parts.join(' · ');
}

/** A person's shortened label for a crowded frame: its time in view, "12 s". */
export function personLabelShort(person: PersonView): string {
  return formatSeconds(person.dwellMs);
}

/** A sentence for screen readers. */
export function personDescription(person: PersonView): string {
  const labels = [
    person.ageGroup ? `age ${person.ageGroup}` : null,
    person.gender ? `appears ${person.gender}` : null,
    person.mood ? `mood ${person.mood}` : null,
  ].filter(Boolean);
  return [
    'person',
    ...(labels.length ? labels : ['face not seen']),
    `in view ${formatSeconds(person.dwellMs)}`,
  ].join(', ');
}
