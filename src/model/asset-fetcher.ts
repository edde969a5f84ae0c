// Fetches the app's own model files, reports byte progress, and checks each against the
// sha256 recorded in asset-manifest.json (written by scripts/copy-models.mjs).

import { ASSET_MANIFEST_PATH } from './constants';

export type FetchLike = (url: string) => Promise<Response>;

interface ManifestEntry {
  url: string;
  sha256: string;
  size: number;
}

export class AssetError extends Error {
  override name = 'AssetError';
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

export class AssetFetcher {
  private _manifest: Promise<Map<string, ManifestEntry>> | null = null;
  /** Downloads started by prefetch() that no fetchVerified() has taken yet. */
  private readonly _early = new Map<string, Promise<ArrayBuffer>>();

  constructor(
    private readonly _base: string,
    private readonly _fetch: FetchLike,
  ) {}

  /** Absolute URL of a served asset path. */
  resolve(path: string): string {
    return new URL(path, this._base).href;
  }

  /** Expected size in bytes of a served asset, from the manifest. */
  async sizeOf(path: string): Promise<number> {
    return (await this._entry(path)).size;
  }

  /**
   * Starts reading the manifest now, beside other work (the engine starts its backend
   * meanwhile), instead of at the first file; a failure is reported by that file.
   */
  preloadManifest(): void {
    this._manifest ??= this._loadManifest();
    this._manifest.catch(() => undefined);
  }

  /**
   * Starts downloading and verifying `path` now, beside other work (the engine prefetches its
   * detector while its backend starts: issue 19); the next fetchVerified(path) takes the result,
   * and a failure is reported there. Asking again before then returns the same download.
   */
  prefetch(path: string): Promise<ArrayBuffer> {
    let early = this._early.get(path);
    if (!early) {
      early = this._download(path, () => {});
      early.catch(() => undefined);
      this._early.set(path, early);
    }
    return early;
  }

  /**
   * Downloads `path`, calling `onBytes` with each chunk's length, and verifies its sha256; a
   * prefetched file is taken as it is (its bytes reported at once when it arrives).
   */
  async fetchVerified(
    path: string,
    onBytes: (n: number) => void = () => {},
  ): Promise<ArrayBuffer> {
    const early = this._early.get(path);
    if (!early) return this._download(path, onBytes);
    this._early.delete(path);
    const bytes = await early;
    onBytes(bytes.byteLength);
    return bytes;
  }

  private async _download(
    path: string,
    onBytes: (n: number) => void,
  ): Promise<ArrayBuffer> {
    // The file and its manifest entry side by side: one round trip less on the way to the
    // first boxes (issue 19). A file the manifest does not list is dropped unread.
    const request = this._fetch(this.resolve(path));
    request.catch(() => undefined); // reported below, unless the entry fails first
    let entry: ManifestEntry;
    try {
      entry = await this._entry(path);
    } catch (err) {
      void request.then(
        (r) => r.body?.cancel(),
        () => undefined,
      );
      throw err;
    }
    let response: Response;
    try {
      response = await request;
    } catch (err) {
      throw new AssetError(`Could not load ${path}: ${String(err)}`);
    }
    if (!response.ok)
      throw new AssetError(`Could not load ${path}: HTTP ${response.status}`);
    const bytes = await readAll(response, onBytes);
    const digest = toHex(await crypto.subtle.digest('SHA-256', bytes));
    if (digest !== entry.sha256) {
      throw new AssetError(
        `${path} failed its checksum (expected sha256 ${entry.sha256.slice(0, 12)}…, got ${digest.slice(0, 12)}…). Rebuild the app with npm run build.`,
      );
    }
    return bytes;
  }

  private async _entry(path: string): Promise<ManifestEntry> {
    this._manifest ??= this._loadManifest();
    const entry = (await this._manifest).get(path);
    if (!entry)
      throw new AssetError(`${path} is not listed in ${ASSET_MANIFEST_PATH}.`);
    return entry;
  }

  private async _loadManifest(): Promise<Map<string, ManifestEntry>> {
    const response = await this._fetch(this.resolve(ASSET_MANIFEST_PATH)).catch(
      () => null,
    );
    if (!response?.ok) {
      throw new AssetError(
        `${ASSET_MANIFEST_PATH} is missing: run npm run build to copy the models.`,
      );
    }
    const json = (await response.json()) as { files?: ManifestEntry[] };
    return new Map((json.files ?? []).map((f) => [f.url, f]));
  }
}

async function readAll(
  response: Response,
  onBytes: (n: number) => void,
): Promise<ArrayBuffer> {
  if (!response.body) {
    const buffer = await response.arrayBuffer();
    onBytes(buffer.byteLength);
    return buffer;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    onBytes(value.byteLength);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out.buffer;
}
