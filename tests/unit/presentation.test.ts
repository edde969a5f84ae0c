import { describe, expect, it } from 'vitest';
import {
  IDLE_OFF,
  idleActivity,
  idleDelay,
  idleHold,
  idleTick,
  presentationNotice,
} from '../../src/shared/presentation';

describe('controls that hide after idle', () => {
  it('shows the controls on activity and hides them once the idle time has passed', () => {
    const s = idleActivity(IDLE_OFF, 1000, 3000);
    expect(s).toEqual({ visible: true, hideAt: 4000, held: false });
    expect(idleDelay(s, 1000)).toBe(3000);
    expect(idleTick(s, 3999)).toBe(s);
    const hidden = idleTick(s, 4000);
    expect(hidden).toEqual({ visible: false, hideAt: null, held: false });
    expect(idleDelay(hidden, 5000)).toBeNull();
  });

  it('restarts the idle time on every touch', () => {
    let s = idleActivity(IDLE_OFF, 0, 500);
    s = idleActivity(s, 400, 500);
    expect(idleTick(s, 600).visible).toBe(true);
    expect(idleDelay(s, 600)).toBe(300);
    expect(idleTick(s, 900).visible).toBe(false);
  });

  it('brings hidden controls back on a touch', () => {
    const hidden = idleTick(idleActivity(IDLE_OFF, 0, 500), 500);
    expect(idleActivity(hidden, 2000, 500)).toEqual({
      visible: true,
      hideAt: 2500,
      held: false,
    });
  });

  it('keeps them up while focus is inside, and starts afresh when it leaves', () => {
    const held = idleHold(idleActivity(IDLE_OFF, 0, 500), true, 100, 500);
    expect(held).toEqual({ visible: true, hideAt: null, held: true });
    expect(idleDelay(held, 10_000)).toBeNull();
    expect(idleTick(held, 10_000)).toBe(held);
    // Activity while held does not start a countdown that would hide focused controls.
    expect(idleTick(idleActivity(held, 200, 500), 10_000).visible).toBe(true);
    const released = idleHold(held, false, 10_000, 500);
    expect(released).toEqual({ visible: true, hideAt: 10_500, held: false });
    expect(idleTick(released, 10_500).visible).toBe(false);
  });

  it('ignores a repeated hold or release', () => {
    const s = idleActivity(IDLE_OFF, 0, 500);
    expect(idleHold(s, false, 100, 500)).toBe(s);
  });

  it('never reports a negative delay', () => {
    expect(idleDelay(idleActivity(IDLE_OFF, 0, 500), 900)).toBe(0);
  });
});

describe('presentationNotice', () => {
  it('says nothing when full screen and the wake lock work', () => {
    expect(presentationNotice('fullscreen', 'held')).toBeNull();
    // Released by the system for a moment (page hidden) is not "missing".
    expect(presentationNotice('fullscreen', 'released')).toBeNull();
  });

  it('names what is missing', () => {
    expect(presentationNotice('css', 'held')).toMatch(/^Full screen is not/);
    expect(presentationNotice('fullscreen', 'unavailable')).toMatch(
      /^Keeping the screen awake is not/,
    );
    const both = presentationNotice('css', 'unavailable');
    expect(both).toMatch(/Full screen and keeping the screen awake/);
    expect(both).toMatch(/dim or lock/);
  });
});
