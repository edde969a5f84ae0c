// Vitest globalSetup for the e2e project: serves the built app (dist/) with Vite's preview
// server on 127.0.0.1 and provides its URL to the specs as inject('baseURL').

import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';
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
  if (!existsSync(path.join(root, 'dist/index.html'))) {
    throw new Error(
      'dist/index.html is missing: run `npx vite build` first (npm test does it)',
    );
  }
  const port = await freePort();
  // configFile: false keeps the e2e server independent of vite.config.ts.
  const server = await preview({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir: 'dist' },
    preview: { host: HOST, port, strictPort: true, headers: {} },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://${HOST}:${port}/`;
  project.provide('baseURL', url);
  console.log(`e2e: serving dist/ at ${url}`);
  return async () => {
    await server.close();
  };
}
