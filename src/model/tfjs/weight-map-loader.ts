// Loads a tfjs weights manifest (a weight map for hand-written layers, not a graph model) and
// its shards from the app's origin, each checked against its sha256, with byte progress.

import * as tf from '@tensorflow/tfjs-core';
import type { AssetFetcher } from '../asset-fetcher';

/** The decoded weights of `manifestPath`; the caller owns (and disposes) the tensors. */
export async function loadWeightMap(
  fetcher: AssetFetcher,
  manifestPath: string,
  onFraction: (fraction: number) => void = () => {},
): Promise<tf.NamedTensorMap> {
  const dir = manifestPath.slice(0, manifestPath.lastIndexOf('/') + 1);
  const manifest = JSON.parse(
    new TextDecoder().decode(await fetcher.fetchVerified(manifestPath)),
  ) as tf.io.WeightsManifestConfig;
  const paths = manifest.flatMap((g) => g.paths.map((p) => dir + p));
  const sizes = await Promise.all(paths.map((p) => fetcher.sizeOf(p)));
  const total = sizes.reduce((a, b) => a + b, 0) || 1;
  let loaded = 0;
  const buffers: ArrayBuffer[] = [];
  for (const path of paths) {
    buffers.push(
      await fetcher.fetchVerified(path, (n) => {
        loaded += n;
        onFraction(Math.min(1, loaded / total));
      }),
    );
  }
  return tf.io.decodeWeights(
    buffers,
    manifest.flatMap((g) => g.weights),
  );
}
