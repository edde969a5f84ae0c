// Vite build of the app, plus the Vitest projects: unit (node) and e2e (real Chromium).

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { SECURITY_HEADERS } from './src/shared/security-headers';

const stub = fileURLToPath(
  new URL('./src/model/tfjs/mediapipe-solution-stub.ts', import.meta.url),
);

export default defineConfig({
  resolve: {
    // @tensorflow-models/face-detection imports the legacy MediaPipe solution even for its
    // tfjs runtime; the build fails on its CommonJS export (MEASURED.md), and we never use it.
    alias: { '@mediapipe/face_detection': stub },
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2048 },
  // The same headers in dev and preview as the service worker adds offline (ADR 0008).
  server: { headers: { ...SECURITY_HEADERS } },
  preview: { host: '127.0.0.1', port: 4173, headers: { ...SECURITY_HEADERS } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // Benchmarks print figures and are never part of npm test (npm run bench:attributes).
        extends: true,
        test: {
          name: 'bench',
          include: ['tests/bench/**/*.bench-run.ts'],
          exclude: ['tests/bench/_*'],
          environment: 'node',
          testTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
