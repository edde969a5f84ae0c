// The person tracker on synthetic CCTV walks: 40×100 px people at 20–60 px/s, detections every
// 143 ms (a 7 fps clip) or ~400 ms (the live lane), with a little deterministic box jitter.

import { describe, expect, it } from 'vitest';
import {
  PersonTracker,
  type PersonTrack,
  type PersonTrackerOptions,
} from '../../src/people/person-tracker';
import type { PersonBox } from '../../src/shared/types';

/** A simulated walker: its true box at t (ms), or null when out of frame. */
type Walker = (t: number) => PersonBox | null;

const walker =
  (
    x0: number,
    y0: number,
    vx: number,
    opts: { width?: number; height?: number; from?: number; to?: number } = {},
  ): Walker =>
  (t) => {
    const { width = 40, height = 100, from = -Infinity, to = Infinity } = opts;
    if (t < from || t > to) return null;
    return { x: x0 + (vx * t) / 1000, y: y0, width, height, score: 0.85 };
  };

/** Deterministic ±1.5 px jitter per edge (a detector's box noise). */
function jitter(seed: number): (b: PersonBox) => PersonBox {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648 - 0.5) * 3;
  };
  return (b) => ({
    ...b,
    x: b.x + next(),
    y: b.y + next(),
    width: b.width + next(),
    height: b.height + next(),
  });
}

function ids(): () => string {
  let n = 0;
  return () => `p${++n}`;
}

function tracker(options: Partial<PersonTrackerOptions> = {}): PersonTracker {
  return new PersonTracker({ newId: ids(), ...options });
}

interface Run {
  /** Ids of confirmed tracks matched at each update. */
  seen: string[][];
  ended: { id: string; at: number; lastSeen: number }[];
  times: number[];
  /** Every track reported as tracked at least once, confirmed or not. */
  reported: Map<string, PersonTrack>;
}

/** Feeds `frames(t)` at each time in `times`. */
function run(
  t: PersonTracker,
  times: number[],
  frames: (t: number) => PersonBox[],
): Run {
  const seen: string[][] = [];
  const ended: Run['ended'] = [];
  const reported = new Map<string, PersonTrack>();
  for (const time of times) {
    const u = t.update(frames(time), time);
    for (const tr of u.tracked) reported.set(tr.id, tr);
    seen.push(u.tracked.filter((tr) => tr.confirmed).map((tr) => tr.id));
    ended.push(
      ...u.ended.map((tr) => ({ id: tr.id, at: time, lastSeen: tr.lastSeen })),
    );
  }
  return { seen, ended, times, reported };
}

const every = (dt: number, untilMs: number) =>
  Array.from({ length: Math.floor(untilMs / dt) + 1 }, (_, i) =>
    Math.round(i * dt),
  );

const centreX = (b: PersonBox) => b.x + b.width / 2;
const overlap = (a: PersonBox, b: PersonBox) => {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const inter = Math.max(0, w) * Math.max(0, h);
  return inter / (a.width * a.height + b.width * b.height - inter);
};
const distinct = (r: Run) => new Set(r.seen.flat());
const confirmedNow = (t: PersonTracker) =>
  t.tracks.filter((tr) => tr.confirmed);
const byId = (t: PersonTracker, id: string) =>
  t.tracks.find((tr) => tr.id === id) as PersonTrack;

describe('PersonTracker: crossing and side by side', () => {
  for (const dt of [143, 400]) {
    it(`keeps two ids when two people cross, the far one hidden while they overlap (every ${dt} ms)`, () => {
      // A walks right, B (nearer the camera, a little lower and taller) walks left; they meet at
      // ~3.3 s. While their boxes overlap by more than IoU 0.25 the detector sees only B.
      const a = walker(100, 150, 60);
      const b = walker(500, 158, -60, { height: 106, width: 42 });
      const ja = jitter(1);
      const jb = jitter(2);
      const tr = tracker();
      let hiddenFrames = 0;
      const r = run(tr, every(dt, 6500), (t) => {
        const [ba, bb] = [a(t)!, b(t)!];
        const hidden = overlap(ba, bb) > 0.25;
        if (hidden) hiddenFrames++;
        return hidden ? [jb(bb)] : [ja(ba), jb(bb)];
      });
      expect(hiddenFrames).toBeGreaterThan(0);
      expect(distinct(r)).toEqual(new Set(['p1', 'p2']));
      expect(r.ended).toEqual([]);
      // p1 was A (first detection on the left); after crossing it is on the right, following A.
      expect(centreX(byId(tr, 'p1').box)).toBeCloseTo(
        centreX(a(r.times.at(-1)!)!),
        -1,
      );
      expect(centreX(byId(tr, 'p2').box)).toBeCloseTo(
        centreX(b(r.times.at(-1)!)!),
        -1,
      );
      expect(tr.flush().map((t) => t.id)).toEqual(['p1', 'p2']);
    });
  }

  it('keeps two ids when two slow walkers cross and the near one hides the other for ~1.5 s', () => {
    const a = walker(250, 150, 20);
    const b = walker(370, 156, -20, { height: 104 });
    const ja = jitter(3);
    const jb = jitter(4);
    const tr = tracker();
    const r = run(tr, every(143, 7000), (t) => {
      const [ba, bb] = [a(t)!, b(t)!];
      return overlap(ba, bb) > 0.25 ? [jb(bb)] : [ja(ba), jb(bb)];
    });
    expect(distinct(r)).toEqual(new Set(['p1', 'p2']));
    expect(centreX(byId(tr, 'p1').box)).toBeCloseTo(centreX(a(7000)!), -1);
    expect(centreX(byId(tr, 'p2').box)).toBeCloseTo(centreX(b(7000)!), -1);
  });

  for (const dt of [143, 400]) {
    it(`keeps two tracks for two people walking side by side, boxes overlapping, for 10 s (every ${dt} ms)`, () => {
      // Centres 28 px apart: the 40 px boxes overlap (IoU ≈ 0.17). The far one is missed now and then.
      const a = walker(60, 150, 30);
      const b = walker(88, 154, 30, { height: 104 });
      const ja = jitter(5);
      const jb = jitter(6);
      const tr = tracker();
      const r = run(tr, every(dt, 10_000), (t) => {
        const i = Math.round(t / dt);
        return i % 6 === 5 ? [jb(b(t)!)] : [ja(a(t)!), jb(b(t)!)];
      });
      expect(distinct(r)).toEqual(new Set(['p1', 'p2']));
      // From confirmation on, both are reported on every update where both were detected.
      const firstBoth = r.seen.findIndex((s) => s.length === 2);
      expect(firstBoth * dt).toBeLessThanOrEqual(3 * dt);
      r.seen.slice(firstBoth).forEach((s, k) => {
        const i = firstBoth + k;
        expect(s).toEqual(i % 6 === 5 ? ['p2'] : ['p1', 'p2']);
      });
      expect(centreX(byId(tr, 'p1').box)).toBeLessThan(
        centreX(byId(tr, 'p2').box),
      );
      expect(r.ended).toEqual([]);
    });
  }
});

describe('PersonTracker: occlusion, leaving, false detections', () => {
  for (const dt of [143, 400]) {
    it(`keeps the same id for a person hidden 2 s behind a pole (every ${dt} ms)`, () => {
      // 40 px/s: reappears 80 px further on, where IoU with the (damped) prediction is 0.
      const p = walker(100, 150, 40);
      const j = jitter(7);
      const tr = tracker();
      const r = run(tr, every(dt, 8000), (t) =>
        t >= 3000 && t < 5000 ? [] : [j(p(t)!)],
      );
      expect(distinct(r)).toEqual(new Set(['p1']));
      const lostAt = r.times.findIndex((t) => t >= 3000);
      expect(tr.tracks).toHaveLength(1);
      expect(r.seen[lostAt]).toEqual([]);
      expect(r.seen.at(-1)).toEqual(['p1']);
      const [visit] = tr.flush();
      expect(visit).toMatchObject({ id: 'p1', firstSeen: 0 });
      expect(r.ended).toEqual([]);
    });
  }

  for (const dt of [143, 400]) {
    it(`keeps the same id for a person who stops behind the pole for 2 s (no IoU with the prediction; every ${dt} ms)`, () => {
      // Walks at 40 px/s, stands still while hidden, walks on from where they stopped: the
      // prediction has gone ~65 px ahead, so only the distance gate along the path finds them.
      const x = (t: number) =>
        t < 3000 ? 100 + 0.04 * t : t < 5000 ? 220 : 220 + 0.04 * (t - 5000);
      const j = jitter(13);
      const tr = tracker();
      const r = run(tr, every(dt, 8000), (t) =>
        t >= 3000 && t < 5000
          ? []
          : [j({ x: x(t), y: 150, width: 40, height: 100, score: 0.85 })],
      );
      expect(distinct(r)).toEqual(new Set(['p1']));
      expect(tr.flush().map((t) => t.id)).toEqual(['p1']);
    });
  }

  it('keeps the same id when the pole leaves only weak detections (score 0.15) on some frames', () => {
    const p = walker(100, 150, 40);
    const j = jitter(8);
    const tr = tracker();
    const r = run(tr, every(143, 8000), (t) => {
      if (t < 3000 || t >= 5000) return [j(p(t)!)];
      const i = Math.round(t / 143);
      return i % 4 === 0 ? [{ ...j(p(t)!), score: 0.15 }] : [];
    });
    expect(distinct(r)).toEqual(new Set(['p1']));
    expect(tr.flush().map((t) => t.id)).toEqual(['p1']);
  });

  it('counts a person who leaves the frame and comes back after 10 s as two visits', () => {
    // In from the right edge of a 640 px frame, out again after 4 s; back 10 s later.
    const first = walker(560, 150, -25, { to: 4000 });
    const second = walker(560 + 25 * 14, 150, -25, {
      from: 14_000,
      to: 18_000,
    });
    const j = jitter(9);
    const tr = tracker();
    const r = run(tr, every(143, 25_000), (t) =>
      [first(t), second(t)].filter((b) => b !== null).map(j),
    );
    expect(r.ended.map((e) => e.id)).toEqual(['p1', 'p2']);
    // Each ends on the first update more than maxLostMs (3 s) after it was last seen (~4 s, ~18 s).
    for (const e of r.ended) {
      expect(e.at - e.lastSeen).toBeGreaterThan(3000);
      expect(e.at - e.lastSeen).toBeLessThanOrEqual(3000 + 143);
    }
    expect(r.ended[0].lastSeen).toBeGreaterThan(3800);
    expect(r.ended[1].lastSeen).toBeGreaterThan(17_800);
    expect(tr.tracks).toHaveLength(0);
  });

  it('given the frame size, ends a person who walks out at once, so one entering there 1.5 s later is a new visit', () => {
    // A walks out of a 640 px frame on the right at ~4 s; B walks in at the same place at ~5.5 s.
    const frame = { width: 640, height: 360 };
    const a = walker(420, 150, 60, { to: 4300 });
    const b = walker(640 + 0.06 * 5500, 152, -60, { from: 5500 });
    const visible = (p: PersonBox | null): PersonBox[] => {
      if (!p) return [];
      const x1 = Math.min(p.x + p.width, frame.width);
      const x0 = Math.max(p.x, 0);
      // The detector sees the clipped box, and nothing once less than half is in view.
      return x1 - x0 < p.width / 2 ? [] : [{ ...p, x: x0, width: x1 - x0 }];
    };
    const feed = (t: number) => [...visible(a(t)), ...visible(b(t))];
    const times = every(143, 9000);

    const aware = tracker();
    const ended: { id: string; at: number }[] = [];
    const seen = new Set<string>();
    for (const t of times) {
      const u = aware.update(feed(t), t, frame);
      u.tracked.filter((tr) => tr.confirmed).forEach((tr) => seen.add(tr.id));
      ended.push(...u.ended.map((tr) => ({ id: tr.id, at: t })));
    }
    expect(seen).toEqual(new Set(['p1', 'p2']));
    expect(ended.map((e) => e.id)).toEqual(['p1']);
    expect(ended[0].at).toBeLessThan(5000);

    // Without the frame size the newcomer is taken for A coming back within maxLostMs.
    const blind = run(tracker(), times, feed);
    expect(distinct(blind)).toEqual(new Set(['p1']));
  });

  for (const frames of [1, 2]) {
    it(`never confirms or ends a false detection lasting ${frames} frame(s), and leaves the real track alone`, () => {
      const p = walker(100, 150, 30);
      const j = jitter(10);
      const tr = tracker();
      const ghost: PersonBox = {
        x: 400,
        y: 120,
        width: 45,
        height: 110,
        score: 0.8,
      };
      const r = run(tr, every(143, 5000), (t) => {
        const i = Math.round(t / 143);
        const ghostNow = i >= 10 && i < 10 + frames;
        return ghostNow ? [j(p(t)!), ghost] : [j(p(t)!)];
      });
      const ghostTracks = [...r.reported.values()].filter((t) => t.id !== 'p1');
      expect(ghostTracks).toHaveLength(1);
      expect(ghostTracks[0]).toMatchObject({ hits: frames, confirmed: false });
      expect(distinct(r)).toEqual(new Set(['p1']));
      expect(r.ended).toEqual([]);
      expect(tr.tracks.map((t) => t.id)).toEqual(['p1']);
      expect(tr.flush().map((t) => t.id)).toEqual(['p1']);
    });
  }

  it('keeps a partly hidden person tracked through 1 s of score-0.2 boxes, via the second stage', () => {
    // From 3 s to 4 s a parked car hides the legs: the box loses its lower 40 % and its score.
    const p = walker(100, 150, 40);
    const frames = (t: number): PersonBox[] => {
      const b = jitter(11)(p(t)!);
      return t >= 3000 && t < 4000 ? [{ ...b, height: 60, score: 0.2 }] : [b];
    };
    const times = every(143, 6000);
    const hidden = (t: number) => t >= 3000 && t < 4000;

    const tr = tracker();
    const states: string[] = [];
    const r = run(tr, times, (t) => {
      const out = frames(t);
      if (hidden(t)) states.push(tr.tracks[0].state);
      return out;
    });
    expect(distinct(r)).toEqual(new Set(['p1']));
    times.forEach((t, i) => {
      if (hidden(t)) expect(r.seen[i]).toEqual(['p1']);
    });
    expect(states.every((s) => s === 'tracked')).toBe(true);

    // Control: with the weak boxes below lowScore the same person is lost for that second.
    const control = tracker({ lowScore: 0.3 });
    const rc = run(control, times, frames);
    times.forEach((t, i) => {
      if (hidden(t)) expect(rc.seen[i]).toEqual([]);
    });
    expect(distinct(rc)).toEqual(new Set(['p1']));
  });

  it('never starts a track from low-score detections alone', () => {
    const p = walker(100, 150, 30);
    const tr = tracker();
    const r = run(tr, every(143, 3000), (t) => [{ ...p(t)!, score: 0.3 }]);
    expect(r.seen.flat()).toEqual([]);
    expect(tr.tracks).toHaveLength(0);
  });
});

describe('PersonTracker: time, predict and flush', () => {
  it('follows a walker through irregular intervals (120–520 ms) with one id', () => {
    const p = walker(50, 150, 50);
    const j = jitter(12);
    let t = 0;
    const times: number[] = [];
    let s = 7;
    while (t < 10_000) {
      times.push(t);
      s = (s * 48271) % 2147483647;
      t += 120 + (s % 401);
    }
    const tr = tracker();
    const r = run(tr, times, (time) => [j(p(time)!)]);
    expect(distinct(r)).toEqual(new Set(['p1']));
    expect(r.seen.slice(2).every((ids) => ids[0] === 'p1')).toBe(true);
    // The filtered box follows the truth, and so does the prediction 300 ms ahead.
    const last = times.at(-1)!;
    expect(
      Math.abs(centreX(tr.tracks[0].box) - centreX(p(last)!)),
    ).toBeLessThan(4);
    const [ahead] = tr.predict(last + 300);
    expect(Math.abs(centreX(ahead.box) - centreX(p(last + 300)!))).toBeLessThan(
      5,
    );
  });

  it('predict() changes no state: the same updates give the same boxes with or without it', () => {
    const p = walker(50, 150, 50);
    const feed = (tr: PersonTracker, withPredict: boolean) => {
      for (const t of every(200, 2000)) {
        if (withPredict) {
          tr.predict(t + 70);
          tr.predict(t + 150, { includeLostMs: 5000 });
        }
        tr.update([p(t)!], t);
      }
      return structuredClone(tr.tracks);
    };
    const plain = feed(tracker(), false);
    const probed = tracker();
    expect(feed(probed, true)).toEqual(plain);
    const snapshot = structuredClone(probed.tracks);
    probed.predict(2500);
    expect(probed.tracks).toEqual(snapshot);
  });

  it('predict() moves tracked boxes with their velocity, and lists lost tracks only when asked', () => {
    const p = walker(100, 150, 50);
    const tr = tracker();
    for (const t of every(143, 1430)) tr.update([p(t)!], t);
    const [now] = tr.predict(1430);
    const [later] = tr.predict(1730);
    expect(centreX(later.box) - centreX(now.box)).toBeCloseTo(15, 0);
    tr.update([], 1573); // missed: lost
    expect(tr.tracks[0].state).toBe('lost');
    expect(tr.predict(1700)).toEqual([]);
    expect(tr.predict(1700, { includeLostMs: 500 })).toHaveLength(1);
    expect(tr.predict(2100, { includeLostMs: 500 })).toEqual([]);
  });

  it('ignores an update whose time is not after the last one', () => {
    const p = walker(100, 150, 50);
    const tr = tracker();
    for (const t of every(143, 572)) tr.update([p(t)!], t);
    const before = structuredClone(tr.tracks);
    expect(tr.update([p(0)!], 572)).toEqual({ tracked: [], ended: [] });
    expect(tr.update([], 100)).toEqual({ tracked: [], ended: [] });
    expect(tr.update([], Number.NaN)).toEqual({ tracked: [], ended: [] });
    expect(tr.tracks).toEqual(before);
  });

  it('flush returns only confirmed tracks, clears everything, and accepts time from 0 again', () => {
    const p = walker(100, 150, 30);
    const tr = tracker();
    for (const t of every(143, 572)) tr.update([p(t)!], t);
    // A newcomer seen once is still tentative.
    tr.update(
      [p(715)!, { x: 400, y: 150, width: 40, height: 100, score: 0.9 }],
      715,
    );
    expect(tr.tracks.map((t) => [t.id, t.confirmed])).toEqual([
      ['p1', true],
      ['p2', false],
    ]);
    expect(tr.flush().map((t) => t.id)).toEqual(['p1']);
    expect(tr.tracks).toHaveLength(0);
    expect(tr.update([p(0)!], 0).tracked.map((t) => t.id)).toEqual(['p3']);
  });

  it('drops a tentative track that is not confirmed within maxTentativeMs', () => {
    const tr = tracker({ maxTentativeMs: 1000 });
    const b: PersonBox = { x: 100, y: 150, width: 40, height: 100, score: 0.9 };
    tr.update([b], 0);
    tr.update([b], 600);
    expect(
      tr.update([b], 1200).tracked.map((t) => [t.id, t.confirmed]),
    ).toEqual([['p2', false]]);
    expect(confirmedNow(tr)).toEqual([]);
  });

  it('gives random, unlinkable ids by default', () => {
    const b: PersonBox = { x: 100, y: 150, width: 40, height: 100, score: 0.9 };
    const a = new PersonTracker();
    const c = new PersonTracker();
    a.update([b], 0);
    c.update([b], 0);
    expect(a.tracks[0].id).toMatch(/^[0-9a-f]{8}$/);
    expect(a.tracks[0].id).not.toBe(c.tracks[0].id);
  });
});
