// Box labels on the stage never overlap (issue 19): the pure layout over hand-built and random
// crowded frames at the stage sizes of every tablet layout, and the stage's choice of labels.

import { describe, expect, it } from 'vitest';
import { faceLabelShort } from '../../src/components/face-label';
import {
  MAX_LABELS,
  layoutLabels,
  overlaps,
  type LabelLayout,
  type LabelRequest,
} from '../../src/components/label-layout';
import {
  placeStageLabels,
  rememberLabels,
} from '../../src/components/stage-labels';
import type { Rect, Size } from '../../src/shared/geometry';
import type { PersonView, TrackView } from '../../src/shared/types';
import { makeTrack } from '../support/tracks';

/** DejaVu Sans Bold is about 0.62 em a character on average: close enough for layout. */
const measure = (text: string, px: number) => [...text].length * px * 0.62;
const FULL = ['25–34 · ♀ female', '☺ positive · 12 s'];
const SHORT = ['25–34 ♀ ☺ · 12 s'];

const face = (anchor: Rect, fontPx = 19): LabelRequest => ({
  anchor,
  fontPx,
  side: 'below',
  variants: [FULL, SHORT],
});

/** The stage's size at each tablet layout the e2e tests use (live view, 4:3 footage). */
const STAGES: Size[] = [
  { width: 744, height: 558 }, // 768×1024
  { width: 642, height: 482 }, // 1024×768
  { width: 776, height: 582 }, // 800×1280
  { width: 898, height: 674 }, // 1280×800
  { width: 1000, height: 750 }, // 1024×1366
  { width: 972, height: 729 }, // 1366×1024
];
const fontFor = (s: Size) => Math.max(14, Math.round(s.width / 48));
const gapFor = (s: Size) => Math.max(2, Math.round(s.width / 320));

function expectClean(
  layout: LabelLayout,
  requests: readonly LabelRequest[],
  bounds: Size,
  gap: number,
): void {
  const { placed, dropped } = layout;
  expect(placed.length + dropped.length).toBe(requests.length);
  for (const [i, a] of placed.entries()) {
    for (const b of placed.slice(i + 1)) {
      expect(overlaps(a.rect, b.rect), `labels ${a.index} and ${b.index}`).toBe(
        false,
      );
      // And kept apart, so that two labels never read as one.
      expect(gapBetween(a.rect, b.rect)).toBeGreaterThanOrEqual(gap - 0.02);
    }
    expect(a.rect.x).toBeGreaterThanOrEqual(0);
    expect(a.rect.y).toBeGreaterThanOrEqual(0);
    expect(a.rect.x + a.rect.width).toBeLessThanOrEqual(bounds.width + 1e-9);
    expect(a.rect.y + a.rect.height).toBeLessThanOrEqual(bounds.height + 1e-9);
    const box = requests[a.index].anchor;
    if (a.leader) {
      // From the edge of its box to the edge of the label.
      expect(onEdge(a.leader.x1, a.leader.y1, box)).toBe(true);
      expect(onEdge(a.leader.x2, a.leader.y2, a.rect)).toBe(true);
    } else {
      expect(gapBetween(a.rect, box)).toBeLessThanOrEqual(gap + 1);
    }
  }
}

const onEdge = (x: number, y: number, r: Rect) =>
  x >= r.x - 1e-6 &&
  x <= r.x + r.width + 1e-6 &&
  y >= r.y - 1e-6 &&
  y <= r.y + r.height + 1e-6 &&
  (Math.abs(x - r.x) < 1e-6 ||
    Math.abs(x - r.x - r.width) < 1e-6 ||
    Math.abs(y - r.y) < 1e-6 ||
    Math.abs(y - r.y - r.height) < 1e-6);

function gapBetween(a: Rect, b: Rect): number {
  const dx = Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width));
  const dy = Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height));
  return Math.hypot(dx, dy);
}

/** Park–Miller: the same "random" frames on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe('label layout', () => {
  const bounds = { width: 898, height: 674 };

  it('puts a lone face’s full label against the bottom of its box, as before', () => {
    const req = face({ x: 300, y: 200, width: 80, height: 80 });
    const { placed } = layoutLabels([req], bounds, measure, { gap: 3 });
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ variant: 0, lines: FULL, leader: null });
    expect(placed[0].rect).toMatchObject({ x: 300, y: 283 });
  });

  it('goes over a face at the bottom of the picture instead of covering it', () => {
    const box = { x: 300, y: 600, width: 60, height: 60 };
    const req = face(box);
    const { placed } = layoutLabels([req], bounds, measure, {
      gap: 3,
      obstacles: [box],
    });
    expect(placed[0].rect.y + placed[0].rect.height).toBe(597);
    expect(overlaps(placed[0].rect, box)).toBe(false);
  });

  it('keeps off a face under another face when there is room', () => {
    const upper = { x: 300, y: 200, width: 60, height: 60 };
    const lower = { x: 300, y: 268, width: 60, height: 60 };
    const layout = layoutLabels([face(upper), face(lower)], bounds, measure, {
      gap: 3,
      obstacles: [upper, lower],
    });
    for (const p of layout.placed) {
      expect(overlaps(p.rect, upper)).toBe(false);
      expect(overlaps(p.rect, lower)).toBe(false);
    }
    expectClean(layout, [face(upper), face(lower)], bounds, 3);
  });

  it('stacks a row of five faces (sample photos 4–6) without overlap, full text, next to their boxes', () => {
    const boxes = [0, 1, 2, 3, 4].map((i) => ({
      x: 260 + i * 75,
      y: 180 + (i % 2) * 12,
      width: 62,
      height: 62,
    }));
    const requests = boxes.map((b) => face(b));
    const layout = layoutLabels(requests, bounds, measure, {
      gap: 3,
      obstacles: boxes,
    });
    expectClean(layout, requests, bounds, 3);
    expect(layout.dropped).toEqual([]);
    expect(layout.placed.every((p) => p.variant === 0)).toBe(true);
    // Each stays within a few lines of its face.
    for (const p of layout.placed)
      expect(gapBetween(p.rect, boxes[p.index])).toBeLessThan(4 * 24);
    // The naive placement (each under its own box) overlaps here.
    const naive = boxes.map((b) => ({
      x: b.x,
      y: b.y + b.height + 3,
      width: measure(FULL[1], 19) + 12,
      height: 2 * 24 + 6,
    }));
    expect(overlaps(naive[0], naive[1])).toBe(true);
  });

  it('shortens a label rather than send it far away, and drops one that fits nowhere', () => {
    // A strip just one label high: the second face's full label has nowhere to go.
    const strip = { width: 300, height: 60 };
    const a = face({ x: 0, y: 0, width: 20, height: 4 });
    const b = face({ x: 200, y: 0, width: 20, height: 4 });
    const layout = layoutLabels([a, b], strip, measure, { gap: 2 });
    expectClean(layout, [a, b], strip, 2);
    expect(layout.placed[0].variant).toBe(0);
    const tiny = { width: 100, height: 20 };
    const c = layoutLabels([a], tiny, measure, { gap: 2 });
    expect(c).toEqual({ placed: [], dropped: [0] });
  });

  it('never overlaps on random crowded frames at every tablet stage size', () => {
    const rnd = random(19);
    let labels = 0;
    let shortened = 0;
    let leaders = 0;
    let dropped = 0;
    for (const stage of STAGES) {
      const fontPx = fontFor(stage);
      const gap = gapFor(stage);
      for (let frame = 0; frame < 120; frame++) {
        const n = 2 + Math.floor(rnd() * 11); // 2–12 faces
        const boxes = Array.from({ length: n }, () => {
          const size = stage.width * (0.04 + rnd() * 0.1);
          return {
            x: rnd() * (stage.width - size),
            y: rnd() * (stage.height - size),
            width: size,
            height: size,
          };
        });
        const requests: LabelRequest[] = boxes.map((b) => face(b, fontPx));
        // And a few people with no face seen, labelled over their boxes.
        for (let p = Math.floor(rnd() * 4); p > 0; p--)
          requests.push({
            anchor: {
              x: rnd() * (stage.width - 60),
              y: rnd() * (stage.height - 150),
              width: 60,
              height: 150,
            },
            fontPx: Math.round(fontPx * 0.8),
            side: 'above',
            variants: [['person · 12 s'], ['12 s']],
          });
        const layout = layoutLabels(requests, stage, measure, {
          gap,
          obstacles: boxes,
        });
        expectClean(layout, requests, stage, gap);
        if (n <= 6) expect(layout.dropped).toEqual([]);
        labels += layout.placed.length;
        shortened += layout.placed.filter((p) => p.variant > 0).length;
        leaders += layout.placed.filter((p) => p.leader).length;
        dropped += layout.dropped.length;
      }
    }
    console.log(
      `random frames: ${labels} labels placed, ${shortened} shortened, ${leaders} with a leader, ${dropped} dropped`,
    );
    expect(dropped / (labels + dropped)).toBeLessThan(0.02);
  });

  it('labels at most MAX_LABELS boxes', () => {
    const requests = Array.from({ length: MAX_LABELS + 6 }, (_, i) =>
      face(
        { x: (i % 6) * 300, y: Math.floor(i / 6) * 200, width: 40, height: 40 },
        14,
      ),
    );
    const huge = { width: 1800, height: 1200 };
    const layout = layoutLabels(requests, huge, measure, { gap: 2 });
    expect(layout.placed).toHaveLength(MAX_LABELS);
    expect(layout.dropped).toHaveLength(6);
    expectClean(layout, requests, huge, 2);
  });
});

describe('stage labels', () => {
  const track = (id: string, x: number, over: Partial<TrackView> = {}) =>
    makeTrack({
      id,
      box: { x, y: 100, width: 60, height: 60, score: 1, keypoints: [] },
      ...over,
    });
  const person = (id: string, x: number, faceId: string | null) =>
    ({
      id,
      box: { x, y: 80, width: 90, height: 300 },
      faceId,
      ageGroup: null,
      gender: null,
      mood: null,
      dwellMs: 3_000,
    }) as PersonView;
  const at = (b: Rect) => ({ ...b });
  const input = (tracks: TrackView[], people: PersonView[]) => ({
    faces: tracks.map((t) => ({ track: t, at: at(t.box) })),
    people: people.map((p) => ({ person: p, at: at(p.box) })),
    size: { width: 898, height: 674 },
    fontPx: 19,
    smallPx: 15,
    line: 3,
  });

  it('labels faces left to right, then people whose face is not labelled; none overlap', () => {
    const tracks = [track('b', 330), track('a', 260), track('c', 400)];
    const people = [person('p1', 250, 'a'), person('p2', 600, null)];
    const { labels, dropped } = placeStageLabels(
      input(tracks, people),
      measure,
    );
    expect(dropped).toBe(0);
    expect(labels.map((l) => l.key)).toEqual(['f:a', 'f:b', 'f:c', 'p:p2']);
    expect(labels[3].lines).toEqual(['person · 3 s']);
    for (const [i, l] of labels.entries())
      for (const m of labels.slice(i + 1))
        expect(overlaps(l.rect, m.rect)).toBe(false);
  });

  it("keeps an enrolled person's ✓ label first, shortened too", () => {
    const t = track('a', 260, { match: { profileId: 'x', label: 'Robin' } });
    const { labels } = placeStageLabels(input([t], []), measure);
    expect(labels[0].lines[0]).toBe('✓ Robin');
    expect(labels[0].colour).toBe('#ffffff');
    expect(faceLabelShort(t)).toEqual(['✓ Robin']);
    expect(faceLabelShort(track('b', 0))).toEqual(['25–34 ♀ ☺ · 12 s']);
    expect(
      faceLabelShort(
        track('c', 0, { ageGroup: null, gender: null, mood: null }),
      ),
    ).toEqual(['12 s']);
  });

  it('keeps each label where it was while the faces move a little', () => {
    const tracks = [0, 1, 2, 3, 4].map((i) => track(`t${i}`, 260 + i * 75));
    const first = placeStageLabels(input(tracks, []), measure);
    const offsets = (ls: typeof first.labels) =>
      ls.map((l) => [l.key, l.rect.x - l.anchor.x, l.rect.y - l.anchor.y]);
    const moved = tracks.map((t, i) => ({
      ...t,
      box: { ...t.box, x: t.box.x + (i % 2 ? 2 : -2), y: t.box.y + 1 },
    }));
    const next = placeStageLabels(
      input(moved, []),
      measure,
      rememberLabels(first.labels),
    );
    expect(offsets(next.labels)).toEqual(offsets(first.labels));
  });
});
