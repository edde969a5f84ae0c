// The shape of a model card (model-cards.ts): a figure, where it comes from, and the card.
// Types and one marker string; imports nothing.

/** A public source for a figure. The only URLs in the reviewer documents live here. */
export interface Source {
  title: string;
  url: string;
}

/** One figure and where it comes from; `source` is null for LocalSight's own measurements. */
export interface Figure {
  what: string;
  value: string;
  source: Source | null;
}

export interface ModelCard {
  id:
    | 'detector'
    | 'person-detector'
    | 'age-gender'
    | 'expression'
    | 'face-recognition';
  name: string;
  task: string;
  /** npm package and version, as in models/manifest.json. */
  package: string;
  version: string;
  /** Paths inside the package, as in models/manifest.json `path`. */
  files: readonly string[];
  trainedOn: Figure;
  published: readonly Figure[];
  worseFor: readonly Figure[];
  /** LocalSight's own checks; small samples, said so in each. */
  measured: readonly Figure[];
  mitigations: readonly string[];
}

/** Written in every "not published" figure, so tests and readers can find the gaps. */
export const NOT_PUBLISHED = 'not published';
