// Vitest globalSetup for the e2e project: serves the built app (dist/, or $LS_DIST) with
// Vite's preview server on 127.0.0.1, with the app's security headers, and provides its URL
// to the specs as inject('baseURL').

import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { SECURITY_HEADERS } from '../../src/shared/security-headers';
import type {} from './harness'; // its ProvidedContext augmentation types provide()

const HOST = '127.0.0.1';

/** A TCP port that was free a moment ago (the OS picks it). */
function freePort(): Promise<number> {
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

export default async function setup(
  project: TestProject,
): Promise<() => Promise<void>> {
  const root = process.cwd();
  const outDir = process.env.LS_DIST || 'dist';
  if (!existsSync(path.join(root, outDir, 'index.html'))) {
    throw new Error(
      `${outDir}/index.html is missing: run \`npx vite build\` first (npm test does it)`,
    );
  }
  const port = await freePort();
  // configFile: false keeps the e2e server independent of vite.config.ts.
  const server = await preview({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: {
      host: HOST,
      port,
      strictPort: true,
      headers: { ...SECURITY_HEADERS },
    },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://${HOST}:${port}/`;
  project.provide('baseURL', url);
  console.log(`e2e: serving ${outDir}/ at ${url}`);
  return async () => {
    await server.close();
  };
}
