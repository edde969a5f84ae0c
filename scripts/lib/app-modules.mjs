// The app's own modules in node, for the evaluation scripts (eval:tracking, eval:objects):
// Vite's SSR loader (Node 20 cannot import TypeScript), and a fetch that serves public/ the
// way the app's asset fetcher expects.

import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

/** @param {string} url @returns {Promise<Response>} the file under public/ */
export async function publicFetch(url) {
  const file = path.join(
    ROOT,
    'public',
    decodeURIComponent(new URL(url).pathname),
  );
  const bytes = await fs.readFile(file).catch(() => null);
  return bytes
    ? new Response(bytes)
    : new Response('not found', { status: 404 });
}

/**
 * A Vite server that loads src/ modules for node; tfjs stays external, so they share the
 * calling script's tfjs engine. Close it when done.
 */
export async function ssrServer() {
  if (!existsSync(path.join(ROOT, 'public/asset-manifest.json')))
    throw new Error('public/ has no models: run node scripts/copy-models.mjs');
  return createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
}

/**
 * tfjs on the WASM binaries under public/, and the app's own sha256-checking fetcher over
 * public/: what every evaluation runs the app's models with. `app` holds the loaded
 * src/model/tfjs/backend.ts (as `backend`) and src/model/asset-fetcher.ts (as `fetcher`).
 * @param {{ backend: any, fetcher: any }} app
 */
export async function wasmAndFetcher(app) {
  const { reason } = await app.backend.selectBackend(
    'wasm',
    path.join(ROOT, 'public/wasm/tfjs/'),
  );
  const fetcher = new app.fetcher.AssetFetcher(
    'http://localsight.eval/',
    publicFetch,
  );
  return { reason, fetcher };
}
