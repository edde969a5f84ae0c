// One rule's alert over time (src/alerts/rule-latch.ts): fires once, follows the peak, ends
// after a grace without the condition, fires again only after it ended.

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_END_GRACE_MS,
  RuleLatch,
  type LatchEvent,
} from '../../src/alerts/rule-latch';

describe('RuleLatch', () => {
  it('fires once when the condition starts, with its value', () => {
    const l = new RuleLatch(2000);
    expect(l.update(false, 0, 0)).toBeNull();
    expect(l.active).toBe(false);
    expect(l.update(true, 3, 100)).toEqual({ kind: 'start', value: 3 });
    expect(l.active).toBe(true);
    expect(l.peak).toBe(3);
  });
  it('does not fire again while the condition keeps holding', () => {
    const l = new RuleLatch(2000);
    l.update(true, 1, 0);
    for (let t = 100; t <= 10_000; t += 100)
      expect(l.update(true, 1, t)).toBeNull();
    expect(l.active).toBe(true);
  });
  it('follows the peak while active, and reports it at the end', () => {
    const l = new RuleLatch(1000);
    l.update(true, 2, 0);
    l.update(true, 6, 100);
    l.update(true, 4, 200);
    expect(l.peak).toBe(6);
    expect(l.update(false, 0, 300)).toBeNull();
    expect(l.update(false, 0, 1200)).toEqual({ kind: 'end', peak: 6 });
  });
  it('ends only once endGraceMs has passed without the condition', () => {
    const l = new RuleLatch(2000);
    l.update(true, 1, 1000);
    expect(l.update(false, 0, 1500)).toBeNull();
    expect(l.update(false, 0, 2999)).toBeNull();
    expect(l.active).toBe(true);
    expect(l.update(false, 0, 3000)).toEqual({ kind: 'end', peak: 1 });
    expect(l.active).toBe(false);
    expect(l.update(false, 0, 9000)).toBeNull();
  });
  it('is not ended by flicker inside the grace', () => {
    const l = new RuleLatch(2000);
    const events: LatchEvent[] = [];
    // Holds for a frame, then not for 1.5 s, again and again.
    for (let t = 0; t < 20_000; t += 100) {
      const holds = t % 1600 === 0;
      const e = l.update(holds, 1, t);
      if (e) events.push(e);
    }
    expect(events).toEqual([{ kind: 'start', value: 1 }]);
    expect(l.active).toBe(true);
  });
  it('fires again only after it ended, with a fresh peak', () => {
    const l = new RuleLatch(500);
    expect(l.update(true, 9, 0)?.kind).toBe('start');
    expect(l.update(true, 2, 200)).toBeNull();
    expect(l.update(false, 0, 700)).toEqual({ kind: 'end', peak: 9 });
    expect(l.update(true, 2, 800)).toEqual({ kind: 'start', value: 2 });
    expect(l.peak).toBe(2);
    expect(l.update(false, 0, 1300)).toEqual({ kind: 'end', peak: 2 });
  });
  it('ends at once on end(), and can start again straight after', () => {
    const l = new RuleLatch(2000);
    l.update(true, 4, 0);
    expect(l.end()).toEqual({ kind: 'end', peak: 4 });
    expect(l.active).toBe(false);
    expect(l.end()).toBeNull();
    expect(l.update(true, 1, 10)).toEqual({ kind: 'start', value: 1 });
  });
  it('returns null from end() on a latch that never fired', () => {
    expect(new RuleLatch().end()).toBeNull();
  });
  it('uses a 2 s grace by default', () => {
    const l = new RuleLatch();
    l.update(true, 1, 0);
    expect(l.update(false, 0, DEFAULT_END_GRACE_MS - 1)).toBeNull();
    expect(l.update(false, 0, DEFAULT_END_GRACE_MS)?.kind).toBe('end');
  });
});
