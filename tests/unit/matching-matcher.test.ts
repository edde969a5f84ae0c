// Matching face tracks against a gallery (issue 18): the closest profile within the threshold
// gets the vote; a track is labelled once enough votes agree, counted once, and forgotten when
// it ends; an unenrolled face never matches.

import { describe, expect, it } from 'vitest';
import { Matcher, closest } from '../../src/matching/matcher';

/** A unit vector pointing mostly along axis `i` of 8, nudged by `noise`. */
const face = (i: number, noise = 0): Float32Array => {
  const v = new Float32Array(8).fill(noise);
  v[i] = 1;
  return v;
};

const GALLERY = [
  { id: 'p1', label: 'Ana', descriptors: [face(0), face(0, 0.05)] },
  { id: 'p2', label: 'Bob', descriptors: [face(1)] },
];

describe('Matcher', () => {
  it('finds the closest profile over all its captures', () => {
    expect(closest(GALLERY, face(1, 0.02))?.profile.id).toBe('p2');
    expect(closest([], face(1))).toBeNull();
  });

  it('labels a track once two votes agree, counts it once, and forgets it when it ends', () => {
    const m = new Matcher(GALLERY, { threshold: 0.1 });
    expect(m.observe('t1', face(0, 0.03))).toEqual({
      match: null,
      first: false,
    });
    expect(m.observe('t1', face(0, 0.01))).toEqual({
      match: { profileId: 'p1', label: 'Ana' },
      first: true,
    });
    // Kept: a re-check that still looks like her keeps the label and is not counted again;
    // one that does not is forgiven once.
    expect(m.observe('t1', face(0, 0.08))).toEqual({
      match: { profileId: 'p1', label: 'Ana' },
      first: false,
    });
    expect(m.observe('t1', face(3))).toEqual({
      match: { profileId: 'p1', label: 'Ana' },
      first: false,
    });
    expect(m.matchOf('t1')?.label).toBe('Ana');
    m.end('t1');
    expect(m.following).toBe(0);
    expect(m.matchOf('t1')).toBeNull();
  });

  it('never matches a face that is not enrolled, however often it is seen', () => {
    const m = new Matcher(GALLERY, { threshold: 0.1 });
    for (let i = 0; i < 20; i++)
      expect(m.observe('stranger', face(5, 0.01)).match).toBeNull();
  });

  it('needs the votes within the window: scattered near-misses do not add up', () => {
    const m = new Matcher(GALLERY, { threshold: 0.1, votes: 2, window: 2 });
    m.observe('t', face(0)); // Ana
    m.observe('t', face(6)); // nobody
    expect(m.observe('t', face(7)).match).toBeNull(); // window holds [nobody, nobody]
    expect(m.observe('t', face(0)).match).toBeNull(); // [nobody, Ana]
    expect(m.observe('t', face(0)).match?.label).toBe('Ana'); // [Ana, Ana]
  });

  it('does not label a track whose votes split between two people', () => {
    const m = new Matcher(GALLERY, { threshold: 0.1, votes: 2, window: 2 });
    m.observe('t', face(0));
    expect(m.observe('t', face(1)).match).toBeNull();
  });

  it('takes the label off a track that stops looking like the profile (the tracker moved it onto someone else)', () => {
    const m = new Matcher(GALLERY, { threshold: 0.1 });
    m.observe('t', face(0));
    expect(m.observe('t', face(0)).first).toBe(true);
    expect(m.observe('t', face(4)).match?.label).toBe('Ana'); // one miss: kept
    expect(m.observe('t', face(4)).match).toBeNull(); // two in a row: gone
    expect(m.matchOf('t')).toBeNull();
    // The votes start again: the same person later needs two agreeing votes again.
    expect(m.observe('t', face(0)).match).toBeNull();
    expect(m.observe('t', face(0))).toEqual({
      match: { profileId: 'p1', label: 'Ana' },
      first: true,
    });
  });
});
