// The detector's graph model prefetched beside the backend's start (issue 19): the JSON, then
// the shards it names, all checksummed, and the load that follows asks for nothing again.

import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { AssetFetcher } from '../../src/model/asset-fetcher';
import { ASSET_MANIFEST_PATH } from '../../src/model/constants';
import {
  prefetchGraphModel,
  verifiedModelHandler,
} from '../../src/model/tfjs/graph-model-loader';

const BASE = 'http://localsight.test/';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const WEIGHTS = new Uint8Array(new Float32Array([1.5, -2]).buffer);
const MODEL_JSON = new TextEncoder().encode(
  JSON.stringify({
    format: 'graph-model',
    modelTopology: { node: [] },
    weightsManifest: [
      {
        paths: ['m.bin'],
        weights: [{ name: 'w', shape: [2], dtype: 'float32' }],
      },
    ],
  }),
);

/** Serves the model (and the manifest) at once, and records every path asked for. */
function servedModel(files: Record<string, Uint8Array>) {
  const asked: string[] = [];
  const manifest = {
    files: Object.entries(files).map(([url, bytes]) => ({
      url,
      sha256: sha(bytes),
      size: bytes.length,
    })),
  };
  const fetch = (url: string): Promise<Response> => {
    const path = new URL(url).pathname.slice(1);
    asked.push(path);
    if (path === ASSET_MANIFEST_PATH)
      return Promise.resolve(new Response(JSON.stringify(manifest)));
    const bytes = files[path];
    return Promise.resolve(
      bytes ? new Response(bytes.slice()) : new Response('', { status: 404 }),
    );
  };
  return { fetch, asked };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('prefetchGraphModel', () => {
  it('downloads the JSON and then its shards, and the load asks for nothing again', async () => {
    const served = servedModel({
      'models/m.json': MODEL_JSON,
      'models/m.bin': WEIGHTS,
    });
    const fetcher = new AssetFetcher(BASE, served.fetch);
    prefetchGraphModel(fetcher, 'models/m.json');
    await settle();
    expect(served.asked.sort()).toEqual(
      [ASSET_MANIFEST_PATH, 'models/m.bin', 'models/m.json'].sort(),
    );
    const fractions: number[] = [];
    const artifacts = await verifiedModelHandler(
      fetcher,
      'models/m.json',
      (f) => fractions.push(f),
    ).load!();
    expect(served.asked).toHaveLength(3); // no second request for either file
    expect(fractions.at(-1)).toBe(1);
    expect(artifacts.weightSpecs).toEqual([
      { name: 'w', shape: [2], dtype: 'float32' },
    ]);
    const data = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
    expect(Array.from(new Float32Array(data))).toEqual([1.5, -2]);
  });

  it('leaves a failure to the load, which reports it', async () => {
    const served = servedModel({
      'models/m.json': MODEL_JSON,
      'models/m.bin': new Uint8Array([1, 2, 3]), // not what is served below
    });
    const fetcher = new AssetFetcher(BASE, (url) =>
      url.endsWith('m.bin')
        ? Promise.resolve(new Response(new Uint8Array([9, 9, 9])))
        : served.fetch(url),
    );
    prefetchGraphModel(fetcher, 'models/m.json'); // nothing thrown, nothing unhandled
    await settle();
    await expect(
      verifiedModelHandler(fetcher, 'models/m.json', () => {}).load!(),
    ).rejects.toThrow(/models\/m\.bin failed its checksum/);
  });
});
