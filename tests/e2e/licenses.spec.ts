// The build's third-party licences (issue 19): the scripts carry no licence comments, and
// licenses.md names every npm package whose code the page, the workers or the service worker
// bundle (read from the build's own source maps), and every package a served model or wasm
// file comes from. Reads the build `npm test` made; no browser.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** "@scope/name" or "name" of every node_modules source in the build's source maps. */
function bundledPackages(): string[] {
  const maps = [
    ...readdirSync(`${DIST}assets`)
      .filter((f) => f.endsWith('.js.map'))
      .map((f) => `${DIST}assets/${f}`),
    `${DIST}sw.js.map`,
  ];
  const names = new Set<string>();
  for (const file of maps) {
    const { sources } = JSON.parse(readFileSync(file, 'utf8')) as {
      sources: string[];
    };
    for (const source of sources) {
      const at = source.lastIndexOf('node_modules/');
      if (at < 0) continue;
      const parts = source.slice(at + 'node_modules/'.length).split('/');
      names.add(
        parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!,
      );
    }
  }
  return [...names].sort();
}

describe('third-party licences', () => {
  const listed = readFileSync(`${DIST}licenses.md`, 'utf8')
    .split('\n')
    .flatMap((line) => /^## (\S+) \S+ \(.+\)$/.exec(line)?.[1] ?? []);

  it('lists every bundled package once, with its licence text', () => {
    const bundled = bundledPackages();
    // The packages the detector worker is built from, at least: the source maps are read.
    expect(bundled).toEqual(
      expect.arrayContaining([
        '@tensorflow/tfjs-core',
        '@tensorflow/tfjs-backend-wasm',
        'comlink',
        'lit-html',
        'workbox-precaching',
      ]),
    );
    expect(listed).toEqual(expect.arrayContaining(bundled));
    expect(new Set(listed).size).toBe(listed.length);
    const text = readFileSync(`${DIST}licenses.md`, 'utf8');
    expect(text).toContain('Apache License');
    expect(text).toContain('Permission is hereby granted');
  });

  it('lists every package a served model or wasm file is copied from', () => {
    const manifest = JSON.parse(
      readFileSync(`${ROOT}models/manifest.json`, 'utf8'),
    ) as { files: { package: string }[] };
    expect(listed).toEqual(
      expect.arrayContaining([
        ...new Set(manifest.files.map((f) => f.package)),
      ]),
    );
  });

  it('keeps no licence comment in the scripts (each licence is in licenses.md once)', () => {
    const scripts = readdirSync(`${DIST}assets`).filter((f) =>
      f.endsWith('.js'),
    );
    expect(scripts.length).toBeGreaterThan(5);
    for (const f of scripts) {
      expect(readFileSync(`${DIST}assets/${f}`, 'utf8')).not.toContain(
        '@license',
      );
    }
  });
});
