// Which slides a lazily decoded slideshow holds, and where it stands after a slide is dropped.
// Pure: time and counts are passed in. The hold and gap themselves are slideshow-schedule's.

import type { SlideshowTiming } from '../shared/slideshow-schedule';

/** Slides decoded ahead of the one on show (each is at most 960 × 720 × 4 bytes, 2.8 MB). */
export const SLIDES_AHEAD = 2;

/** The slot (slide index, its gap included) at `elapsedMs`, or -1 once a non-looping show ended. */
export function slotAt(elapsedMs: number, t: SlideshowTiming): number {
  const period = t.holdMs + t.gapMs;
  if (t.count <= 0 || period <= 0) return -1;
  const total = period * t.count;
  if (!t.loop && elapsedMs >= total) return -1;
  const inCycle = ((elapsedMs % total) + total) % total;
  return Math.min(t.count - 1, Math.floor(inCycle / period));
}

/**
 * The slides to hold decoded while `slot` is on: it and the next `ahead`, in showing order
 * (wrapping round when the show loops), each once.
 */
export function slideWindow(
  slot: number,
  count: number,
  loop: boolean,
  ahead = SLIDES_AHEAD,
): number[] {
  const keep: number[] = [];
  if (slot < 0 || count <= 0) return keep;
  for (let i = 0; i <= ahead && i < count; i++) {
    const index = slot + i;
    if (index < count) keep.push(index);
    else if (loop) keep.push(index - count);
  }
  return keep;
}

/**
 * Where the show stands once slide `removed` is taken out of it (it could not be decoded):
 * the elapsed time, in the new schedule, that keeps the slide on show where it was. Slides
 * before the removed one keep their place; when the removed one is on show (its turn came
 * before it was decoded), the next slide starts at once. Whole loops already played are
 * dropped, so a looping show restarts its cycle count at 0.
 */
export function elapsedAfterRemoval(
  elapsedMs: number,
  removed: number,
  t: SlideshowTiming,
): number {
  const period = t.holdMs + t.gapMs;
  if (t.count <= 1 || period <= 0) return 0;
  const total = period * t.count;
  const inCycle = t.loop
    ? ((elapsedMs % total) + total) % total
    : Math.min(Math.max(elapsedMs, 0), total);
  const slot = Math.min(t.count - 1, Math.floor(inCycle / period));
  if (removed < slot) return inCycle - period;
  if (removed === slot) {
    const start = slot * period;
    // The last slide of a looping show: the next is the first.
    return t.loop && slot === t.count - 1 ? 0 : start;
  }
  return inCycle;
}
