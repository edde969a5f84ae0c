// Who is inside a zone (src/alerts/zone-presence.ts): out at once when seen outside, kept a
// little while when unseen, entry time kept across a brief exit and restarted after a long one.

import { describe, expect, it } from 'vitest';
import type { NPoint } from '../../src/alerts/geometry';
import {
  DEFAULT_EXIT_GRACE_MS,
  ZonePresence,
} from '../../src/alerts/zone-presence';

const ZONE: NPoint[] = [
  { x: 0.2, y: 0.2 },
  { x: 0.6, y: 0.2 },
  { x: 0.6, y: 0.6 },
  { x: 0.2, y: 0.6 },
];
const IN: NPoint = { x: 0.4, y: 0.4 };
const IN2: NPoint = { x: 0.3, y: 0.5 };
const OUT: NPoint = { x: 0.8, y: 0.8 };

const frame = (people: Record<string, NPoint>) =>
  new Map(Object.entries(people));

describe('ZonePresence', () => {
  it('counts the people whose point is inside the polygon', () => {
    const z = new ZonePresence(ZONE);
    z.update(frame({ a: IN, b: IN2, c: OUT }), 0);
    expect(z.count).toBe(2);
    z.update(frame({ a: IN, b: OUT, c: OUT }), 100);
    expect(z.count).toBe(1);
  });
  it('is empty before any frame and for a frame with nobody inside', () => {
    const z = new ZonePresence(ZONE);
    expect(z.count).toBe(0);
    expect(z.longestStayMs(1000)).toBe(0);
    z.update(frame({ c: OUT }), 0);
    expect(z.count).toBe(0);
    expect(z.longestStayMs(0)).toBe(0);
  });
  it('counts a person seen outside as out at once', () => {
    const z = new ZonePresence(ZONE, 1000);
    z.update(frame({ a: IN }), 0);
    z.update(frame({ a: OUT }), 100);
    expect(z.count).toBe(0);
    expect(z.stayingAtLeast(0, 100)).toBe(0);
  });
  it('reports no stay for a zone whose only person was seen outside', () => {
    const z = new ZonePresence(ZONE, 1000);
    z.update(frame({ a: IN }), 0);
    z.update(frame({ a: OUT }), 500);
    expect(z.count).toBe(0);
    // "The longest any person in the zone has been there (0 when empty)".
    expect(z.longestStayMs(500)).toBe(0);
  });
  it('keeps counting a person unseen for up to exitGraceMs, then drops them', () => {
    const z = new ZonePresence(ZONE, 1000);
    z.update(frame({ a: IN }), 0);
    z.update(frame({}), 500);
    expect(z.count).toBe(1);
    z.update(frame({}), 1000);
    expect(z.count).toBe(1);
    expect(z.longestStayMs(1000)).toBe(1000);
    z.update(frame({}), 1001);
    expect(z.count).toBe(0);
    expect(z.longestStayMs(1001)).toBe(0);
  });
  it('keeps the entry time across a brief exit: the loitering clock is not restarted', () => {
    const z = new ZonePresence(ZONE, 1000);
    z.update(frame({ a: IN }), 0);
    z.update(frame({ a: IN }), 3000);
    z.update(frame({ a: OUT }), 3200); // jitter over the edge
    z.update(frame({ a: OUT }), 3900);
    z.update(frame({ a: IN }), 4000);
    expect(z.count).toBe(1);
    expect(z.longestStayMs(4000)).toBe(4000);
    expect(z.stayingAtLeast(4000, 4000)).toBe(1);
  });
  it('keeps the entry time across a brief spell unseen', () => {
    const z = new ZonePresence(ZONE, 1000);
    z.update(frame({ a: IN }), 0);
    z.update(frame({}), 800);
    z.update(frame({ a: IN }), 900);
    expect(z.longestStayMs(900)).toBe(900);
  });
  it('restarts the entry time after a long absence', () => {
    const z = new ZonePresence(ZONE, 1000);
    z.update(frame({ a: IN }), 0);
    z.update(frame({ a: OUT }), 500);
    z.update(frame({ a: OUT }), 1600); // out since 0 for > 1 s: dropped
    z.update(frame({ a: IN }), 1700);
    expect(z.count).toBe(1);
    expect(z.longestStayMs(1700)).toBe(0);
    expect(z.longestStayMs(2700)).toBe(1000);
  });
  it('restarts the entry time after a long spell unseen', () => {
    const z = new ZonePresence(ZONE, 1000);
    z.update(frame({ a: IN }), 0);
    z.update(frame({}), 1500);
    z.update(frame({ a: IN }), 1600);
    expect(z.longestStayMs(1600)).toBe(0);
  });
  it('gives the longest stay of the people inside', () => {
    const z = new ZonePresence(ZONE);
    z.update(frame({ a: IN }), 0);
    z.update(frame({ a: IN, b: IN2 }), 2000);
    z.update(frame({ a: IN, b: IN2 }), 5000);
    expect(z.longestStayMs(5000)).toBe(5000);
  });
  it('counts the people who have stayed at least a given time', () => {
    const z = new ZonePresence(ZONE);
    z.update(frame({ a: IN }), 0);
    z.update(frame({ a: IN, b: IN2 }), 2000);
    z.update(frame({ a: IN, b: IN2 }), 5000);
    expect(z.stayingAtLeast(5000, 5000)).toBe(1);
    expect(z.stayingAtLeast(3000, 5000)).toBe(2);
    expect(z.stayingAtLeast(3001, 5000)).toBe(1);
    expect(z.stayingAtLeast(6000, 5000)).toBe(0);
  });
  it('forgets everyone on reset', () => {
    const z = new ZonePresence(ZONE);
    z.update(frame({ a: IN }), 0);
    z.reset();
    expect(z.count).toBe(0);
    z.update(frame({ a: IN }), 5000);
    expect(z.longestStayMs(5000)).toBe(0);
  });
  it('uses a 1 s exit grace by default', () => {
    const z = new ZonePresence(ZONE);
    z.update(frame({ a: IN }), 0);
    z.update(frame({}), DEFAULT_EXIT_GRACE_MS);
    expect(z.count).toBe(1);
    z.update(frame({}), DEFAULT_EXIT_GRACE_MS + 1);
    expect(z.count).toBe(0);
  });
});
