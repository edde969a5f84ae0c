// Matching faces against enrolled profiles (issue 18): each descriptor of a face track is
// compared with every profile's descriptors and then dropped; the track keeps only its recent
// votes (a profile id or "nobody"), and is labelled once enough of them agree; a labelled
// track is re-checked and loses its label when its face stops looking like the profile. A
// profile is counted as seen once per track. Pure: the gallery is passed in, nothing is stored here.

import { cosineDistance, type Descriptor } from './descriptor-math';

export interface GalleryProfile {
  id: string;
  label: string;
  descriptors: readonly Descriptor[];
}

export interface MatcherOptions {
  /** A face matches a profile when its distance to one of its captures is at most this. */
  threshold: number;
  /** Votes that must agree within the window before a track is labelled. */
  votes: number;
  /** How many recent votes a track keeps. */
  window: number;
  /**
   * A labelled track keeps its label while its face stays within this many thresholds of
   * the profile; `votes` re-checks in a row beyond it take the label off (the tracker may
   * have moved the track onto someone else).
   */
  keep: number;
}

export const DEFAULT_MATCHER: Omit<MatcherOptions, 'threshold'> = {
  votes: 2,
  window: 5,
  keep: 2,
};

export interface Match {
  profileId: string;
  label: string;
}

interface TrackVotes {
  recent: (string | null)[];
  match: Match | null;
  /** Re-checks in a row that did not look like the matched profile. */
  misses: number;
}

/** The closest profile and its distance, or null when the gallery is empty. */
export function closest(
  gallery: readonly GalleryProfile[],
  descriptor: Descriptor,
): { profile: GalleryProfile; distance: number } | null {
  let best: { profile: GalleryProfile; distance: number } | null = null;
  for (const profile of gallery)
    for (const d of profile.descriptors) {
      const distance = cosineDistance(d, descriptor);
      if (!best || distance < best.distance) best = { profile, distance };
    }
  return best;
}

export class Matcher {
  private readonly _tracks = new Map<string, TrackVotes>();
  private readonly _options: MatcherOptions;

  constructor(
    private readonly _gallery: readonly GalleryProfile[],
    options: Partial<MatcherOptions> & Pick<MatcherOptions, 'threshold'>,
  ) {
    this._options = { ...DEFAULT_MATCHER, ...options };
  }

  /**
   * One descriptor of `trackId`'s face: compared, voted with, and not kept. Returns the match
   * the track has now, and `first` when this descriptor made it (count the profile as seen).
   */
  observe(
    trackId: string,
    descriptor: Descriptor,
  ): { match: Match | null; first: boolean } {
    const t = this._tracks.get(trackId) ?? {
      recent: [],
      match: null,
      misses: 0,
    };
    this._tracks.set(trackId, t);
    if (t.match) {
      // A re-check of a labelled track: still the same person?
      const profile = this._gallery.find((p) => p.id === t.match!.profileId);
      const distance = profile
        ? Math.min(
            ...profile.descriptors.map((d) => cosineDistance(d, descriptor)),
          )
        : Infinity;
      if (distance <= this._options.keep * this._options.threshold) {
        t.misses = 0;
        return { match: t.match, first: false };
      }
      t.misses += 1;
      if (t.misses < this._options.votes)
        return { match: t.match, first: false };
      // Not them any more: the label goes, and the votes start again.
      t.match = null;
      t.recent = [];
      t.misses = 0;
    }
    const best = closest(this._gallery, descriptor);
    const vote =
      best && best.distance <= this._options.threshold ? best.profile : null;
    t.recent = [...t.recent, vote?.id ?? null].slice(-this._options.window);
    if (!vote) return { match: null, first: false };
    const agree = t.recent.filter((id) => id === vote.id).length;
    if (agree < this._options.votes) return { match: null, first: false };
    t.match = { profileId: vote.id, label: vote.label };
    return { match: t.match, first: true };
  }

  /** The match of a track so far, or null. */
  matchOf(trackId: string): Match | null {
    return this._tracks.get(trackId)?.match ?? null;
  }

  /** Forgets a track that ended (its votes go with it). */
  end(trackId: string): void {
    this._tracks.delete(trackId);
  }

  /** Tracks it holds votes for (nothing outlives its track). */
  get following(): number {
    return this._tracks.size;
  }
}
