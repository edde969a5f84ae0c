// Matching faces against enrolled profiles (issue 18): each descriptor of a face track is
// compared with every profile's descriptors and then dropped; the track keeps only its recent
// votes (a profile id or "nobody"), and is labelled once enough of them agree. A profile is
// counted as seen once per track. Pure: the gallery is passed in, nothing is stored here.

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
}

export const DEFAULT_MATCHER: Omit<MatcherOptions, 'threshold'> = {
  votes: 2,
  window: 5,
};

export interface Match {
  profileId: string;
  label: string;
}

interface TrackVotes {
  recent: (string | null)[];
  match: Match | null;
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
    const t = this._tracks.get(trackId) ?? { recent: [], match: null };
    this._tracks.set(trackId, t);
    if (t.match) return { match: t.match, first: false };
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
