// Vitest globalSetup for the e2e project: serves the built app (dist/, or $LS_DIST) with
// Vite's preview server on 127.0.0.1, with the app's security headers, and provides its URL
// to the specs as inject('baseURL').

import type { TestProject } from 'vitest/node';
import { serveBuild } from '../../scripts/lib/app-server';
import type {} from './harness'; // its ProvidedContext augmentation types provide()

export default async function setup(
  project: TestProject,
): Promise<() => Promise<void>> {
  const outDir = process.env.LS_DIST || 'dist';
  const server = await serveBuild(outDir);
  project.provide('baseURL', server.url);
  console.log(`e2e: serving ${outDir}/ at ${server.url}`);
  return () => server.close();
}
