// Vite build of the app, plus the Vitest projects: unit (node), e2e (real Chromium) and
// engines (the core flows in Chromium, Firefox and WebKit).

import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';
import { licenses } from './scripts/lib/licenses.mjs';
import { defineConfig } from 'vitest/config';
import {
  shapePrecacheManifest,
  type BuildManifestEntry,
} from './src/shared/precache-manifest.ts';
import {
  DEV_SECURITY_HEADERS,
  SECURITY_HEADERS,
} from './src/shared/security-headers.ts';

const stub = fileURLToPath(
  new URL('./src/model/tfjs/mediapipe-solution-stub.ts', import.meta.url),
);

const root = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const pkg = JSON.parse(readFileSync(root('package.json'), 'utf8')) as {
  version: string;
};

/** The build's name, shown in the app and by the service worker: version+commit, or $LS_BUILD_ID. */
function buildId(): string {
  if (process.env.LS_BUILD_ID) return process.env.LS_BUILD_ID;
  try {
    const commit = execSync('git rev-parse --short HEAD', {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return `${pkg.version}+${commit.toString().trim()}`;
  } catch {
    return pkg.version;
  }
}

/** sha256 (hex) of each model and wasm file, as scripts/copy-models.mjs verified and recorded it. */
function recordedHashes(): Map<string, string> {
  const file = root('public/asset-manifest.json');
  if (!existsSync(file)) return new Map();
  const { files } = JSON.parse(readFileSync(file, 'utf8')) as {
    files: { url: string; sha256: string }[];
  };
  return new Map(files.map((f) => [f.url, f.sha256]));
}

/** vite-plugin-pwa's manifestTransforms: sizes for the progress bar, SRI for recorded files. */
function precacheTransform(entries: BuildManifestEntry[]) {
  return {
    manifest: shapePrecacheManifest(entries, recordedHashes()),
    warnings: [],
  };
}

const manifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'LocalSight: privacy-first people and face analytics, on this device',
  short_name: 'LocalSight',
  description:
    'Live, on-device people and face analytics (passers-by, occupancy, dwell, age group, gender, mood) that keeps only aggregated counts. Works offline.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'any',
  background_color: '#0d1117',
  theme_color: '#0d1117',
  categories: ['business', 'productivity'],
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
    {
      src: 'icons/maskable-192.png',
      sizes: '192x192',
      type: 'image/png',
      purpose: 'maskable',
    },
    {
      src: 'icons/maskable-512.png',
      sizes: '512x512',
      type: 'image/png',
      purpose: 'maskable',
    },
  ],
  // The kiosk URL parameters (src/shared/kiosk-params.ts) start a demo directly.
  shortcuts: [
    {
      name: 'Start the camera demo',
      short_name: 'Camera',
      url: '/?source=camera',
      icons: [
        { src: 'icons/shortcut-camera.png', sizes: '96x96', type: 'image/png' },
      ],
    },
    {
      name: 'Play the sample footage',
      short_name: 'Sample',
      url: '/?source=sample',
      icons: [
        { src: 'icons/shortcut-sample.png', sizes: '96x96', type: 'image/png' },
      ],
    },
  ],
};

// Licence comments go; licenses.md lists each bundled package's licence once (issue 19).
const licenceFile = licenses(root('.'));
const noLegalComments = { output: { comments: { legal: false } } };

export default defineConfig({
  define: { __LS_BUILD__: JSON.stringify(buildId()) },
  plugins: [
    licenceFile.collect(),
    licenceFile.emit(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // src/pwa/register.ts registers it with workbox-window; updates wait for the user.
      injectRegister: false,
      // The glob below finds the icons; the plugin adds manifest.webmanifest itself.
      includeManifestIcons: false,
      registerType: 'prompt',
      manifest,
      injectManifest: {
        rollupFormat: 'iife', // a classic worker: every browser that installs PWAs runs it
        // Every file the app can need offline: shell, worker, models, wasm, samples, icons.
        globPatterns: ['**/*.{html,js,css,svg,png,jpg,json,bin,wasm,tflite}'],
        globIgnores: ['**/*.map'],
        // The MediaPipe wasm is 11 MB; the worker bundle ~1.8 MB.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        manifestTransforms: [precacheTransform],
      },
    }),
  ],
  resolve: {
    // @tensorflow-models/face-detection imports the legacy MediaPipe solution even for its
    // tfjs runtime; the build fails on its CommonJS export (MEASURED.md), and we never use it.
    alias: { '@mediapipe/face_detection': stub },
  },
  worker: {
    format: 'es',
    plugins: () => [licenceFile.collect()],
    rolldownOptions: noLegalComments,
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2048,
    rolldownOptions: noLegalComments,
  },
  // Preview sends the headers the service worker adds offline (ADR 0008); dev differs only by
  // allowing the inline <style> elements Vite's dev client injects for CSS.
  server: { headers: { ...DEV_SECURITY_HEADERS } },
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
        // Benchmarks print figures (npm run bench:attributes); npm test runs them with BENCH_SMOKE=1.
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
          setupFiles: ['tests/e2e/setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // The core flows in Chromium, Firefox and WebKit (tests/engines/, issue 16).
        extends: true,
        test: {
          name: 'engines',
          include: ['tests/engines/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
