// A tfjs IOHandler that loads a graph model from the app's own origin through AssetFetcher,
// so every file is checksummed and its bytes count towards the load progress.

import * as tf from '@tensorflow/tfjs-core';
import type { AssetFetcher } from '../asset-fetcher';

/** The weight shard paths a graph model's JSON lists, relative to the JSON's own folder. */
function shardPaths(json: tf.io.ModelJSON, jsonPath: string): string[] {
  const dir = jsonPath.slice(0, jsonPath.lastIndexOf('/') + 1);
  return json.weightsManifest.flatMap((group) =>
    group.paths.map((p) => dir + p),
  );
}

const parseJson = (bytes: ArrayBuffer) =>
  JSON.parse(new TextDecoder().decode(bytes)) as tf.io.ModelJSON;

/**
 * Starts downloading a graph model now (its JSON, then its weight shards as soon as the JSON
 * names them), so that verifiedModelHandler's load finds them on the way; failures are left for
 * that load to report.
 */
export function prefetchGraphModel(
  fetcher: AssetFetcher,
  jsonPath: string,
): void {
  // Registered before the load's own wait on the JSON, so the shards are asked for first.
  fetcher
    .prefetch(jsonPath)
    .then((bytes) => {
      for (const path of shardPaths(parseJson(bytes), jsonPath))
        void fetcher.prefetch(path);
    })
    .catch(() => undefined);
}

export function verifiedModelHandler(
  fetcher: AssetFetcher,
  jsonPath: string,
  onFraction: (fraction: number) => void,
): tf.io.IOHandler {
  return {
    load: async () => {
      const json = parseJson(await fetcher.fetchVerified(jsonPath));
      const shards = shardPaths(json, jsonPath);
      const sizes = await Promise.all(shards.map((p) => fetcher.sizeOf(p)));
      const total = sizes.reduce((a, b) => a + b, 0) || 1;
      let loaded = 0;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const buffers: ArrayBuffer[] = [];
        for (const path of shards) {
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
