// AssetFetcher: every file checked against the manifest's sha256, the manifest read beside the
// file and files prefetched beside the backend's start (issue 19), and what is refused.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AssetFetcher } from '../../src/model/asset-fetcher';
import { ASSET_MANIFEST_PATH } from '../../src/model/constants';

const BASE = 'http://localsight.test/';
const BYTES = new Uint8Array([1, 2, 3, 4, 5]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A fetch that answers once `release` is called, and records what was asked. */
function heldFetch(files: Record<string, Uint8Array>) {
  const asked: string[] = [];
  const waiting: (() => void)[] = [];
  const cancelled: string[] = [];
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
    return new Promise((resolve) => {
      waiting.push(() => {
        if (path === ASSET_MANIFEST_PATH) {
          resolve(new Response(JSON.stringify(manifest)));
          return;
        }
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(BYTES);
            c.close();
          },
          cancel() {
            cancelled.push(path);
          },
        });
        resolve(new Response(body));
      });
    });
  };
  const release = () => waiting.splice(0).forEach((go) => go());
  return { fetch, asked, cancelled, release };
}

describe('AssetFetcher', () => {
  it('asks for the file and the manifest side by side, then checks the sha256', async () => {
    const f = heldFetch({ 'models/a.bin': BYTES });
    const fetcher = new AssetFetcher(BASE, f.fetch);
    const read = fetcher.fetchVerified('models/a.bin');
    await Promise.resolve();
    // Both requests are out before either has answered.
    expect(f.asked.sort()).toEqual(
      [ASSET_MANIFEST_PATH, 'models/a.bin'].sort(),
    );
    f.release();
    expect(new Uint8Array(await read)).toEqual(BYTES);
  });

  it('preloads the manifest once, and reads it for every file', async () => {
    const f = heldFetch({ 'models/a.bin': BYTES, 'models/b.bin': BYTES });
    const fetcher = new AssetFetcher(BASE, f.fetch);
    fetcher.preloadManifest();
    expect(f.asked).toEqual([ASSET_MANIFEST_PATH]);
    const reads = [
      fetcher.fetchVerified('models/a.bin'),
      fetcher.fetchVerified('models/b.bin'),
    ];
    for (let i = 0; i < 5; i++) {
      f.release();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(reads);
    expect(f.asked.filter((p) => p === ASSET_MANIFEST_PATH)).toHaveLength(1);
  });

  it('refuses a file whose bytes are not the recorded ones', async () => {
    const f = heldFetch({ 'models/a.bin': new Uint8Array([9]) });
    const fetcher = new AssetFetcher(BASE, f.fetch);
    const read = fetcher.fetchVerified('models/a.bin');
    f.release();
    await expect(read).rejects.toThrow(
      /models\/a\.bin failed its checksum \(expected sha256 [0-9a-f]{12}…, got [0-9a-f]{12}…\)/,
    );
  });

  it('refuses a file the manifest does not list, and drops its response unread', async () => {
    const f = heldFetch({ 'models/a.bin': BYTES });
    const fetcher = new AssetFetcher(BASE, f.fetch);
    const read = fetcher.fetchVerified('models/other.bin');
    f.release();
    await expect(read).rejects.toThrow(
      `models/other.bin is not listed in ${ASSET_MANIFEST_PATH}.`,
    );
    await expect
      .poll(() => f.cancelled, { timeout: 2000 })
      .toEqual(['models/other.bin']);
  });

  it('hands a prefetched file to the next fetchVerified, without asking again', async () => {
    const f = heldFetch({ 'models/a.bin': BYTES });
    const fetcher = new AssetFetcher(BASE, f.fetch);
    const early = fetcher.prefetch('models/a.bin');
    expect(fetcher.prefetch('models/a.bin')).toBe(early); // one download
    await Promise.resolve();
    f.release();
    const reported: number[] = [];
    const read = fetcher.fetchVerified('models/a.bin', (n) => reported.push(n));
    expect(new Uint8Array(await read)).toEqual(BYTES);
    expect(reported).toEqual([BYTES.length]);
    expect(f.asked.sort()).toEqual(
      [ASSET_MANIFEST_PATH, 'models/a.bin'].sort(),
    );
    // Taken once: the next read downloads (and checks) again.
    const again = fetcher.fetchVerified('models/a.bin');
    await Promise.resolve();
    f.release();
    expect(new Uint8Array(await again)).toEqual(BYTES);
    expect(f.asked.filter((p) => p === 'models/a.bin')).toHaveLength(2);
  });

  it('reports a prefetched file that fails its checksum where it is read', async () => {
    const f = heldFetch({ 'models/a.bin': new Uint8Array([9]) });
    const fetcher = new AssetFetcher(BASE, f.fetch);
    void fetcher.prefetch('models/a.bin'); // not unhandled: nothing is thrown here
    await Promise.resolve();
    f.release();
    await new Promise((r) => setTimeout(r, 0));
    await expect(fetcher.fetchVerified('models/a.bin')).rejects.toThrow(
      /models\/a\.bin failed its checksum/,
    );
  });

  it('says the manifest is missing when it cannot be read', async () => {
    const fetcher = new AssetFetcher(BASE, () =>
      Promise.resolve(new Response('no', { status: 404 })),
    );
    fetcher.preloadManifest(); // a failure here is reported by the file, not unhandled
    await expect(fetcher.fetchVerified('models/a.bin')).rejects.toThrow(
      `${ASSET_MANIFEST_PATH} is missing: run npm run build to copy the models.`,
    );
  });
});
