// Factory for face-detection engines. Validates options against the defaults first.

import { DEFAULT_DETECTOR_OPTIONS } from '../shared/constants';
import type { DetectorOptions, LoadProgress } from '../shared/types';
import { AssetFetcher, type FetchLike } from './asset-fetcher';
import type { Detector } from './detector';
import { TfjsFaceDetector } from './tfjs/tfjs-face-detector';

export function validateOptions(
  options: Partial<DetectorOptions>,
): DetectorOptions {
  const merged = { ...DEFAULT_DETECTOR_OPTIONS, assetBase: '', ...options };
  if (!['auto', 'webgl', 'wasm', 'cpu'].includes(merged.backend)) {
    throw new Error(`Unknown backend "${String(merged.backend)}".`);
  }
  if (!['full', 'short'].includes(merged.modelType)) {
    throw new Error(`Unknown model type "${String(merged.modelType)}".`);
  }
  if (!(merged.minScore >= 0 && merged.minScore <= 1))
    throw new Error('minScore must be within 0..1.');
  if (!(
    Number.isInteger(merged.maxFaces) &&
    merged.maxFaces >= 1 &&
    merged.maxFaces <= 100
  )) {
    throw new Error('maxFaces must be an integer within 1..100.');
  }
  if (!merged.assetBase)
    throw new Error('assetBase (the app URL) is required.');
  return merged;
}

export async function createFaceDetector(
  options: Partial<DetectorOptions>,
  fetchImpl: FetchLike,
  onProgress: (p: LoadProgress) => void,
): Promise<Detector> {
  const valid = validateOptions(options);
  return TfjsFaceDetector.create(
    valid,
    new AssetFetcher(valid.assetBase, fetchImpl),
    onProgress,
  );
}
