// The page side of alerts (issue 17) in node: the controller turns each frame's people into
// feet points, runs the saved setup, hands only counts to storage, keeps the session's log,
// and reads a damaged saved setup with a notice instead of failing.

import { describe, expect, it } from 'vitest';
import type { ReactiveController } from 'lit';
import {
  AlertsController,
  referencePoints,
} from '../../src/controllers/alerts-controller';
import {
  ALERTS_KEY,
  DEFAULT_SETUP,
  DEFAULT_ZONE_RULES,
  type AlertSetup,
} from '../../src/alerts/site-setup';
import type { SiteCounts } from '../../src/shared/aggregates';
import type { DetectResult, PersonView } from '../../src/shared/types';

const person = (id: string, x: number, y: number): PersonView => ({
  id,
  // A 20×60 box whose feet are at (x, y) in a 100×100 frame.
  box: { x: x - 10, y: y - 60, width: 20, height: 60, score: 0.9 },
  faceId: null,
  ageGroup: null,
  gender: null,
  mood: null,
  dwellMs: 0,
});

const result = (people: PersonView[]): DetectResult => ({
  dropped: false,
  tracks: [],
  people,
  inView: people.length,
  peopleError: null,
  attributesError: null,
  visits: [],
  objects: [],
  profilesSeen: [],
  matchMs: 0,
  frameWidth: 100,
  frameHeight: 100,
  inferenceMs: 1,
  attributeMs: 0,
  attributeFaces: 0,
  tensors: 0,
});

const SETUP: AlertSetup = {
  ...DEFAULT_SETUP,
  sound: false,
  zones: [
    {
      id: 'z1',
      name: 'Lobby',
      points: [
        { x: 0, y: 0 },
        { x: 0.5, y: 0 },
        { x: 0.5, y: 1 },
        { x: 0, y: 1 },
      ],
      rules: { ...DEFAULT_ZONE_RULES, occupancy: { on: true, limit: 1 } },
    },
  ],
  lines: [{ id: 'l1', name: 'Door', a: { x: 0.7, y: 0 }, b: { x: 0.7, y: 1 } }],
};

function make(stored: string | null) {
  const storage = new Map<string, string>();
  if (stored !== null) storage.set(ALERTS_KEY, stored);
  const notices: string[] = [];
  const noted: SiteCounts[] = [];
  let updates = 0;
  const host = {
    addController: (_c: ReactiveController) => undefined,
    removeController: () => undefined,
    requestUpdate: () => void updates++,
    updateComplete: Promise.resolve(true),
  };
  const c = new AlertsController(host, {
    onNotice: (_k, m) => notices.push(m),
    noteSite: (_s, site) => noted.push(structuredClone(site)),
    read: (k) => storage.get(k) ?? null,
    write: (k, v) => (storage.set(k, v), true),
    now: () => 1_000,
  });
  return { c, storage, notices, noted, updates: () => updates };
}

describe('AlertsController', () => {
  it('puts each person at their feet, normalised, and a bodiless face at its centre', () => {
    const r = result([person('p1', 30, 90)]);
    r.tracks = [
      {
        id: 'f1',
        box: { x: 60, y: 20, width: 10, height: 10, score: 1, keypoints: [] },
        ageGroup: null,
        gender: null,
        mood: null,
        expression: null,
        dwellMs: 0,
        attentionMs: 0,
        facing: true,
        personId: null,
        match: null,
      },
    ];
    expect([...referencePoints(r)]).toEqual([
      ['p1', { x: 0.3, y: 0.9 }],
      ['f1', { x: 0.65, y: 0.25 }],
    ]);
    expect(referencePoints({ ...r, frameWidth: 0 }).size).toBe(0);
  });

  it('counts crossings and raises an occupancy alert, handing only counts to storage', () => {
    const { c, noted } = make(JSON.stringify(SETUP));
    const frame = (t: number, people: PersonView[]) =>
      c.onFrame('video', result(people), { t, wall: 1_000 + t });
    frame(0, [person('a', 80, 50), person('b', 20, 50)]);
    frame(100, [person('a', 60, 50), person('b', 20, 50)]); // a crosses leftwards: "in"
    frame(200, [person('a', 30, 50), person('b', 20, 50)]); // two in Lobby (limit 1)
    expect(c.session.crossings).toEqual({ 'l1.in': 1 });
    expect(c.zoneCounts).toEqual({ z1: 2 });
    expect(c.log.entries.map((e) => [e.key, e.place, e.peak])).toEqual([
      ['z1.occupancy', 'Lobby', 2],
    ]);
    expect([...c.active]).toEqual(['z1.occupancy']);
    // Only counts reached storage: crossings, the alert, zone peaks.
    const keys = new Set(noted.flatMap((s) => Object.keys(s)));
    expect([...keys].sort()).toEqual(['alerts', 'crossings', 'zonePeaks']);
    expect(noted.reduce((n, s) => n + (s.alerts['z1.occupancy'] ?? 0), 0)).toBe(
      1,
    );
    // The source stops: the alert ends, nobody carries over.
    c.endSession();
    expect(c.active.size).toBe(0);
    expect(c.log.entries[0]!.endedAt).toBe(1_000);
    c.acknowledge('all');
    expect(c.log.unacknowledged).toEqual([]);
  });

  it('saves a new setup, and does nothing at all without zones, lines or the object demo', () => {
    const { c, storage, noted } = make(null);
    expect(c.setup).toEqual(DEFAULT_SETUP);
    c.onFrame('camera', result([person('a', 30, 50)]), { t: 0, wall: 0 });
    expect(noted).toEqual([]);
    c.setSetup(SETUP);
    expect(JSON.parse(storage.get(ALERTS_KEY)!)).toEqual(SETUP);
    expect(c.places()).toEqual({
      zones: { z1: 'Lobby' },
      lines: { l1: 'Door' },
    });
  });

  it('reads a damaged saved setup as empty, or without its unusable shapes, and says so', () => {
    expect(make('{not json').notices).toEqual([
      'The saved zones and lines could not be read; they start empty.',
    ]);
    const partly = make(
      JSON.stringify({ ...SETUP, lines: [{ id: 'l9', a: 1 }] }),
    );
    expect(partly.c.setup.zones).toHaveLength(1);
    expect(partly.c.setup.lines).toEqual([]);
    expect(partly.notices).toEqual([
      '1 saved zone(s) or line(s) could not be used and were left out.',
    ]);
  });
});
