// A tfjs IOHandler that loads a graph model from the app's own origin through AssetFetcher,
// so every file is checksummed and its bytes count towards the load progress.

import * as tf from '@tensorflow/tfjs-core';
import type { AssetFetcher } from '../asset-fetcher';

export function verifiedModelHandler(
  fetcher: AssetFetcher,
  jsonPath: string,
  onFraction: (fraction: number) => void,
): tf.io.IOHandler {
  const dir = jsonPath.slice(0, jsonPath.lastIndexOf('/') + 1);
  return {
    load: async () => {
      const json = JSON.parse(
        new TextDecoder().decode(await fetcher.fetchVerified(jsonPath)),
      ) as tf.io.ModelJSON;
      const shardPaths = json.weightsManifest.flatMap((group) =>
        group.paths.map((p) => dir + p),
      );
      const sizes = await Promise.all(shardPaths.map((p) => fetcher.sizeOf(p)));
      const total = sizes.reduce((a, b) => a + b, 0) || 1;
      let loaded = 0;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const buffers: ArrayBuffer[] = [];
        for (const path of shardPaths) {
          const bytes = await fetcher.fetchVerified(path, (n) => {
            loaded += n;
            onFraction(Math.min(1, loaded / total));
          });
          buffers.push(bytes);
        }
        return [tf.io.getWeightSpecs(manifest), buffers];
      });
    },
  };
}
