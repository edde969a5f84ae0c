// Which slide a slideshow shows at a given time. Pure: time is passed in.

export interface SlideshowTiming {
  count: number;
  holdMs: number;
  /** Black gap after each slide, so faces leave the frame between slides. */
  gapMs: number;
  loop: boolean;
}

export interface SlideAt {
  /** Index of the slide on show, or -1 during a gap or after the end. */
  index: number;
  /** 0..1 through the slide's hold time. */
  progress: number;
  ended: boolean;
}

export function slideAt(elapsedMs: number, t: SlideshowTiming): SlideAt {
  const period = t.holdMs + t.gapMs;
  if (t.count <= 0 || period <= 0)
    return { index: -1, progress: 0, ended: true };
  const total = period * t.count;
  if (!t.loop && elapsedMs >= total)
    return { index: -1, progress: 1, ended: true };
  const inCycle = ((elapsedMs % total) + total) % total;
  const index = Math.floor(inCycle / period);
  const inSlide = inCycle - index * period;
  if (inSlide >= t.holdMs) return { index: -1, progress: 1, ended: false };
  return {
    index,
    progress: t.holdMs > 0 ? inSlide / t.holdMs : 0,
    ended: false,
  };
}
