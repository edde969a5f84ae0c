// The zones, lines and alerts charts (issue 17): what each shows (siteSpecs, legends named from
// the settings) and how its series look (siteStyles), fixed per zone, line or rule slot.
// createChart in history-chart-draw.ts draws them. Imports shared/ and the alerts domain's labels.

import type { ChartDataset } from 'chart.js';
import { RULE_LABELS } from '../alerts/alert-log';
import {
  DIRECTIONS,
  LINE_IDS,
  ZONE_IDS,
  type AlertRule,
  type Direction,
  type LineId,
  type ZoneId,
} from '../shared/alert-keys';
import {
  placeName,
  type SiteHistory,
  type SitePlaces,
} from '../shared/history-site-series';
import {
  IN_RANGE,
  OI,
  list,
  pattern,
  type ChartSpec,
} from './history-chart-shared';

/** Zones, lines and alerts (issue 17); their series depend on what was drawn. */
export const SITE_CHART_IDS = ['crossings', 'zones', 'alerts'] as const;
/** With authorised matching's enrolled people (issue 18), drawn only while unlocked. */
export type SiteChartId = (typeof SITE_CHART_IDS)[number] | 'profiles';

const DIRECTION_LABEL: Record<Direction, string> = {
  in: 'entries',
  out: 'exits',
};

/**
 * The zones, lines and alerts charts, their legends named from `places` (settings); and the
 * enrolled people's visits, by the operator's labels (`names`, by profile id: given only
 * while the profiles are unlocked; a profile without a name is not shown).
 */
export function siteSpecs(
  s: SiteHistory,
  places: SitePlaces,
  names: Readonly<Record<string, string>> = {},
): Record<SiteChartId, ChartSpec> {
  const when = IN_RANGE[s.range];
  const labels = s.slots.map((x) => x.label);
  const per = `per ${s.slotSpan}`;
  const lines = s.lines.flatMap((l) =>
    DIRECTIONS.map((d) => ({
      key: `${l.id}.${d}`,
      label: `${placeName(l.id, places)}: ${DIRECTION_LABEL[d]}`,
      ...l.crossings[d],
    })),
  );
  const zones = s.zones.map((z) => ({
    key: z.id,
    label: placeName(z.id, places),
    ...z.peaks,
  }));
  const rules = s.rules.map((r) => ({
    key: r.rule,
    label: RULE_LABELS[r.rule],
    ...r.alerts,
  }));
  const people = s.profiles
    .filter((p) => Object.hasOwn(names, p.id))
    .map((p) => ({ key: p.id, label: names[p.id]!, ...p.visits }));
  const common = { labels, rowHeader: 'Time', threshold: s.threshold };
  return {
    profiles: {
      ...common,
      title: 'Enrolled people seen (authorised face matching)',
      series: people,
      total: people.map((p) => p.total),
      summary: `Stacked bar chart of the visits of each enrolled person ${per} ${when}; in total ${list(
        people.map((p) => p.label),
        people.map((p) => p.total),
      )}.`,
      none: 'No enrolled person was seen in this period.',
    },
    crossings: {
      ...common,
      title: 'Entries and exits',
      series: lines,
      total: lines.map((l) => l.total),
      summary:
        `Line chart of people crossing each line ${per} ${when}, entries along its arrow and exits against it: ` +
        s.lines
          .map(
            (l) =>
              `${placeName(l.id, places)}: ${l.crossings.in.total.text} entries and ${l.crossings.out.total.text} exits`,
          )
          .join('; ') +
        '.',
      none: 'No one crossed a line in this period.',
    },
    zones: {
      ...common,
      title: 'People in each zone',
      series: zones,
      total: zones.map((z) => z.total),
      totalLabel: 'Most',
      summary: `Line chart of the most people in each zone at once ${per} ${when}: ${zones
        .map((z) => `${z.label}: at most ${z.total.text}`)
        .join('; ')}.`,
      none: 'No one was in a zone in this period.',
    },
    alerts: {
      ...common,
      title: 'Alerts by rule',
      series: rules,
      total: rules.map((r) => r.total),
      summary: `Stacked bar chart of alerts by rule, all zones together, ${per} ${when}; in total ${list(
        rules.map((r) => r.label),
        rules.map((r) => r.total),
      )}.`,
      none: 'No alerts in this period.',
    },
  };
}

// A zone's or line's look follows its slot, so it keeps it whichever others were drawn.
const PLACE_COLOURS = [
  OI.orange,
  OI.sky,
  OI.green,
  OI.yellow,
  OI.purple,
  OI.vermillion,
  OI.blue,
  OI.grey,
];
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
const POINTS = ['circle', 'triangle', 'rect', 'rectRot', 'star'] as const;
const RULE_FILL = {
  occupancy: [OI.vermillion, 'solid'],
  afterHours: [OI.sky, 'stripes'],
  loitering: [OI.yellow, 'dots'],
  restricted: [OI.purple, 'backstripes'],
  object: [OI.grey, 'stripes'],
} satisfies Record<AlertRule, Parameters<typeof pattern>>;

/** Each series' colour, dash and point style (zones, lines) or fill (alerts), from its key. */
export function siteStyles(
  id: SiteChartId,
  spec: ChartSpec,
): Partial<ChartDataset<'bar' | 'line'>>[] {
  return spec.series.map(({ key = '' }, n) => {
    if (id === 'profiles') {
      // A colour per person, in the order shown (ids are random).
      const colour = PLACE_COLOURS[n % PLACE_COLOURS.length];
      return { backgroundColor: colour, borderColor: colour };
    }
    if (id === 'alerts') {
      const [colour, kind] = RULE_FILL[key as AlertRule];
      return { backgroundColor: pattern(colour, kind) };
    }
    // Lines: a colour per line, exits dashed. Zones: a colour, dash and point per zone.
    const [slot, dir] = key.split('.');
    const i =
      id === 'crossings'
        ? LINE_IDS.indexOf(slot as LineId)
        : ZONE_IDS.indexOf(slot as ZoneId);
    const colour = PLACE_COLOURS[i];
    return {
      borderColor: colour,
      backgroundColor: colour,
      borderDash:
        id === 'crossings'
          ? DASHES[dir === 'out' ? 1 : 0]
          : DASHES[i % DASHES.length],
      pointStyle:
        id === 'crossings'
          ? POINTS[dir === 'out' ? 1 : 0]
          : POINTS[i % POINTS.length],
      borderWidth: 2,
      pointRadius: 2.5,
      spanGaps: false,
    };
  });
}
