// Face labels on the stage: the estimates, the time in view, and (authorised matching, issue
// 18) the operator's label of an enrolled person, first.

import { describe, expect, it } from 'vitest';
import {
  faceDescription,
  faceLabelLines,
} from '../../src/components/face-label';
import { endOfDay, isoDay } from '../../src/components/date-input';
import { makeTrack } from '../support/tracks';

const track = makeTrack;

describe('face labels', () => {
  it('shows the estimates and time in view of an unmatched face, and no name', () => {
    expect(faceLabelLines(track())).toEqual([
      '25–34 · ♀ female',
      '☺ positive · 12 s',
    ]);
    expect(faceDescription(track())).not.toContain('enrolled');
  });

  it("puts an enrolled person's label first, on screen and for screen readers", () => {
    const t = track({ match: { profileId: 'a'.repeat(16), label: 'Robin' } });
    expect(faceLabelLines(t)[0]).toBe('✓ Robin');
    expect(faceLabelLines(t)).toHaveLength(3);
    expect(faceDescription(t)).toMatch(/^enrolled person Robin, age 25-34/);
  });
});

describe('date inputs', () => {
  it('reads a day as its last millisecond, local time, and refuses what is not a day', () => {
    const end = endOfDay('2026-12-24')!;
    expect(new Date(end).getDate()).toBe(24);
    expect(new Date(end + 1).getDate()).toBe(25);
    expect(isoDay(new Date(end))).toBe('2026-12-24');
    expect(endOfDay('2026-02-31')).toBeNull();
    expect(endOfDay('24/12/2026')).toBeNull();
    expect(endOfDay('')).toBeNull();
  });
});
