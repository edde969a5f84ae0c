// The person tracker on real walks: the 19 people of PETS 2009 S2.L1 (MOTChallenge ground-truth
// boxes, 768×576, 7 fps), fed as detections every frame or every third frame (~430 ms), exact or
// with the far one of an overlapping pair hidden, 5 % missed and a little jitter.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PersonTracker } from '../../src/people/person-tracker';
import type { PersonBox } from '../../src/shared/types';

const TRUTH = fileURLToPath(
  new URL('../fixtures/pets09/PETS09-S2L1.gt.txt', import.meta.url),
);
const FRAME = { width: 768, height: 576 };
const FRAME_MS = 1000 / 7;
const PEOPLE = 19;

interface Truth extends PersonBox {
  person: number;
}

function loadTruth(): Map<number, Truth[]> {
  const frames = new Map<number, Truth[]>();
  for (const line of readFileSync(TRUTH, 'utf8').trim().split('\n')) {
    const [frame, person, x, y, width, height] = line.split(',').map(Number);
    const list = frames.get(frame) ?? [];
    list.push({ person, x, y, width, height, score: 0.9 });
    frames.set(frame, list);
  }
  return frames;
}

function iou(a: PersonBox, b: PersonBox): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const inter = Math.max(0, w) * Math.max(0, h);
  return inter / (a.width * a.height + b.width * b.height - inter);
}

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/**
 * Runs the clip through a tracker; returns the confirmed tracks, each with how many updates
 * it was matched to each true person (its box overlapping that person's by IoU > 0.3).
 */
function track(step: number, occluded: boolean, seed = 1) {
  const truth = loadTruth();
  const last = Math.max(...truth.keys());
  const rand = random(seed);
  let n = 0;
  const tracker = new PersonTracker({ newId: () => `p${++n}` });
  const owners = new Map<string, Map<number, number>>();
  for (let f = 1; f <= last; f += step) {
    const people = truth.get(f) ?? [];
    const detections = people
      .filter(
        (p) =>
          !occluded ||
          // Hidden behind a nearer person (lower feet), or simply missed.
          (!people.some(
            (q) =>
              q !== p && q.y + q.height > p.y + p.height && iou(p, q) > 0.3,
          ) &&
            rand() >= 0.05),
      )
      .map((p) => {
        const j = () => (occluded ? (rand() - 0.5) * 0.04 * p.height : 0);
        return {
          x: p.x + j(),
          y: p.y + j(),
          width: p.width + j(),
          height: p.height + j(),
          score: 0.9,
        };
      });
    const { tracked } = tracker.update(detections, (f - 1) * FRAME_MS, FRAME);
    for (const tr of tracked.filter((t) => t.confirmed)) {
      const best = people
        .filter((p) => iou(tr.box, p) > 0.3)
        .sort((a, b) => iou(tr.box, b) - iou(tr.box, a))[0];
      if (!best) continue;
      const counts = owners.get(tr.id) ?? new Map<number, number>();
      counts.set(best.person, (counts.get(best.person) ?? 0) + 1);
      owners.set(tr.id, counts);
    }
  }
  // A track "owns" a person it followed for at least 3 updates (one-frame mix-ups in a crowd
  // are not identity switches).
  const owned = [...owners.values()].map((counts) =>
    [...counts].filter(([, k]) => k >= 3).map(([person]) => person),
  );
  return {
    tracks: owners.size,
    switches: owned.reduce(
      (s, persons) => s + Math.max(0, persons.length - 1),
      0,
    ),
    people: new Set(owned.flat()).size,
  };
}

describe('PersonTracker on PETS09-S2L1 walks', () => {
  for (const step of [1, 3]) {
    it(`gives each of the 19 people exactly one track from exact boxes (every ${step === 1 ? 143 : 429} ms)`, () => {
      expect(track(step, false)).toEqual({
        tracks: PEOPLE,
        switches: 0,
        people: PEOPLE,
      });
    });
  }

  for (const step of [1, 3]) {
    it(`still counts 19 people, with at most 2 identity switches, when occluded people go undetected (every ${step === 1 ? 143 : 429} ms)`, () => {
      const r = track(step, true);
      expect(r.tracks).toBe(PEOPLE);
      expect(r.people).toBe(PEOPLE);
      expect(r.switches).toBeLessThanOrEqual(2);
    });
  }
});
