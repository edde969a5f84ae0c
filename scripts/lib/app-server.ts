// Serves a built app folder with Vite's preview server and the app's security headers, on
// 127.0.0.1, and builds the app under a name. The e2e global setup serves dist/ for every
// spec; pwa.spec.ts starts and stops its own servers (offline reload, a new build on the same
// origin); scripts/bench-isolation.mjs serves one build with two sets of headers.

import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { SECURITY_HEADERS } from '../../src/shared/security-headers';

const HOST = '127.0.0.1';
/** The repository, whatever the working directory. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A TCP port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() =>
        port ? resolve(port) : reject(new Error('no free port')),
      );
    });
  });
}

export interface AppServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves `outDir` (relative to the repository) on `port`, or on a free one. */
export async function serveBuild(
  outDir: string,
  port?: number,
  headers: Readonly<Record<string, string>> = SECURITY_HEADERS,
): Promise<AppServer> {
  if (!existsSync(path.join(ROOT, outDir, 'index.html'))) {
    throw new Error(
      `${outDir}/index.html is missing: run \`npx vite build\` first (npm test does it)`,
    );
  }
  const p = port ?? (await freePort());
  // configFile: false keeps the server independent of vite.config.ts's plugins.
  const server = await preview({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: {
      host: HOST,
      port: p,
      strictPort: true,
      headers: { ...headers },
    },
  });
  return {
    url: server.resolvedUrls?.local[0] ?? `http://${HOST}:${p}/`,
    port: p,
    close: () => server.close(),
  };
}

/** Builds the app into `outDir` under the name `buildId`, as `npm run build` would. */
export async function buildApp(outDir: string, buildId: string): Promise<void> {
  const saved = {
    LS_BUILD_ID: process.env.LS_BUILD_ID,
    NODE_ENV: process.env.NODE_ENV,
  };
  process.env.LS_BUILD_ID = buildId; // vite.config.ts reads it when the config loads
  // Vitest sets NODE_ENV=test, which would make a development build (no service worker).
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: ROOT,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
