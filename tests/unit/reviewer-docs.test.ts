// The reviewer documents follow the real configuration: the inventory lists exactly the stored
// fields, switched-off estimates vanish from the notice, and only model cards carry URLs.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyBucket, validateBucket } from '../../src/shared/aggregates';
import { MODEL_CARDS, NOT_PUBLISHED } from '../../src/shared/model-cards';
import {
  DB_NAME,
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
    expect(rows.find((r) => r.where === 'localStorage')?.field).toBe(
      SETTINGS_KEY,
    );
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

  it('says what is never stored', () => {
    const inv = dataInventory(base());
    const never = inv.neverStored.join(' ');
    for (const word of [
      /frame/i,
      /crop/i,
      /embedding/i,
      /per-visit/i,
      /track id/i,
    ]) {
      expect(never).toMatch(word);
    }
    expect(inv.markdown).toContain('## Never stored');
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

describe('dpiaStarter', () => {
  it('follows Art. 35(7) and carries retention, threshold and schema version', () => {
    const d = dpiaStarter(base());
    expect(d.sections.map((s) => s.title.replace(/^\d\. /, ''))).toEqual([
      'Configuration this starter was generated from',
      'Description of the processing and data flow',
      'Purposes',
      'Necessity and proportionality',
      'Risks to people, and measures',
      'Open questions for the controller',
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
    for (const c of configs) {
      const inv = dataInventory(c);
      const n = firstLayerNotice(c);
      const all = JSON.stringify([inv, n, noticeSign(c), dpiaStarter(c)]);
      expect(all.match(URL_RE)).toBeNull();
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
