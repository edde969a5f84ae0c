// Zones, lines and rules as settings (src/alerts/site-setup.ts): the defensive parser on
// hostile input, opening hours, and free slots.

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETUP,
  DEFAULT_ZONE_RULES,
  MAX_NAME,
  cleanName,
  freeLineId,
  freeZoneId,
  isOutOfHours,
  parseAlertSetup,
  type AlertSetup,
  type ZoneSetup,
} from '../../src/alerts/site-setup';
import { LINE_IDS, ZONE_IDS } from '../../src/shared/alert-keys';

const SQUARE = [
  { x: 0.1, y: 0.1 },
  { x: 0.5, y: 0.1 },
  { x: 0.5, y: 0.5 },
  { x: 0.1, y: 0.5 },
];

const VALID: AlertSetup = {
  zones: [
    {
      id: 'z1',
      name: 'Lobby',
      points: SQUARE,
      rules: {
        occupancy: { on: true, limit: 12 },
        afterHours: { on: true },
        loitering: { on: true, seconds: 90 },
        restricted: { on: false },
      },
    },
    {
      id: 'z3',
      name: 'Stock room',
      points: [
        { x: 0.6, y: 0.6 },
        { x: 1, y: 0.6 },
        { x: 0.8, y: 1 },
      ],
      rules: structuredClone(DEFAULT_ZONE_RULES),
    },
  ],
  lines: [
    { id: 'l2', name: 'Front door', a: { x: 0, y: 0.7 }, b: { x: 1, y: 0.7 } },
  ],
  hours: { open: '22:00', close: '06:00' },
  sound: false,
  notify: true,
  objects: true,
};

const zone = (over: Record<string, unknown> = {}) => ({
  id: 'z1',
  name: 'Lobby',
  points: SQUARE,
  rules: DEFAULT_ZONE_RULES,
  ...over,
});
const line = (over: Record<string, unknown> = {}) => ({
  id: 'l1',
  name: 'Door',
  a: { x: 0.2, y: 0.5 },
  b: { x: 0.8, y: 0.5 },
  ...over,
});

/** Local wall-clock time today at h:m (the hours are local, like the user's clock). */
const at = (h: number, m = 0) => new Date(2026, 11, 6, h, m).getTime();

describe('parseAlertSetup', () => {
  it('round-trips a valid setup through JSON', () => {
    const parsed = parseAlertSetup(JSON.parse(JSON.stringify(VALID)));
    expect(parsed).toEqual({ setup: VALID, dropped: 0 });
  });
  it('round-trips the default setup', () => {
    expect(parseAlertSetup(structuredClone(DEFAULT_SETUP))).toEqual({
      setup: DEFAULT_SETUP,
      dropped: 0,
    });
  });
  it('returns the defaults for things that are not setups', () => {
    for (const raw of [
      null,
      undefined,
      42,
      'zones',
      true,
      [],
      [VALID],
      new Map(),
    ]) {
      expect(parseAlertSetup(raw)).toEqual({
        setup: DEFAULT_SETUP,
        dropped: 0,
      });
    }
  });
  it('never hands out the default objects themselves', () => {
    const { setup } = parseAlertSetup(null);
    setup.zones.push(zone() as ZoneSetup);
    setup.hours.open = '00:00';
    expect(DEFAULT_SETUP.zones).toEqual([]);
    expect(DEFAULT_SETUP.hours.open).toBe('08:00');
  });
  it('ignores zones and lines that are not arrays', () => {
    const { setup, dropped } = parseAlertSetup({
      zones: { 0: zone() },
      lines: 'l1',
    });
    expect(setup.zones).toEqual([]);
    expect(setup.lines).toEqual([]);
    expect(dropped).toBe(0);
  });
  it('drops zones that are not objects', () => {
    const { setup, dropped } = parseAlertSetup({
      zones: [null, 3, 'z1', [zone()], zone()],
    });
    expect(setup.zones.map((z) => z.id)).toEqual(['z1']);
    expect(dropped).toBe(4);
  });
  it('drops zones with a point out of 0..1, NaN, a string or a missing coordinate', () => {
    const bad = [
      { x: 1.01, y: 0.5 },
      { x: -0.01, y: 0.5 },
      { x: 0.5, y: NaN },
      { x: Infinity, y: 0.5 },
      { x: '0.5', y: 0.5 },
      { x: 0.5 },
      null,
      [0.5, 0.5],
    ];
    for (const p of bad) {
      const { setup, dropped } = parseAlertSetup({
        zones: [zone({ points: [...SQUARE.slice(0, 3), p] })],
      });
      expect(setup.zones).toEqual([]);
      expect(dropped).toBe(1);
    }
  });
  it('keeps points on the edges of the frame', () => {
    const edges = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 1 },
    ];
    const { setup } = parseAlertSetup({ zones: [zone({ points: edges })] });
    expect(setup.zones[0]?.points).toEqual(edges);
  });
  it('keeps only x and y of each point', () => {
    const extra = SQUARE.map((p) => ({ ...p, label: 'corner', z: 3 }));
    const { setup } = parseAlertSetup({ zones: [zone({ points: extra })] });
    expect(setup.zones[0]?.points).toEqual(SQUARE);
  });
  it('drops zones of fewer than three points, or more than 32', () => {
    const many = Array.from({ length: 33 }, (_, i) => ({
      x: 0.5 + 0.4 * Math.cos(i),
      y: 0.5 + 0.4 * Math.sin(i),
    }));
    const { setup, dropped } = parseAlertSetup({
      zones: [
        zone({ id: 'z1', points: SQUARE.slice(0, 2) }),
        zone({ id: 'z2', points: [] }),
        zone({ id: 'z3', points: 'square' }),
        zone({ id: 'z4', points: many }),
        zone({ id: 'z5', points: many.slice(0, 32) }),
      ],
    });
    expect(setup.zones.map((z) => z.id)).toEqual(['z5']);
    expect(dropped).toBe(4);
  });
  it('drops zones in unknown or duplicate slots', () => {
    const { setup, dropped } = parseAlertSetup({
      zones: [
        zone({ id: 'z9' }),
        zone({ id: 'z0' }),
        zone({ id: 'l1' }),
        zone({ id: 1 }),
        zone({ id: '__proto__' }),
        zone({ id: undefined }),
        zone({ id: 'z2', name: 'First' }),
        zone({ id: 'z2', name: 'Second' }),
      ],
    });
    expect(setup.zones.map((z) => [z.id, z.name])).toEqual([['z2', 'First']]);
    expect(dropped).toBe(7);
  });
  it('drops lines in unknown or duplicate slots, with bad ends, or of no length', () => {
    const { setup, dropped } = parseAlertSetup({
      lines: [
        null,
        line({ id: 'l9' }),
        line({ id: 'z1' }),
        line({ id: 'l1', a: { x: 2, y: 0.5 } }),
        line({ id: 'l1', b: { x: 0.5, y: NaN } }),
        line({ id: 'l1', b: undefined }),
        line({ id: 'l1', a: { x: 0.3, y: 0.3 }, b: { x: 0.3, y: 0.3 } }),
        line({ id: 'l1' }),
        line({ id: 'l1', name: 'Again' }),
        line({ id: 'l8' }),
      ],
    });
    expect(setup.lines.map((l) => l.id)).toEqual(['l1', 'l8']);
    expect(dropped).toBe(8);
  });
  it('counts drops of zones and lines together', () => {
    const { setup, dropped } = parseAlertSetup({
      zones: [zone({ id: 'z9' }), zone()],
      lines: [line({ id: 'l9' }), 'x', line()],
    });
    expect(setup.zones).toHaveLength(1);
    expect(setup.lines).toHaveLength(1);
    expect(dropped).toBe(3);
  });
  it('cleans names: control characters dropped, trimmed, at most MAX_NAME', () => {
    const long = 'A'.repeat(100);
    const { setup } = parseAlertSetup({
      zones: [
        zone({ id: 'z1', name: '  Lob\u0000by\n\t\u001b[31m\u007f ' }),
        zone({ id: 'z2', name: long }),
        zone({ id: 'z3', name: '\u0007\r\n ' }),
        zone({ id: 'z4', name: 42 }),
        zone({ id: 'z5', name: undefined }),
      ],
      lines: [line({ id: 'l3', name: { toString: () => 'x' } })],
    });
    expect(setup.zones.map((z) => z.name)).toEqual([
      'Lobby[31m',
      'A'.repeat(MAX_NAME),
      'Zone 3',
      'Zone 4',
      'Zone 5',
    ]);
    expect(setup.lines[0]?.name).toBe('Line 3');
  });
  it('falls back to the default of each rule field that is unusable', () => {
    const { setup, dropped } = parseAlertSetup({
      zones: [
        zone({
          rules: {
            occupancy: { on: 'yes', limit: 2.5 },
            afterHours: true,
            loitering: { on: 1, seconds: 0 },
            restricted: { on: true, extra: 'x' },
          },
        }),
        zone({
          id: 'z2',
          rules: {
            occupancy: { on: false, limit: 1000 },
            loitering: { on: true, seconds: 86_401 },
          },
        }),
        zone({
          id: 'z3',
          rules: {
            occupancy: { limit: -1 },
            loitering: { seconds: '60' },
          },
        }),
        zone({ id: 'z4', rules: 'strict' }),
        zone({ id: 'z5', rules: undefined }),
      ],
    });
    expect(dropped).toBe(0);
    const [z1, z2, z3, z4, z5] = setup.zones.map((z) => z.rules);
    expect(z1).toEqual({ ...DEFAULT_ZONE_RULES, restricted: { on: true } });
    expect(z2).toEqual({
      ...DEFAULT_ZONE_RULES,
      occupancy: { on: false, limit: 5 },
      loitering: { on: true, seconds: 60 },
    });
    expect(z3).toEqual(DEFAULT_ZONE_RULES);
    expect(z4).toEqual(DEFAULT_ZONE_RULES);
    expect(z5).toEqual(DEFAULT_ZONE_RULES);
  });
  it('accepts the ends of the rule ranges', () => {
    const { setup } = parseAlertSetup({
      zones: [
        zone({
          rules: {
            occupancy: { on: true, limit: 0 },
            loitering: { on: true, seconds: 1 },
          },
        }),
        zone({
          id: 'z2',
          rules: {
            occupancy: { on: true, limit: 999 },
            loitering: { on: true, seconds: 86_400 },
          },
        }),
      ],
    });
    expect(setup.zones[0]?.rules.occupancy.limit).toBe(0);
    expect(setup.zones[0]?.rules.loitering.seconds).toBe(1);
    expect(setup.zones[1]?.rules.occupancy.limit).toBe(999);
    expect(setup.zones[1]?.rules.loitering.seconds).toBe(86_400);
  });
  it('falls back to the default hours for bad times, without counting a drop', () => {
    for (const hours of [
      { open: '25:00', close: '24:00' },
      { open: '8:00', close: '20:60' },
      { open: 800, close: null },
      { open: '08:00 ', close: '2000' },
      { open: '24:00', close: '-1:00' },
      'always',
      null,
    ]) {
      const { setup, dropped } = parseAlertSetup({ hours });
      expect(setup.hours).toEqual(DEFAULT_SETUP.hours);
      expect(dropped).toBe(0);
    }
    const half = parseAlertSetup({ hours: { open: '07:30', close: '25:00' } });
    expect(half.setup.hours).toEqual({ open: '07:30', close: '20:00' });
    const other = parseAlertSetup({ hours: { open: '25:00', close: '06:00' } });
    expect(other.setup.hours).toEqual({ open: '08:00', close: '06:00' });
    const edge = parseAlertSetup({ hours: { open: '00:00', close: '23:59' } });
    expect(edge.setup.hours).toEqual({ open: '00:00', close: '23:59' });
  });
  it('takes the default of each flag that is not a boolean', () => {
    const { setup } = parseAlertSetup({
      sound: 'false',
      notify: 1,
      objects: null,
    });
    expect(setup).toMatchObject({ sound: true, notify: false, objects: false });
    const set = parseAlertSetup({ sound: false, notify: true, objects: true });
    expect(set.setup).toMatchObject({
      sound: false,
      notify: true,
      objects: true,
    });
  });
  it('keeps nothing of unknown fields, and is not fooled by __proto__ in JSON', () => {
    const raw = JSON.parse(
      '{"__proto__": {"objects": true}, "extra": "x", "zones": [{"id": "z1", "points": ' +
        JSON.stringify(SQUARE) +
        ', "rules": {"__proto__": {"restricted": {"on": true}}}, "script": "<b>"}]}',
    ) as unknown;
    const { setup, dropped } = parseAlertSetup(raw);
    expect(dropped).toBe(0);
    expect(setup.objects).toBe(false);
    expect(Object.keys(setup).sort()).toEqual(
      Object.keys(DEFAULT_SETUP).sort(),
    );
    expect(setup.zones).toEqual([
      { id: 'z1', name: 'Zone 1', points: SQUARE, rules: DEFAULT_ZONE_RULES },
    ]);
    expect(({} as Record<string, unknown>)['objects']).toBeUndefined();
  });
});

describe('cleanName', () => {
  it('returns the fallback for non-strings and empty names', () => {
    expect(cleanName(undefined, 'Zone 1')).toBe('Zone 1');
    expect(cleanName(['Lobby'], 'Zone 1')).toBe('Zone 1');
    expect(cleanName('   ', 'Zone 1')).toBe('Zone 1');
    expect(cleanName('\u0000\u001f', 'Zone 1')).toBe('Zone 1');
  });
  it('drops C1 control characters too', () => {
    expect(cleanName('Lob\u0085by\u009b', 'x')).toBe('Lobby');
  });
  it('keeps ordinary text, accents and emoji', () => {
    expect(cleanName('Café — entrée 🚪', 'x')).toBe('Café — entrée 🚪');
  });
});

describe('isOutOfHours', () => {
  const day = { open: '08:00', close: '20:00' };
  it('is out before opening and from closing time, in between inside', () => {
    expect(isOutOfHours(at(3), day)).toBe(true);
    expect(isOutOfHours(at(7, 59), day)).toBe(true);
    expect(isOutOfHours(at(8, 0), day)).toBe(false);
    expect(isOutOfHours(at(12, 30), day)).toBe(false);
    expect(isOutOfHours(at(19, 59), day)).toBe(false);
    expect(isOutOfHours(at(20, 0), day)).toBe(true);
    expect(isOutOfHours(at(23, 59), day)).toBe(true);
  });
  it('handles overnight hours (open after close)', () => {
    const night = { open: '22:00', close: '06:00' };
    expect(isOutOfHours(at(3), night)).toBe(false);
    expect(isOutOfHours(at(0, 0), night)).toBe(false);
    expect(isOutOfHours(at(5, 59), night)).toBe(false);
    expect(isOutOfHours(at(6, 0), night)).toBe(true);
    expect(isOutOfHours(at(12), night)).toBe(true);
    expect(isOutOfHours(at(21, 59), night)).toBe(true);
    expect(isOutOfHours(at(22, 0), night)).toBe(false);
    expect(isOutOfHours(at(23, 30), night)).toBe(false);
  });
  it('treats open == close as always open', () => {
    const always = { open: '09:00', close: '09:00' };
    for (const h of [0, 3, 8, 9, 12, 23])
      expect(isOutOfHours(at(h), always)).toBe(false);
  });
  it('reads the minutes of the hours, not only the hour', () => {
    const hours = { open: '08:30', close: '17:45' };
    expect(isOutOfHours(at(8, 29), hours)).toBe(true);
    expect(isOutOfHours(at(8, 30), hours)).toBe(false);
    expect(isOutOfHours(at(17, 44), hours)).toBe(false);
    expect(isOutOfHours(at(17, 45), hours)).toBe(true);
  });
});

describe('freeZoneId and freeLineId', () => {
  const withZones = (ids: readonly string[]): AlertSetup => ({
    ...DEFAULT_SETUP,
    zones: ids.map((id) => zone({ id }) as ZoneSetup),
  });
  it('gives the first free slot', () => {
    expect(freeZoneId(DEFAULT_SETUP)).toBe('z1');
    expect(freeZoneId(withZones(['z1', 'z2']))).toBe('z3');
    expect(freeZoneId(withZones(['z2', 'z3']))).toBe('z1');
    expect(freeZoneId(withZones(['z1', 'z3']))).toBe('z2');
    expect(freeLineId(DEFAULT_SETUP)).toBe('l1');
    expect(freeLineId({ ...DEFAULT_SETUP, lines: [VALID.lines[0]!] })).toBe(
      'l1',
    );
    const l1 = { ...VALID.lines[0]!, id: 'l1' as const };
    expect(freeLineId({ ...DEFAULT_SETUP, lines: [l1] })).toBe('l2');
  });
  it('gives null when all eight slots are taken', () => {
    expect(freeZoneId(withZones(ZONE_IDS))).toBeNull();
    const lines = LINE_IDS.map((id) => ({ ...VALID.lines[0]!, id }));
    expect(freeLineId({ ...DEFAULT_SETUP, lines })).toBeNull();
    expect(freeLineId({ ...DEFAULT_SETUP, lines: lines.slice(1) })).toBe('l1');
  });
});
