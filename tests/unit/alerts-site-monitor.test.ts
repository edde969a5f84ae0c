// A setup's zones, lines and rules over frames (src/alerts/site-monitor.ts): each rule's
// timing, seeks, and the counts each frame adds to the stored buckets.

import { describe, expect, it } from 'vitest';
import type { NPoint } from '../../src/alerts/geometry';
import {
  SiteMonitor,
  type SiteFrame,
  type SiteUpdate,
} from '../../src/alerts/site-monitor';
import {
  DEFAULT_SETUP,
  type AlertSetup,
  type LineSetup,
  type ZoneRules,
  type ZoneSetup,
} from '../../src/alerts/site-setup';
import type { ZoneId } from '../../src/shared/alert-keys';

/** Local wall-clock time on 6 December 2026 (inside the default hours 08–20 at noon). */
const at = (h: number, m = 0) => new Date(2026, 11, 6, h, m).getTime();
const NOON = at(12);
const NIGHT = at(3);

const OFF: ZoneRules = {
  occupancy: { on: false, limit: 5 },
  afterHours: { on: false },
  loitering: { on: false, seconds: 60 },
  restricted: { on: false },
};

const square = (x0: number, y0: number, x1: number, y1: number): NPoint[] => [
  { x: x0, y: y0 },
  { x: x1, y: y0 },
  { x: x1, y: y1 },
  { x: x0, y: y1 },
];

const zone = (
  id: ZoneId,
  rules: Partial<ZoneRules> = {},
  points = square(0.1, 0.1, 0.5, 0.5),
): ZoneSetup => ({
  id,
  name: `Zone ${id}`,
  points,
  rules: { ...OFF, ...rules },
});

// A door across the lower part of the frame, drawn left to right: "in" is walking down.
const DOOR: LineSetup = {
  id: 'l1',
  name: 'Door',
  a: { x: 0.1, y: 0.8 },
  b: { x: 0.9, y: 0.8 },
};

const setup = (over: Partial<AlertSetup> = {}): AlertSetup => ({
  ...DEFAULT_SETUP,
  ...over,
});

// Points inside z1 (0.1..0.5 square), and outside every zone and away from the door.
const INSIDE: NPoint[] = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45].map((x) => ({
  x,
  y: 0.3,
}));
const OUTSIDE: NPoint = { x: 0.8, y: 0.3 };

/** A frame at media time `t` with people at these points, at noon unless told. */
const frame = (
  t: number,
  people: Record<string, NPoint> = {},
  over: Partial<Omit<SiteFrame, 'points' | 't'>> = {},
): SiteFrame => ({
  points: new Map(Object.entries(people)),
  objects: 0,
  t,
  wall: NOON,
  ...over,
});

/** Six people p0…p5, the first `n` inside z1 and the rest seen outside (none unseen). */
const crowd = (n: number) =>
  Object.fromEntries(INSIDE.map((p, i) => [`p${i}`, i < n ? p : OUTSIDE]));

/** Runs frames every `step` ms from `t0` to `t1` inclusive; returns every update. */
function run(
  m: SiteMonitor,
  t0: number,
  t1: number,
  people: (t: number) => Record<string, NPoint>,
  over: Partial<Omit<SiteFrame, 'points' | 't'>> = {},
  step = 100,
): SiteUpdate[] {
  const out: SiteUpdate[] = [];
  for (let t = t0; t <= t1; t += step)
    out.push(m.update(frame(t, people(t), over)));
  return out;
}

const starts = (us: SiteUpdate[]) => us.flatMap((u) => u.started);
const ends = (us: SiteUpdate[]) => us.flatMap((u) => u.ended);

describe('SiteMonitor: occupancy limit', () => {
  const m = () =>
    new SiteMonitor(
      setup({ zones: [zone('z1', { occupancy: { on: true, limit: 2 } })] }),
    );
  it('does not fire at the limit', () => {
    const us = run(m(), 0, 5000, () => crowd(2));
    expect(starts(us)).toEqual([]);
    expect(us.at(-1)?.zoneCounts).toEqual({ z1: 2 });
  });
  it('fires once with one person over the limit, and counts the alert once', () => {
    const mon = m();
    const first = mon.update(frame(0, crowd(3)));
    expect(first.started).toEqual([
      { key: 'z1.occupancy', target: 'z1', rule: 'occupancy', value: 3 },
    ]);
    expect(first.site.alerts).toEqual({ 'z1.occupancy': 1 });
    const later = run(mon, 100, 5000, (t) => crowd(t < 2000 ? 3 : 4));
    expect(starts(later)).toEqual([]);
    expect(later.every((u) => Object.keys(u.site.alerts).length === 0)).toBe(
      true,
    );
  });
  it('ends after the grace with its peak, then fires again only after it ended', () => {
    const mon = m();
    const before = run(mon, 0, 1000, (t) => crowd(t < 500 ? 3 : 5));
    expect(starts(before)).toHaveLength(1);
    // Back to the limit: ends 2 s after it last held (at 1 s), not before.
    const below = run(mon, 1100, 2900, () => crowd(2));
    expect(ends(below)).toEqual([]);
    const end = mon.update(frame(3000, crowd(2)));
    expect(end.ended).toEqual([{ key: 'z1.occupancy', peak: 5 }]);
    expect(end.site.alerts).toEqual({});
    const again = mon.update(frame(3200, crowd(3)));
    expect(again.started.map((s) => [s.key, s.value])).toEqual([
      ['z1.occupancy', 3],
    ]);
    expect(again.site.alerts).toEqual({ 'z1.occupancy': 1 });
  });
  it('does not end, nor fire again, when the crowd flickers at the limit', () => {
    const mon = m();
    const us = run(mon, 0, 10_000, (t) => crowd(t % 1000 < 500 ? 3 : 2));
    expect(starts(us)).toHaveLength(1);
    expect(ends(us)).toEqual([]);
  });
  it('fires for a single person with limit 0', () => {
    const mon = new SiteMonitor(
      setup({ zones: [zone('z1', { occupancy: { on: true, limit: 0 } })] }),
    );
    expect(mon.update(frame(0, {})).started).toEqual([]);
    expect(mon.update(frame(100, crowd(1))).started).toHaveLength(1);
  });
  it('follows the end grace passed in the options', () => {
    const mon = new SiteMonitor(
      setup({ zones: [zone('z1', { occupancy: { on: true, limit: 0 } })] }),
      { endGraceMs: 300 },
    );
    mon.update(frame(0, crowd(1)));
    expect(mon.update(frame(200, { p0: OUTSIDE })).ended).toEqual([]);
    expect(mon.update(frame(300, { p0: OUTSIDE })).ended).toEqual([
      { key: 'z1.occupancy', peak: 1 },
    ]);
  });
});

describe('SiteMonitor: out of hours', () => {
  const mon = (hours = DEFAULT_SETUP.hours) =>
    new SiteMonitor(
      setup({ hours, zones: [zone('z1', { afterHours: { on: true } })] }),
    );
  it('fires for anyone in the zone with the clock outside the hours', () => {
    const m = mon();
    const u = m.update(frame(0, crowd(1), { wall: NIGHT }));
    expect(u.started).toEqual([
      { key: 'z1.afterHours', target: 'z1', rule: 'afterHours', value: 1 },
    ]);
    expect(u.site.alerts).toEqual({ 'z1.afterHours': 1 });
  });
  it('does not fire inside the hours', () => {
    expect(starts(run(mon(), 0, 3000, () => crowd(3)))).toEqual([]);
    expect(
      starts(run(mon(), 0, 3000, () => crowd(1), { wall: at(8, 0) })),
    ).toEqual([]);
  });
  it('does not fire out of hours with nobody in the zone', () => {
    const us = run(mon(), 0, 3000, () => ({ x: OUTSIDE }), { wall: NIGHT });
    expect(starts(us)).toEqual([]);
  });
  it('fires once closing time passes with someone still inside', () => {
    const m = mon();
    const open = run(m, 0, 1000, () => crowd(1), { wall: at(19, 59) });
    expect(starts(open)).toEqual([]);
    const closed = run(m, 1100, 3000, () => crowd(1), { wall: at(20, 0) });
    expect(starts(closed).map((s) => s.key)).toEqual(['z1.afterHours']);
  });
  it('follows overnight hours (open 22:00, close 06:00)', () => {
    const night = { open: '22:00', close: '06:00' };
    expect(
      starts(run(mon(night), 0, 1000, () => crowd(1), { wall: NIGHT })),
    ).toEqual([]);
    expect(
      starts(run(mon(night), 0, 1000, () => crowd(1), { wall: NOON })).map(
        (s) => s.key,
      ),
    ).toEqual(['z1.afterHours']);
  });
});

describe('SiteMonitor: loitering', () => {
  const mon = () =>
    new SiteMonitor(
      setup({ zones: [zone('z1', { loitering: { on: true, seconds: 5 } })] }),
    );
  it('fires after T seconds for one person, not before', () => {
    const m = mon();
    const before = run(m, 0, 4900, () => ({ a: INSIDE[0]! }));
    expect(starts(before)).toEqual([]);
    const u = m.update(frame(5000, { a: INSIDE[0]! }));
    expect(u.started).toEqual([
      { key: 'z1.loitering', target: 'z1', rule: 'loitering', value: 1 },
    ]);
  });
  it('does not fire for people who each stay shorter, one after another', () => {
    const m = mon();
    // a stays 4 s and walks out; b comes in 2 s after a left and stays 4 s.
    const us = run(m, 0, 12_000, (t) => {
      if (t <= 4000) return { a: INSIDE[0]!, b: OUTSIDE };
      if (t < 6000) return { a: OUTSIDE, b: OUTSIDE };
      if (t <= 10_000) return { a: OUTSIDE, b: INSIDE[1]! };
      return { a: OUTSIDE, b: OUTSIDE };
    });
    expect(starts(us)).toEqual([]);
  });
  it('does not fire when one person walks out as another walks in, each staying shorter', () => {
    const m = mon();
    // a stays 4.5 s and is seen walking out; b walks in on the same frame and stays 3 s.
    // Nobody is ever in the zone for 5 s.
    const us = run(m, 0, 8000, (t) => {
      if (t <= 4500) return { a: INSIDE[0]!, b: OUTSIDE };
      if (t <= 7500) return { a: OUTSIDE, b: INSIDE[1]! };
      return { a: OUTSIDE, b: OUTSIDE };
    });
    expect(starts(us)).toEqual([]);
  });
  it('counts the people who stayed long enough, and keeps the clock over a brief step out', () => {
    const m = mon();
    const us = run(m, 0, 7000, (t) => {
      // a steps over the edge for 0.5 s at 3 s; c walks in at 4 s.
      const a = t >= 3000 && t < 3500 ? OUTSIDE : INSIDE[0]!;
      return { a, c: t < 4000 ? OUTSIDE : INSIDE[2]! };
    });
    expect(starts(us)).toEqual([
      { key: 'z1.loitering', target: 'z1', rule: 'loitering', value: 1 },
    ]);
    expect(us.find((u) => u.started.length > 0)).toBe(us[50]);
  });
  it('restarts the clock of a person who was away longer than the exit grace', () => {
    const m = mon();
    const us = run(m, 0, 8000, (t) =>
      t >= 3000 && t < 4500 ? { a: OUTSIDE } : { a: INSIDE[0]! },
    );
    // Back in at 4.5 s: 5 s later is 9.5 s, after the end of this run.
    expect(starts(us)).toEqual([]);
  });
});

describe('SiteMonitor: restricted area and objects', () => {
  it('fires on entry into a restricted zone, with the people inside', () => {
    const m = new SiteMonitor(
      setup({ zones: [zone('z1', { restricted: { on: true } })] }),
    );
    expect(m.update(frame(0, { a: OUTSIDE })).started).toEqual([]);
    expect(
      m.update(frame(100, { a: INSIDE[0]!, b: INSIDE[1]! })).started,
    ).toEqual([
      { key: 'z1.restricted', target: 'z1', rule: 'restricted', value: 2 },
    ]);
  });
  it('fires for flagged objects when the object demo is on', () => {
    const m = new SiteMonitor(setup({ objects: true }));
    expect(m.update(frame(0, {}, { objects: 0 })).started).toEqual([]);
    const u = m.update(frame(100, {}, { objects: 2 }));
    expect(u.started).toEqual([
      { key: 'frame.object', target: 'frame', rule: 'object', value: 2 },
    ]);
    expect(u.site.alerts).toEqual({ 'frame.object': 1 });
    const us = run(m, 200, 2000, () => ({}), { objects: 3 });
    expect(starts(us)).toEqual([]);
    const gone = run(m, 2100, 4100, () => ({}), { objects: 0 });
    expect(ends(gone)).toEqual([{ key: 'frame.object', peak: 3 }]);
  });
  it('raises nothing for objects when the demo is off', () => {
    const m = new SiteMonitor(setup({ objects: false }));
    expect(starts(run(m, 0, 1000, () => ({}), { objects: 5 }))).toEqual([]);
  });
});

describe('SiteMonitor: rules switched off, several zones', () => {
  it('raises nothing for a zone whose rules are all off, but still counts its people', () => {
    const m = new SiteMonitor(setup({ zones: [zone('z1')] }));
    const us = run(m, 0, 120_000, () => crowd(6), { wall: NIGHT }, 1000);
    expect(starts(us)).toEqual([]);
    expect(us.at(-1)?.zoneCounts).toEqual({ z1: 6 });
    expect(us.at(-1)?.site.zonePeaks).toEqual({ z1: 6 });
  });
  it('raises only the rules switched on', () => {
    const m = new SiteMonitor(
      setup({
        zones: [
          zone('z1', {
            occupancy: { on: false, limit: 0 },
            restricted: { on: true },
          }),
        ],
      }),
    );
    const u = m.update(frame(0, crowd(4), { wall: NIGHT }));
    expect(u.started.map((s) => s.key)).toEqual(['z1.restricted']);
  });
  it('watches each zone on its own', () => {
    const m = new SiteMonitor(
      setup({
        zones: [
          zone('z1', { restricted: { on: true } }),
          zone('z2', { restricted: { on: true } }, square(0.6, 0.1, 0.9, 0.5)),
        ],
      }),
    );
    const u = m.update(frame(0, { a: INSIDE[0]!, b: OUTSIDE, c: INSIDE[1]! }));
    expect(u.zoneCounts).toEqual({ z1: 2, z2: 1 });
    expect(u.started.map((s) => [s.key, s.value])).toEqual([
      ['z1.restricted', 2],
      ['z2.restricted', 1],
    ]);
    expect(u.site.alerts).toEqual({ 'z1.restricted': 1, 'z2.restricted': 1 });
  });
});

describe('SiteMonitor: lines and what a frame adds to the buckets', () => {
  it('reports crossings per line and direction, and counts them per key', () => {
    const m = new SiteMonitor(setup({ lines: [DOOR] }));
    m.update(frame(0, { a: { x: 0.3, y: 0.7 }, b: { x: 0.5, y: 0.7 } }));
    const u = m.update(
      frame(100, { a: { x: 0.3, y: 0.9 }, b: { x: 0.5, y: 0.9 } }),
    );
    expect(u.crossings).toEqual([
      { line: 'l1', direction: 'in' },
      { line: 'l1', direction: 'in' },
    ]);
    expect(u.site.crossings).toEqual({ 'l1.in': 2 });
    const back = m.update(frame(200, { a: { x: 0.3, y: 0.7 } }));
    expect(back.site.crossings).toEqual({ 'l1.out': 1 });
    const still = m.update(frame(300, { a: { x: 0.3, y: 0.7 } }));
    expect(still.crossings).toEqual([]);
    expect(still.site.crossings).toEqual({});
  });
  it('notes zone peaks only for zones with someone in them', () => {
    const m = new SiteMonitor(
      setup({
        zones: [zone('z1'), zone('z2', {}, square(0.6, 0.1, 0.9, 0.5))],
      }),
    );
    const empty = m.update(frame(0, {}));
    expect(empty.zoneCounts).toEqual({ z1: 0, z2: 0 });
    expect(empty.site).toEqual({ alerts: {}, crossings: {}, zonePeaks: {} });
    const one = m.update(frame(100, { a: { x: 0.7, y: 0.3 } }));
    expect(one.zoneCounts).toEqual({ z1: 0, z2: 1 });
    expect(one.site.zonePeaks).toEqual({ z2: 1 });
  });
  it('adds nothing on a quiet frame', () => {
    const m = new SiteMonitor(
      setup({
        zones: [zone('z1', { restricted: { on: true } })],
        lines: [DOOR],
        objects: true,
      }),
    );
    const u = m.update(frame(0, { a: OUTSIDE }));
    expect(u).toEqual({
      started: [],
      ended: [],
      crossings: [],
      zoneCounts: { z1: 0 },
      site: { alerts: {}, crossings: {}, zonePeaks: {} },
    });
  });
});

describe('SiteMonitor: time going backwards', () => {
  const mon = () =>
    new SiteMonitor(
      setup({
        zones: [zone('z1', { restricted: { on: true } })],
        lines: [DOOR],
        objects: true,
      }),
    );
  it('ends every active alert and starts afresh', () => {
    const m = mon();
    run(m, 0, 5000, () => crowd(2), { objects: 1 });
    const u = m.update(frame(1000, crowd(1), { objects: 0 }));
    expect([...u.ended].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'frame.object', peak: 1 },
      { key: 'z1.restricted', peak: 2 },
    ]);
    // The person still inside after the jump raises the zone alert again, counted again.
    expect(u.started.map((s) => [s.key, s.value])).toEqual([
      ['z1.restricted', 1],
    ]);
    expect(u.site.alerts).toEqual({ 'z1.restricted': 1 });
  });
  it('ends alerts on a jump back to an empty scene and raises nothing', () => {
    const m = mon();
    run(m, 10_000, 11_000, () => crowd(1));
    const u = m.update(frame(0, {}));
    expect(u.ended).toEqual([{ key: 'z1.restricted', peak: 1 }]);
    expect(u.started).toEqual([]);
    expect(m.update(frame(100, {})).ended).toEqual([]);
  });
  it('forgets which side of a line people were on', () => {
    const m = mon();
    m.update(frame(5000, { a: { x: 0.3, y: 0.7 } }));
    const u = m.update(frame(0, { a: { x: 0.3, y: 0.9 } }));
    expect(u.crossings).toEqual([]);
  });
  it('restarts loitering clocks', () => {
    const m = new SiteMonitor(
      setup({ zones: [zone('z1', { loitering: { on: true, seconds: 5 } })] }),
    );
    run(m, 10_000, 14_000, () => crowd(1));
    const us = run(m, 0, 4900, () => crowd(1));
    expect(starts(us)).toEqual([]);
    expect(m.update(frame(5000, crowd(1))).started).toHaveLength(1);
  });
  it('endAll ends what is active, once', () => {
    const m = mon();
    m.update(frame(0, crowd(3), { objects: 2 }));
    expect(m.endAll()).toHaveLength(2);
    expect(m.endAll()).toEqual([]);
    // After endAll the next frame may carry on at any time.
    expect(m.update(frame(100, crowd(1))).started).toHaveLength(1);
  });
});
