// The zones, lines and alerts charts' specs (history-site-chart-config.ts siteSpecs): legend and
// table labels from the names in the settings (or the slot), suppressed cells as text, the
// aria summaries, and the line shown when a chart has no series. Node: no chart is drawn.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SPAN_MS,
  emptyBucket,
  foldSite,
  validateBucket,
} from '../../src/shared/aggregates';
import {
  NO_PLACES,
  buildSiteHistory,
} from '../../src/shared/history-site-series';
import { smallCell } from '../../src/shared/history-series';
import { siteSpecs } from '../../src/components/history-site-chart-config';

// Slot labels are local times: fix the zone.
const ORIGINAL_TZ = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'UTC';
});
afterAll(() => {
  process.env.TZ = ORIGINAL_TZ;
});

const START = Date.UTC(2026, 10, 29, 9, 0);
const NOW = START + 30 * SPAN_MS.minute;

const history = (threshold = 5) =>
  buildSiteHistory(
    [
      validateBucket(
        foldSite(emptyBucket('minute', 'camera', START), {
          crossings: { 'l2.in': 7, 'l2.out': 2 },
          zonePeaks: { z1: 6, z3: 2 },
          alerts: {},
          profiles: { '0123456789abcdef': 2, aaaaaaaaaaaaaaaa: 1 },
        }),
      ),
    ],
    'hour',
    NOW,
    threshold,
  );

describe('siteSpecs', () => {
  it('names series from the settings, falling back to the slot', () => {
    const s = siteSpecs(history(), {
      zones: { z1: 'Lobby', z3: ' ' },
      lines: { l2: 'Front door' },
    });
    expect(s.crossings.series.map((x) => [x.key, x.label])).toEqual([
      ['l2.in', 'Front door: entries'],
      ['l2.out', 'Front door: exits'],
    ]);
    expect(s.zones.series.map((x) => [x.key, x.label])).toEqual([
      ['z1', 'Lobby'],
      ['z3', 'Zone 3'],
    ]);
    const unnamed = siteSpecs(history(), NO_PLACES);
    expect(unnamed.crossings.series[0].label).toBe('Line 2: entries');
    expect(unnamed.zones.series[0].label).toBe('Zone 1');
  });

  it('keeps small counts out of the plot and in the table text and summary', () => {
    const s = siteSpecs(history(), NO_PLACES);
    const slot = s.crossings.labels.indexOf('09:00');
    const [entries, exits] = s.crossings.series;
    expect(entries.cells[slot]).toEqual({ value: 7, text: '7' });
    expect(exits.cells[slot]).toEqual(smallCell(5));
    expect(s.crossings.total?.map((c) => c.text)).toEqual(['7', '<5']);
    expect(s.crossings.summary).toBe(
      'Line chart of people crossing each line per minute in the last hour, entries along its arrow and exits against it: Line 2: 7 entries and <5 exits.',
    );
    expect(s.zones.series[1].cells[slot]).toEqual(smallCell(5));
    expect(s.zones.totalLabel).toBe('Most');
    expect(s.zones.summary).toContain('Zone 1: at most 6; Zone 3: at most <5.');
  });

  it('says so when a chart has nothing to draw', () => {
    const s = siteSpecs(history(), NO_PLACES);
    expect(s.alerts.series).toEqual([]);
    expect(s.alerts.none).toBe('No alerts in this period.');
    expect(s.crossings.series.length).toBeGreaterThan(0);
  });

  it('shows enrolled people only by the labels given while unlocked; without them, none', () => {
    expect(siteSpecs(history(), NO_PLACES).profiles.series).toEqual([]);
    const s = siteSpecs(history(), NO_PLACES, { aaaaaaaaaaaaaaaa: 'Robin' });
    expect(s.profiles.series.map((x) => x.label)).toEqual(['Robin']);
    expect(s.profiles.total?.map((t) => t.text)).toEqual(['1']);
    expect(s.profiles.summary).toContain('Robin');
    expect(JSON.stringify(siteSpecs(history(), NO_PLACES))).not.toContain(
      'Robin',
    );
  });
});
