// The session's alert log (src/alerts/alert-log.ts): start, end, peak, acknowledgement, the
// banner's order, the size cap, and the banner's words.

import { describe, expect, it } from 'vitest';
import {
  AlertLog,
  RULE_LABELS,
  describeAlert,
  type AlertLogEntry,
} from '../../src/alerts/alert-log';
import type { AlertStart } from '../../src/alerts/site-monitor';
import { ALERT_RULES, type ZoneId } from '../../src/shared/alert-keys';

const WALL = new Date(2026, 11, 6, 14, 0).getTime();

const occupancy = (value = 6, zone: ZoneId = 'z1'): AlertStart => ({
  key: `${zone}.occupancy`,
  target: zone,
  rule: 'occupancy',
  value,
});
const object = (value = 1): AlertStart => ({
  key: 'frame.object',
  target: 'frame',
  rule: 'object',
  value,
});

describe('AlertLog', () => {
  it('starts an open, unacknowledged entry numbered from 1', () => {
    const log = new AlertLog();
    const e = log.start(occupancy(6), 'Lobby', WALL);
    expect(e).toEqual({
      id: 1,
      key: 'z1.occupancy',
      rule: 'occupancy',
      target: 'z1',
      place: 'Lobby',
      startedAt: WALL,
      endedAt: null,
      peak: 6,
      acknowledgedAt: null,
    });
    expect(log.start(object(), 'Whole frame', WALL + 1).id).toBe(2);
    expect(log.entries.map((x) => x.id)).toEqual([1, 2]);
  });
  it('ends the open entry of a key, keeping the higher peak', () => {
    const log = new AlertLog();
    log.start(occupancy(6), 'Lobby', WALL);
    log.start(occupancy(1, 'z2'), 'Bar', WALL);
    log.end({ key: 'z1.occupancy', peak: 9 }, WALL + 5000);
    expect(log.entries[0]).toMatchObject({ endedAt: WALL + 5000, peak: 9 });
    expect(log.entries[1]).toMatchObject({ endedAt: null, peak: 1 });
    log.end({ key: 'z2.occupancy', peak: 0 }, WALL + 6000);
    expect(log.entries[1]).toMatchObject({ endedAt: WALL + 6000, peak: 1 });
  });
  it('ends only the open entry of a key, not an earlier ended one', () => {
    const log = new AlertLog();
    log.start(occupancy(6), 'Lobby', WALL);
    log.end({ key: 'z1.occupancy', peak: 6 }, WALL + 1000);
    log.start(occupancy(7), 'Lobby', WALL + 2000);
    log.end({ key: 'z1.occupancy', peak: 8 }, WALL + 3000);
    expect(log.entries.map((e) => [e.endedAt, e.peak])).toEqual([
      [WALL + 1000, 6],
      [WALL + 3000, 8],
    ]);
  });
  it('ignores an end with no open entry', () => {
    const log = new AlertLog();
    log.start(occupancy(), 'Lobby', WALL);
    const before = log.entries;
    log.end({ key: 'z5.loitering', peak: 3 }, WALL);
    expect(log.entries).toBe(before);
  });
  it('raises the peak of the open entry, never lowers it', () => {
    const log = new AlertLog();
    log.start(occupancy(6), 'Lobby', WALL);
    log.peak('z1.occupancy', 8);
    expect(log.entries[0]?.peak).toBe(8);
    log.peak('z1.occupancy', 7);
    expect(log.entries[0]?.peak).toBe(8);
    log.end({ key: 'z1.occupancy', peak: 8 }, WALL + 1);
    log.peak('z1.occupancy', 20);
    expect(log.entries[0]?.peak).toBe(8);
  });
  it('acknowledges one entry, keeping the first acknowledgement time', () => {
    const log = new AlertLog();
    log.start(occupancy(), 'Lobby', WALL);
    log.start(object(), 'Whole frame', WALL);
    log.acknowledge(1, WALL + 100);
    log.acknowledge(1, WALL + 900);
    expect(log.entries.map((e) => e.acknowledgedAt)).toEqual([
      WALL + 100,
      null,
    ]);
    log.acknowledge(99, WALL);
    expect(log.entries).toHaveLength(2);
  });
  it('acknowledges all open acknowledgements at once, leaving earlier ones', () => {
    const log = new AlertLog();
    log.start(occupancy(), 'Lobby', WALL);
    log.start(object(), 'Whole frame', WALL);
    log.start(occupancy(3, 'z2'), 'Bar', WALL);
    log.acknowledge(2, WALL + 10);
    log.acknowledgeAll(WALL + 20);
    expect(log.entries.map((e) => e.acknowledgedAt)).toEqual([
      WALL + 20,
      WALL + 10,
      WALL + 20,
    ]);
    expect(log.unacknowledged).toEqual([]);
  });
  it('lists unacknowledged entries newest first, ended or not', () => {
    const log = new AlertLog();
    log.start(occupancy(), 'Lobby', WALL);
    log.start(object(), 'Whole frame', WALL + 1);
    log.start(occupancy(3, 'z2'), 'Bar', WALL + 2);
    log.end({ key: 'z2.occupancy', peak: 3 }, WALL + 3);
    log.acknowledge(1, WALL + 4);
    expect(log.unacknowledged.map((e) => e.id)).toEqual([3, 2]);
    // Entries stay oldest first.
    expect(log.entries.map((e) => e.id)).toEqual([1, 2, 3]);
  });
  it('hands out a new entries array after each change, never changing an old one', () => {
    const log = new AlertLog();
    log.start(occupancy(), 'Lobby', WALL);
    const first = log.entries;
    const snapshot = structuredClone(first);
    log.acknowledge(1, WALL);
    expect(log.entries).not.toBe(first);
    expect(first).toEqual(snapshot);
    const second = log.entries;
    log.start(object(), 'Whole frame', WALL);
    expect(log.entries).not.toBe(second);
    expect(second).toHaveLength(1);
  });
  it('evicts the oldest ended and acknowledged entry past its size', () => {
    const log = new AlertLog(3);
    log.start(occupancy(1), 'A', WALL); // 1: open
    log.start(occupancy(2, 'z2'), 'B', WALL); // 2: ended, acknowledged
    log.start(occupancy(3, 'z3'), 'C', WALL); // 3: ended, acknowledged
    log.end({ key: 'z2.occupancy', peak: 2 }, WALL);
    log.end({ key: 'z3.occupancy', peak: 3 }, WALL);
    log.acknowledgeAll(WALL);
    log.start(occupancy(4, 'z4'), 'D', WALL);
    expect(log.entries.map((e) => e.id)).toEqual([1, 3, 4]);
    log.start(occupancy(5, 'z5'), 'E', WALL);
    expect(log.entries.map((e) => e.id)).toEqual([1, 4, 5]);
  });
  it('evicts the oldest entry when none is both ended and acknowledged', () => {
    const log = new AlertLog(2);
    log.start(occupancy(1), 'A', WALL);
    log.start(occupancy(2, 'z2'), 'B', WALL);
    log.end({ key: 'z2.occupancy', peak: 2 }, WALL); // ended, not acknowledged
    log.start(occupancy(3, 'z3'), 'C', WALL);
    expect(log.entries.map((e) => e.id)).toEqual([2, 3]);
    for (let i = 0; i < 50; i++) log.start(object(), 'Whole frame', WALL);
    expect(log.entries).toHaveLength(2);
    expect(log.entries.at(-1)?.id).toBe(53);
  });
  it('forgets everything on clear, but keeps counting ids', () => {
    const log = new AlertLog();
    log.start(occupancy(), 'Lobby', WALL);
    log.clear();
    expect(log.entries).toEqual([]);
    expect(log.unacknowledged).toEqual([]);
    expect(log.start(object(), 'Whole frame', WALL).id).toBe(2);
  });
});

describe('describeAlert', () => {
  const entry = (over: Partial<AlertLogEntry>): AlertLogEntry => ({
    id: 1,
    key: 'z1.occupancy',
    rule: 'occupancy',
    target: 'z1',
    place: 'Lobby',
    startedAt: WALL,
    endedAt: null,
    peak: 6,
    acknowledgedAt: null,
    ...over,
  });
  it('names the rule, the place and the people, with the limit', () => {
    expect(describeAlert(entry({}), 5)).toBe(
      'Occupancy limit in Lobby: 6 people (limit 5)',
    );
    expect(describeAlert(entry({}))).toBe('Occupancy limit in Lobby: 6 people');
  });
  it('says person for one', () => {
    const e = entry({ key: 'z2.restricted', rule: 'restricted', peak: 1 });
    expect(describeAlert({ ...e, place: 'Stock room' }, 5)).toBe(
      'Restricted area in Stock room: 1 person',
    );
  });
  it('words the other zone rules, without a limit', () => {
    expect(
      describeAlert(entry({ rule: 'afterHours', key: 'z1.afterHours' }), 5),
    ).toBe('Out of hours in Lobby: 6 people');
    expect(
      describeAlert(entry({ rule: 'loitering', key: 'z1.loitering', peak: 2 })),
    ).toBe('Loitering in Lobby: 2 people');
  });
  it('words the object-class demo as flagged objects in view', () => {
    const e = entry({
      key: 'frame.object',
      rule: 'object',
      target: 'frame',
      place: 'Whole frame',
    });
    expect(describeAlert({ ...e, peak: 1 })).toBe(
      'Object class (demo) in view: 1 flagged object',
    );
    expect(describeAlert({ ...e, peak: 3 }, 5)).toBe(
      'Object class (demo) in view: 3 flagged objects',
    );
  });
  it('has a label for every rule', () => {
    for (const rule of ALERT_RULES) expect(RULE_LABELS[rule]).toMatch(/\S/);
  });
});
