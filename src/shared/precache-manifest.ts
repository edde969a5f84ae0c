// Shapes the service worker's precache list at build time (vite.config.ts manifestTransforms):
// each entry's byte size for the install progress bar, and for every file whose sha256 was
// recorded when it was copied from npm, a subresource-integrity hash. Pure: no I/O.

/** An entry as workbox-build hands it to a manifest transform. */
export interface BuildManifestEntry {
  url: string;
  revision: string | null;
  size: number;
  integrity?: string;
}

/** What the service worker receives (workbox-build drops `size`, so it travels as `bytes`). */
export interface PrecacheManifestEntry {
  url: string;
  revision: string | null;
  bytes: number;
  integrity?: string;
}

/** "sha256-<base64>" from a hex sha256, as fetch()'s integrity option expects it. */
export function sriFromHex(hex: string): string {
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new Error(`Not a hex sha256: ${hex.slice(0, 80)}`);
  }
  const bytes = hex.match(/../g)!.map((h) => parseInt(h, 16));
  return `sha256-${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * Adds `bytes` to every entry and `integrity` to those whose URL has a recorded sha256
 * (`recorded`: URL relative to the app root → hex). The browser then refuses to cache a
 * model, wasm binary or sample whose bytes differ from the ones scripts/copy-models.mjs checked.
 */
export function shapePrecacheManifest(
  entries: readonly BuildManifestEntry[],
  recorded: ReadonlyMap<string, string>,
): (BuildManifestEntry & PrecacheManifestEntry)[] {
  return entries.map(({ url, revision, size }) => {
    const hex = recorded.get(url);
    return {
      url,
      revision,
      size, // workbox-build sums, then drops it
      bytes: size,
      ...(hex ? { integrity: sriFromHex(hex) } : {}),
    };
  });
}
