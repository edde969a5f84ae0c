// Distances between face descriptors and the error rates of a match threshold (issue 18).
// Pure: no tfjs, no DOM, no I/O; used by the matcher and by scripts/eval-matching.mjs.

export type Descriptor = ArrayLike<number>;

function sameLength(a: Descriptor, b: Descriptor): void {
  if (a.length !== b.length || a.length === 0)
    throw new Error(
      `Descriptors differ in length (${a.length} and ${b.length}) or are empty.`,
    );
}

/** Euclidean length. */
export function norm(v: Descriptor): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  return Math.sqrt(sum);
}

/** A copy scaled to unit length; an all-zero vector stays zero (it matches nothing). */
export function l2Normalise(v: Descriptor): Float32Array {
  const out = Float32Array.from(v);
  const n = norm(v);
  if (n > 0) for (let i = 0; i < out.length; i++) out[i]! /= n;
  return out;
}

export function euclideanDistance(a: Descriptor, b: Descriptor): number {
  sameLength(a, b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** 1 − cosine similarity: 0 for the same direction, 1 orthogonal, 2 opposite. A zero vector is 1 from anything. */
export function cosineDistance(a: Descriptor, b: Descriptor): number {
  sameLength(a, b);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  if (na === 0 || nb === 0) return 1;
  return 1 - dot / Math.sqrt(na * nb);
}

/** Error rates at one threshold: a pair matches when its distance is ≤ the threshold. */
export interface ThresholdRates {
  threshold: number;
  /** Impostor pairs that match ÷ impostor pairs. */
  fmr: number;
  /** Genuine pairs that do not match ÷ genuine pairs. */
  fnmr: number;
  falseMatches: number;
  falseNonMatches: number;
}

/** FMR and FNMR at `threshold`. Both lists must be non-empty. */
export function ratesAt(
  genuine: readonly number[],
  impostor: readonly number[],
  threshold: number,
): ThresholdRates {
  if (genuine.length === 0 || impostor.length === 0)
    throw new Error('Need at least one genuine and one impostor distance.');
  const falseMatches = impostor.filter((d) => d <= threshold).length;
  const falseNonMatches = genuine.filter((d) => d > threshold).length;
  return {
    threshold,
    fmr: falseMatches / impostor.length,
    fnmr: falseNonMatches / genuine.length,
    falseMatches,
    falseNonMatches,
  };
}

/**
 * Rates at every threshold where either rate changes (each observed distance), plus one
 * below them all (nothing matches), in ascending order of threshold.
 */
export function sweep(
  genuine: readonly number[],
  impostor: readonly number[],
): ThresholdRates[] {
  const all = [...new Set([...genuine, ...impostor])].sort((a, b) => a - b);
  const below = all.length ? all[0]! - 1e-9 : 0;
  return [below, ...all].map((t) => ratesAt(genuine, impostor, t));
}

/**
 * The equal-error point: the swept threshold where |FMR − FNMR| is smallest (ties: the
 * lower threshold); `eer` is the mean of the two rates there.
 */
export function equalErrorRate(
  genuine: readonly number[],
  impostor: readonly number[],
): ThresholdRates & { eer: number } {
  let best: ThresholdRates | null = null;
  for (const r of sweep(genuine, impostor))
    if (!best || Math.abs(r.fmr - r.fnmr) < Math.abs(best.fmr - best.fnmr))
      best = r;
  const point = best!;
  return { ...point, eer: (point.fmr + point.fnmr) / 2 };
}

/**
 * The highest threshold whose FMR is ≤ `maxFmr` (the most permissive one that still meets
 * it), with its FNMR. With n impostor pairs the smallest non-zero FMR is 1/n, so any
 * `maxFmr` below that means "no false match among the n".
 */
export function thresholdAtFmr(
  genuine: readonly number[],
  impostor: readonly number[],
  maxFmr: number,
): ThresholdRates {
  let best: ThresholdRates | null = null;
  for (const r of sweep(genuine, impostor)) if (r.fmr <= maxFmr) best = r;
  // The sweep starts below every distance, where FMR is 0, so best is always set.
  return best!;
}

/** Pairs (i < j) of the items, as index pairs. */
export function allPairs(count: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < count; i++)
    for (let j = i + 1; j < count; j++) pairs.push([i, j]);
  return pairs;
}
