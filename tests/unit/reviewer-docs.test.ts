// The reviewer documents follow the real configuration: the inventory lists exactly the stored
// fields, switched-off estimates vanish from the notice, and only model cards carry URLs.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETUP,
  DEFAULT_ZONE_RULES,
  ALERTS_KEY,
  parseAlertSetup,
  type AlertSetup,
} from '../../src/alerts/site-setup';
import {
  emptyBucket,
  suppressBucket,
  validateBucket,
} from '../../src/shared/aggregates';
import { ruleOf, type AlertKey } from '../../src/shared/alert-keys';
import { ENGINE_CHOICE_KEY } from '../../src/shared/engine-choice';
import { MODEL_CARDS, NOT_PUBLISHED } from '../../src/shared/model-cards';
import {
  ALERTS_SETTINGS_KEY,
  DB_NAME,
  EXAMPLE_ALERT_SETUP,
  LOCAL_STORAGE_MEANING,
  NEVER_STORED,
  alertsConfig,
  dataInventory,
  dpiaStarter,
  exampleBucket,
  firstLayerNotice,
  modelCardsDoc,
  noticeSign,
  reviewerConfig,
  type ReviewerConfig,
} from '../../src/shared/reviewer-docs';
import { DEFAULT_SETTINGS, SETTINGS_KEY } from '../../src/shared/settings';
import { DEFAULT_DB_NAME, SCHEMA_VERSION } from '../../src/store/db';

const base = (over: Partial<ReviewerConfig> = {}): ReviewerConfig => ({
  ...reviewerConfig(
    { ...DEFAULT_SETTINGS, retentionDays: 17, suppressionThreshold: 7 },
    SCHEMA_VERSION,
    MODEL_CARDS,
  ),
  ...over,
});
const ALL_ON = { age: true, gender: true, expression: true };
/** The example setup as the app would pass it: parsed like localStorage's copy. */
const EXAMPLE_SETUP: AlertSetup = parseAlertSetup(
  JSON.parse(JSON.stringify(EXAMPLE_ALERT_SETUP)),
).setup;
/** A config built the way the app builds it, with an alerts setup. */
const withAlerts = (setup: AlertSetup, over: Partial<ReviewerConfig> = {}) => ({
  ...reviewerConfig(
    { ...DEFAULT_SETTINGS, retentionDays: 17, suppressionThreshold: 7 },
    SCHEMA_VERSION,
    MODEL_CARDS,
    setup,
  ),
  ...over,
});
const NO_ZONES: AlertSetup = { ...DEFAULT_SETUP };
const ALL_TEXT = (c: ReviewerConfig) =>
  JSON.stringify([
    dataInventory(c),
    firstLayerNotice(c),
    noticeSign(c),
    dpiaStarter(c),
  ]);

/** Every string a notice or sign can show. */
const noticeText = (c: ReviewerConfig): string => {
  const n = firstLayerNotice(c);
  const s = noticeSign(c);
  return [
    n.heading,
    n.short,
    ...n.lines,
    n.markdown,
    s.heading,
    ...s.lines,
    ...s.footer,
    s.markdown,
  ].join('\n');
};
const MOOD = /mood|emotion|expression/i;

describe('dataInventory', () => {
  it('lists exactly the keys of a stored bucket, in order, then meta and settings', () => {
    const rows = dataInventory(base()).rows;
    const bucketRows = rows.filter((r) => r.where.endsWith('› buckets'));
    expect(bucketRows.map((r) => r.field)).toEqual(
      Object.keys(emptyBucket('minute', 'camera', 0)),
    );
    expect(
      rows.filter((r) => r.where.endsWith('› meta')).map((r) => r.field),
    ).toEqual(['retentionDays', 'lastPurgeAt']);
    expect(
      rows.filter((r) => r.where === 'localStorage').map((r) => r.field),
    ).toEqual([SETTINGS_KEY, ENGINE_CHOICE_KEY, ALERTS_SETTINGS_KEY]);
    for (const r of rows) {
      for (const v of Object.values(r)) expect(v).not.toBe('');
    }
  });

  it('names the real database, and its example bucket is one the store accepts', () => {
    expect(DB_NAME).toBe(DEFAULT_DB_NAME);
    const b = exampleBucket(base());
    expect(validateBucket(b)).toEqual(b);
    expect(b.passersBy).toBe(3);
    expect(b).toMatchObject({ peakInView: 2, occupancyMs: b.dwellMs });
  });

  it('says what the people-in-view fields mean', () => {
    const rows = dataInventory(base()).rows;
    const meaning = (f: string) => rows.find((r) => r.field === f)?.meaning;
    expect(meaning('peakInView')).toBe('Most people in view at once');
    expect(meaning('occupancyMs')).toMatch(
      /people in view × time.*average number of people in view/,
    );
    expect(rows.find((r) => r.field === 'occupancyMs')?.type).toBe(
      'ms, summed',
    );
  });

  it('shows switched-off estimates as always 0', () => {
    const c = base({ workplace: true });
    const moods = dataInventory(c).rows.find((r) => r.field === 'moods');
    expect(moods?.meaning).toMatch(/Always 0/);
    expect(JSON.parse(moods?.example ?? '')).toEqual({
      positive: 0,
      neutral: 0,
      negative: 0,
    });
    expect(exampleBucket(c).expressions.happy).toBe(0);
    expect(exampleBucket(base()).expressions.happy).toBe(1);
  });

  it('names the real alerts settings key, with an example the app reads back unchanged', () => {
    expect(ALERTS_SETTINGS_KEY).toBe(ALERTS_KEY);
    const row = dataInventory(base()).rows.find(
      (r) => r.field === ALERTS_SETTINGS_KEY,
    );
    expect(row).toMatchObject({ where: 'localStorage', type: 'JSON text' });
    const parsed = parseAlertSetup(JSON.parse(row?.example ?? ''));
    expect(parsed.dropped).toBe(0);
    expect(parsed.setup).toEqual(JSON.parse(row?.example ?? ''));
    expect(row?.meaning).toMatch(/zones and counting lines/);
    expect(row?.meaning).toMatch(/names the operator typed.*free text/);
    expect(row?.meaning).toMatch(/settings file/);
    expect(row?.meaning).toMatch(/No count, alert or person/);
    expect(row?.retention).toMatch(/Until changed, wiped with the settings/);
    // The inspector shows the same words beside each key LocalSight writes.
    expect(Object.keys(LOCAL_STORAGE_MEANING)).toEqual([
      SETTINGS_KEY,
      ENGINE_CHOICE_KEY,
      ALERTS_SETTINGS_KEY,
    ]);
    for (const r of dataInventory(base()).rows) {
      if (r.where === 'localStorage') {
        expect(r.meaning).toBe(LOCAL_STORAGE_MEANING[r.field]);
      }
    }
  });

  it('shows alerts, crossings and zone peaks that fit the example visits and setup', () => {
    const b = exampleBucket(base());
    expect(b.alerts).toEqual({ 'z2.restricted': 1 });
    expect(b.crossings).toEqual({ 'l1.in': 2, 'l1.out': 1 });
    expect(b.zonePeaks).toEqual({ z1: 2, z2: 1 });
    // Three visitors: no more crossings than visits, no zone fuller than the view.
    const crossed = Object.values(b.crossings).reduce((n, k) => n + k, 0);
    expect(crossed).toBeLessThanOrEqual(b.passersBy);
    for (const peak of Object.values(b.zonePeaks)) {
      expect(peak).toBeLessThanOrEqual(b.peakInView);
    }
    // Every alert is one the example setup's zones could raise, and its slot has a line too.
    for (const key of Object.keys(b.alerts) as AlertKey[]) {
      const zone = EXAMPLE_SETUP.zones.find((z) => key.startsWith(`${z.id}.`));
      const rule = ruleOf(key);
      expect(rule === 'object' ? false : zone?.rules[rule].on).toBe(true);
    }
    expect(Object.keys(b.crossings).map((k) => k.slice(0, 2))).toEqual(
      EXAMPLE_SETUP.lines.flatMap((l) => [l.id, l.id]),
    );
    const rows = dataInventory(base()).rows;
    const row = (f: string) => rows.find((r) => r.field === f);
    expect(JSON.parse(row('alerts')?.example ?? '')).toEqual(b.alerts);
    expect(row('alerts')?.type).toMatch(/zone slot and rule.*"z1\.occupancy"/);
    expect(row('alerts')?.meaning).toMatch(/counts once/);
    expect(row('alerts')?.meaning).toMatch(/known to the minute/);
    expect(row('alerts')?.meaning).toMatch(/No snapshot, no zone name/);
    expect(row('crossings')?.meaning).toMatch(
      /"in" along the line’s arrow, "out" against it/,
    );
    expect(row('zonePeaks')?.meaning).toMatch(/Most people in each zone/);
  });

  it('shows empty zone and line counts when the setup has none', () => {
    const c = withAlerts(NO_ZONES);
    const b = exampleBucket(c);
    expect(b).toMatchObject({ alerts: {}, crossings: {}, zonePeaks: {} });
    expect(validateBucket(b)).toEqual(b);
    const rows = dataInventory(c).rows;
    expect(rows.find((r) => r.field === 'alerts')?.meaning).toMatch(
      /Empty now: no zone is set up/,
    );
    expect(rows.find((r) => r.field === 'crossings')?.meaning).toMatch(
      /Empty now: no line is set up/,
    );
    const demo = dataInventory(withAlerts({ ...NO_ZONES, objects: true }));
    expect(demo.rows.find((r) => r.field === 'alerts')?.meaning).not.toMatch(
      /Empty now/,
    );
    const full = dataInventory(withAlerts(EXAMPLE_SETUP)).rows;
    expect(full.some((r) => r.meaning.includes('Empty now'))).toBe(false);
  });

  it('says what is never stored', () => {
    const inv = dataInventory(base());
    const never = inv.neverStored.join(' ');
    for (const word of [
      /frame/i,
      /crop/i,
      /embedding/i,
      /per-visit/i,
      /track id/i,
      /alert snapshots, clips or crops/i,
      /who set off an alert/i,
      /per-person positions, paths, line sides or times in a zone/i,
      /alert log.*session only/i,
      /notification.*no push server/i,
    ]) {
      expect(never).toMatch(word);
    }
    expect(inv.markdown).toContain('## Never stored');
    // Zone and line names are free text in the settings: the list must not deny that.
    expect(NEVER_STORED).not.toContain('Free text of any kind');
    expect(never).toMatch(
      /zone and line names are kept only in the alerts settings/,
    );
    expect(inv.markdown).toMatch(/alerts, line crossings and zone peaks/i);
  });
});

describe('firstLayerNotice and noticeSign', () => {
  it('names every estimate that runs', () => {
    const text = noticeText(base({ attributes: ALL_ON }));
    expect(text).toContain('age group');
    expect(text).toContain('apparent gender');
    expect(text).toMatch(/facial expression/);
    expect(text).toMatch(/emotion recognition/);
    expect(text).toMatch(/biometric categorisation/);
  });

  it('drops mood and emotion when expression is off', () => {
    const text = noticeText(
      base({ attributes: { ...ALL_ON, expression: false } }),
    );
    expect(text).not.toMatch(MOOD);
    expect(text).toContain('apparent gender');
  });

  it('drops mood and emotion in workplace mode even with expression switched on', () => {
    const text = noticeText(base({ attributes: ALL_ON, workplace: true }));
    expect(text).not.toMatch(MOOD);
    expect(
      dpiaStarter(base({ workplace: true })).sections[0].items[0],
    ).not.toMatch(MOOD);
  });

  it('says nothing is estimated when every estimate is off', () => {
    const c = base({
      attributes: { age: false, gender: false, expression: false },
    });
    expect(firstLayerNotice(c).lines[0]).toMatch(/estimates nothing/);
    expect(noticeText(c)).not.toMatch(/categorisation|age group|gender/);
  });

  it('gives the retention period, and the operator when set', () => {
    expect(firstLayerNotice(base()).short).toContain('17 days');
    expect(noticeSign(base()).markdown).toContain('17 days');
    expect(noticeSign(base()).footer[0]).toMatch(/Operated by: _+/);
    const named = noticeSign(
      base({ controller: 'Shop Ltd, privacy@shop.example' }),
    );
    expect(named.footer[0]).toBe('Operated by Shop Ltd, privacy@shop.example.');
  });
});

describe('alerts in the notice', () => {
  it('mentions alerts and line counts in general while the setup is not known', () => {
    const n = firstLayerNotice(base());
    const line = n.lines.find((l) => /security alerts/.test(l)) ?? '';
    expect(line).toMatch(/^It may also count people crossing marked lines/);
    expect(line).toMatch(
      /too many people, anyone there out of hours, someone staying too long, anyone entering a restricted area/,
    );
    expect(line).toMatch(/Only counts are kept, never who it was\.$/);
    expect(n.lines).toContain(
      'Purpose: to count visitors and measure attention to this display.',
    );
    expect(noticeSign(base()).lines).toContain(line);
  });

  it('names only the rules that are on, and drops alerts when nothing is set up', () => {
    const on = withAlerts(EXAMPLE_SETUP);
    const text = noticeText(on);
    expect(text).toMatch(
      /It also counts people crossing marked lines and raises security alerts about marked areas \(too many people, anyone there out of hours, anyone entering a restricted area\)\./,
    );
    expect(text).toMatch(/and for security and safety\./);
    expect(text).not.toMatch(/staying too long|knives/);
    expect(firstLayerNotice(on).short).toMatch(
      /; security alerts on this device/,
    );
    const objects = noticeText(withAlerts({ ...NO_ZONES, objects: true }));
    expect(objects).toMatch(
      /knives, scissors and baseball bats.*not a weapon detector/,
    );
    const none = withAlerts(NO_ZONES);
    expect(noticeText(none)).not.toMatch(/alert|crossing|security/i);
    expect(noticeText(none)).toBe(
      noticeText(base({ alerts: alertsConfig(NO_ZONES) })),
    );
  });

  it('keeps mood out in workplace mode, and estimates out when they are off', () => {
    const c = withAlerts(EXAMPLE_SETUP, {
      attributes: { age: false, gender: false, expression: false },
    });
    expect(noticeText(c)).not.toMatch(/categorisation|age group|gender/);
    expect(
      noticeText(withAlerts(EXAMPLE_SETUP, { workplace: true })),
    ).not.toMatch(MOOD);
    expect(firstLayerNotice(c).lines[0]).toMatch(/estimates nothing/);
  });

  it('keeps the sign short enough for one A4 page with every estimate and alert on', () => {
    // Measured in Chromium at the sign's print styles (tests/e2e/reviewer-docs.spec.ts
    // prints it): about 1,000 characters of lines and footer fit one page.
    const everything = parseAlertSetup({
      ...EXAMPLE_ALERT_SETUP,
      zones: [
        {
          ...EXAMPLE_ALERT_SETUP.zones[0],
          rules: Object.fromEntries(
            Object.keys(DEFAULT_ZONE_RULES).map((r) => [r, { on: true }]),
          ),
        },
      ],
      objects: true,
    }).setup;
    const sign = noticeSign(withAlerts(everything, { attributes: ALL_ON }));
    expect(sign.lines.join(' ')).toMatch(/staying too long.*knives/);
    const chars = [...sign.lines, ...sign.footer].join('').length;
    expect(chars).toBeLessThanOrEqual(1_000);
  });
});

describe('dpiaStarter', () => {
  it('says what alerts are for, that they keep counts only, and their risks', () => {
    const d = dpiaStarter(base());
    const section = (i: number) => d.sections[i].items.join('\n');
    expect(section(0)).toMatch(/Zones, lines and alert rules: not given/);
    expect(section(1)).toMatch(/dropped as soon as they are gone/);
    expect(section(1)).toMatch(/device only.*no push server, nothing sent/);
    expect(section(1)).toMatch(/alert log .* gone when the page closes/);
    expect(section(2)).toMatch(/Security and safety compliance/);
    expect(section(2)).toMatch(/Entries and exits/);
    expect(section(2)).toMatch(/not weapon detection/);
    expect(section(2)).toMatch(
      /Alerts point at a zone and a rule, never at a person/,
    );
    expect(section(3)).toMatch(/Alerts keep counts only/);
    expect(section(3)).toMatch(/No snapshot, clip, crop or track of anyone/);
    expect(section(4)).toMatch(/Alerts about one person: at night/);
    expect(section(4)).toMatch(/under 7 show as “<7”/);
    expect(section(4)).toMatch(
      /non-zero cell still shows that an alert happened/,
    );
    expect(section(4)).toMatch(
      /Out of hours means watching outside opening hours/,
    );
    expect(section(5)).toMatch(/Which zones, lines and alert rules are needed/);
    // "Only the occupancy limit is on by default" must stay true of the editor's defaults.
    expect(
      Object.entries(DEFAULT_ZONE_RULES)
        .filter(([, r]) => r.on)
        .map(([k]) => k),
    ).toEqual(['occupancy']);
    expect(section(3)).toMatch(/only the occupancy limit is on by default/);
    expect(DEFAULT_SETUP).toMatchObject({ notify: false, objects: false });
  });

  it('follows the alerts setup when it is known', () => {
    const d = dpiaStarter(withAlerts(EXAMPLE_SETUP));
    expect(d.sections[0].items).toContain(
      'Zones and alerts: 2 zones (rules on: occupancy limit, out of hours and restricted area), 1 counting line; opening hours 08:00–20:00 local time; object-class demo off; system notifications on (when the browser allows them).',
    );
    const purposes = d.sections[2].items.join('\n');
    expect(purposes).not.toMatch(/longer than a set time|Object-class demo/);
    expect(purposes).not.toMatch(/when zones or lines are set up/);
    const none = dpiaStarter(withAlerts(NO_ZONES));
    expect(none.sections[0].items.join(' ')).toMatch(/none set up/);
    expect(none.sections[2].items.join(' ')).not.toMatch(/Security|Entries/);
  });

  it('the suppression it promises applies to alert counts', () => {
    const s = suppressBucket(exampleBucket(base()), 7);
    expect(s.alerts).toEqual({ 'z2.restricted': '<7' });
    expect(s.zonePeaks).toEqual({ z1: '<7', z2: '<7' });
    expect(s.crossings).toEqual({ 'l1.in': '<7', 'l1.out': '<7' });
  });

  it('follows Art. 35(7) and carries retention, threshold and schema version', () => {
    const d = dpiaStarter(base());
    expect(d.sections.map((s) => s.title.replace(/^\d\. /, ''))).toEqual([
      'Configuration this starter was generated from',
      'Description of the processing and data flow',
      'Purposes',
      'Necessity and proportionality',
      'Risks to people, and measures',
      'Open questions for the controller',
      'Authorised face matching (biometric identification)',
    ]);
    expect(d.markdown).toContain('17 days');
    expect(d.markdown).toContain('threshold: 7');
    expect(d.markdown).toContain('“<7”');
    expect(d.markdown).toContain(`Storage schema version: ${SCHEMA_VERSION}`);
    for (const risk of [
      'Misclassification bias',
      'Function creep',
      'Covert use',
      'Re-identification',
    ]) {
      expect(d.markdown).toContain(risk);
    }
  });

  it('lists a missing CSP as an open question and a set one as a measure', () => {
    expect(dpiaStarter(base()).markdown).toMatch(/no Content-Security-Policy/);
    const csp = "default-src 'self'";
    const d = dpiaStarter(base({ csp }));
    expect(d.markdown).toContain(`Content-Security-Policy: ${csp}`);
    expect(d.sections[5].items.join(' ')).not.toMatch(
      /Content-Security-Policy/,
    );
  });
});

describe('links', () => {
  const URL_RE = /https?:\/\/[^\s)\]]+/g;
  const configs = [
    base(),
    base({ workplace: true }),
    base({ controller: 'Shop Ltd' }),
  ];

  it('no document but the model cards contains a URL', () => {
    for (const c of [...configs, withAlerts(EXAMPLE_SETUP)]) {
      expect(ALL_TEXT(c).match(URL_RE)).toBeNull();
    }
  });

  it('model cards link only to their cited sources', () => {
    const cited = new Set(
      MODEL_CARDS.flatMap((m) =>
        [m.trainedOn, ...m.published, ...m.worseFor, ...m.measured].flatMap(
          (f) => (f.source ? [f.source.url] : []),
        ),
      ),
    );
    const found = modelCardsDoc(base()).markdown.match(URL_RE) ?? [];
    expect(found.length).toBeGreaterThan(0);
    for (const url of found) expect(cited).toContain(url);
    for (const url of cited) expect(url).toMatch(/^https:\/\//);
  });
});

describe('MODEL_CARDS', () => {
  const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as {
    files: { kind: string; package: string; version: string; path: string }[];
  };

  it('name the package, version and files in models/manifest.json', () => {
    for (const card of MODEL_CARDS) {
      for (const path of card.files) {
        const entry = manifest.files.find(
          (f) => f.package === card.package && f.path === path,
        );
        expect(entry, `${card.package} ${path}`).toBeDefined();
        expect(entry?.version).toBe(card.version);
        expect(entry?.kind).toBe('model');
      }
    }
  });

  it('cite every published figure, or say it is not published', () => {
    for (const card of MODEL_CARDS) {
      for (const f of [card.trainedOn, ...card.published]) {
        expect(
          f.source !== null || f.value.includes(NOT_PUBLISHED),
          `${card.id}: ${f.what}`,
        ).toBe(true);
      }
      for (const f of card.measured) expect(f.source).toBeNull();
    }
  });

  it('carry the published and measured figures', () => {
    const text = modelCardsDoc(base()).markdown;
    for (const figure of [
      '4.54 years',
      '95 %',
      '66 %',
      '34.7 %',
      '98.61 %',
      '22 of 22',
      'Men 40 of 41, women 58 of 59',
    ]) {
      expect(text).toContain(figure);
    }
    expect(text).toMatch(/NIST IR 8525/);
    expect(text).toMatch(/Small sample/);
  });
});
