// Which face belongs to which person: a face joins a person when its centre lies in the
// person box's head region and it is no wider than a head there. Geometry only, no
// appearance. Pure; imports src/shared only.

import type { FaceBox, PersonBox } from '../shared/types';

/** The head region as fractions of the person box: the top of the box, its central part. */
const HEAD_TOP = -0.08; // a detector's person box often clips the top of the head
const HEAD_BOTTOM = 0.34; // of the height: a standing body's head and neck
/** …or this much of the width, whichever is lower: a body cut off by the frame's bottom edge
 * (someone sitting near the camera, a webcam's head and shoulders) is short for its width. */
const HEAD_BOTTOM_WIDTHS = 0.65;
const HEAD_SIDE = 0.12; // margin left and right, as a fraction of the width
/** A face wider than this share of the person box is not that person's face. */
const MAX_FACE_SHARE = 0.9;

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function headRegion(p: PersonBox): Region {
  return {
    x: p.x + HEAD_SIDE * p.width,
    y: p.y + HEAD_TOP * p.height,
    width: (1 - 2 * HEAD_SIDE) * p.width,
    height:
      Math.max(HEAD_BOTTOM * p.height, HEAD_BOTTOM_WIDTHS * p.width) -
      HEAD_TOP * p.height,
  };
}

/**
 * How well `face` fits `person`'s head: 0 when it cannot be that person's face, else up to 1
 * for a face centred at the top middle of the box.
 */
export function headFit(face: FaceBox, person: PersonBox): number {
  if (face.width > MAX_FACE_SHARE * person.width) return 0;
  const head = headRegion(person);
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2;
  if (cx < head.x || cx > head.x + head.width) return 0;
  if (cy < head.y || cy > head.y + head.height) return 0;
  // Distance from where a head usually is: centred, about a tenth of the way down.
  const dx = (cx - (person.x + person.width / 2)) / (head.width / 2);
  const dy = (cy - (person.y + 0.1 * person.height)) / head.height;
  return Math.max(0.01, 1 - Math.hypot(dx, dy) / 2);
}

/**
 * For each face, the index of the person it belongs to, or null. Best fits first, one face per
 * person (a handful of each per frame: greedy is exact enough here).
 */
export function joinFaces(
  faces: readonly FaceBox[],
  people: readonly PersonBox[],
): (number | null)[] {
  const pairs: { f: number; p: number; fit: number }[] = [];
  faces.forEach((face, f) =>
    people.forEach((person, p) => {
      const fit = headFit(face, person);
      if (fit > 0) pairs.push({ f, p, fit });
    }),
  );
  pairs.sort((a, b) => b.fit - a.fit);
  const out: (number | null)[] = faces.map(() => null);
  const taken = new Set<number>();
  for (const { f, p } of pairs) {
    if (out[f] !== null || taken.has(p)) continue;
    out[f] = p;
    taken.add(p);
  }
  return out;
}
