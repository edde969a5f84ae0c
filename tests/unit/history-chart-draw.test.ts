// What the history charts draw (history-chart-draw.ts chartData, history-chart-shared.ts): a
// count not shown exactly as a hatched bar over its range — in place of its bar, beside a
// line's point, on top of a stack — zeros as bars of their own, and the sentence that says why.
// Issue 19's case: 15 passers-by today, every face seen female, one never seen. Node: no chart
// is drawn (patterns fall back to plain colours).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emptyBucket,
  foldVisit,
  validateBucket,
} from '../../src/shared/aggregates';
import { buildHistory, smallCell } from '../../src/shared/history-series';
import { specs } from '../../src/components/history-chart-config';
import { chartData } from '../../src/components/history-chart-draw';
import {
  cellsOf,
  hiddenNote,
  why,
} from '../../src/components/history-chart-shared';
import { makeVisit } from '../support/visits';

const ORIGINAL_TZ = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'UTC';
});
afterAll(() => {
  process.env.TZ = ORIGINAL_TZ;
});

const NOW = Date.UTC(2026, 10, 29, 10, 15);
const hour = (h: number) => Date.UTC(2026, 10, 29, h);

/** Issue 19: 4, 4, 4 and 3 visits from 6:00; the last hour's first face never seen. */
function issueCase() {
  const buckets = [4, 4, 4, 3].map((n, h) => {
    let b = emptyBucket('hour', 'camera', hour(6 + h));
    for (let i = 0; i < n; i++) {
      const face = !(h === 3 && i === 0);
      b = foldVisit(
        b,
        makeVisit(hour(6 + h) + 60_000)(
          face
            ? { mood: i % 2 ? 'neutral' : 'positive' }
            : { gender: null, ageGroup: null, mood: null, watcher: false },
        ),
      );
    }
    return validateBucket(b);
  });
  return specs(buildHistory(buckets, 'today', NOW, 5));
}

describe('chartData', () => {
  it("draws issue 19's gender chart: female as 11–14, male as a bar of 0, not estimated as 1–4", () => {
    const gender = issueCase().gender;
    const [bars] = chartData('gender', gender);
    expect(bars.data).toEqual([[11, 14], 0, [1, 4]]);
    // The hidden two are placeholders: outlined (and hatched in the browser).
    expect(bars.borderWidth).toEqual([1.5, 0, 1.5]);
    expect(bars.cells.map((c) => c.text)).toEqual(['11–14', '0', '<5']);
    expect(hiddenNote(cellsOf(gender), 5)).toBe(
      'Hatched bars are hidden counts: “<5” is 1 to 4 people; “11–14” is hidden because, shown exactly, it would reveal a count below 5: it spans what the other figures already allow.',
    );
  });

  it('draws beside each line a hatched bar over the range of every point not shown exactly', () => {
    const visits = issueCase().visits;
    const sets = chartData('visits', visits);
    expect(sets.map((d) => [d.label, d.extra ?? false])).toEqual([
      ['Passers-by', false],
      ['Watchers', false],
      ['Passers-by', true],
      ['Watchers', true],
    ]);
    // 6:00–9:00 are "<5" each: no point on the line, a bar from 1 to 4 beside it.
    expect(sets[0].data.slice(5, 11)).toEqual([0, null, null, null, null, 0]);
    expect(sets[2].data.slice(5, 11)).toEqual([
      null,
      [1, 4],
      [1, 4],
      [1, 4],
      [1, 4],
      null,
    ]);
    expect(sets[2].type).toBe('bar');
  });

  it('tops each stack with what its hidden figures add up to, within the shown total', () => {
    const at9 = (i: number) =>
      i < 7
        ? {}
        : { mood: i < 9 ? ('neutral' as const) : ('negative' as const) };
    const nine = [...Array<null>(15)].reduce(
      (b, _, i) => foldVisit(b, makeVisit(hour(9))(at9(i))),
      emptyBucket('hour', 'camera', hour(9)),
    );
    const one = (h: number) =>
      foldVisit(emptyBucket('hour', 'camera', hour(h)), makeVisit(hour(h))());
    const mood = (bs: ReturnType<typeof one>[]) => {
      const spec = specs(buildHistory(bs.map(validateBucket), 'today', NOW, 5));
      return chartData('mood', spec.mood);
    };
    // 9:00 alone: 7 positive, 2 neutral ("<5"), 6 negative (hidden: 5–7) of 15 shown. What
    // is hidden adds up to exactly 15 − 7 = 8, drawn on top of the 7.
    const sets = mood([nine]);
    const hidden = sets.at(-1)!;
    expect(hidden.label).toBe('Hidden');
    expect(sets.slice(0, 4).map((d) => d.data[9])).toEqual([7, null, null, 0]);
    expect(hidden.data[9]).toEqual([8, 8]);
    expect(hidden.data[8]).toBeNull();
    // With one more visit at 8:00, 9:00's passers-by are 13–15 and all its moods hidden.
    const both = mood([nine, one(8)]).at(-1)!;
    expect(both.data[9]).toEqual([13, 15]);
    expect(both.data[8]).toEqual([1, 4]);
  });

  it('draws an open range up to the highest figure of the chart', () => {
    const spec = {
      ...issueCase().gender,
      series: [
        {
          label: 'Passers-by',
          cells: [
            { value: 9, text: '9' },
            {
              value: null,
              text: '≥6',
              hidden: 'reveals' as const,
              range: [6, null] as const,
            },
            smallCell(5),
          ],
        },
      ],
    };
    expect(chartData('gender', spec)[0].data).toEqual([9, [6, 9], [1, 4]]);
  });
});

describe('why', () => {
  it('says in a few words why a figure is not shown exactly', () => {
    expect(why(smallCell(5), 5)).toBe('hidden: a count below 5');
    expect(
      why({ value: null, text: '5–8', hidden: 'reveals', range: [5, 8] }, 5),
    ).toBe('hidden: it would reveal a count below 5');
    expect(why({ value: null, text: 'suppressed', hidden: 'few' }, 5)).toBe(
      'hidden: an average over fewer than 5 people',
    );
    expect(why({ value: 3, text: '3' }, 5)).toBeNull();
    expect(hiddenNote([{ value: 3, text: '3' }], 5)).toBe('');
    expect(
      hiddenNote([{ value: null, text: 'suppressed', hidden: 'few' }], 5),
    ).toBe('“suppressed” is an average over fewer than 5 people.');
  });
});
