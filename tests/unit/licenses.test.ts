// scripts/lib/licenses.mjs: which package a bundled module belongs to, and licenses.md's shape.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  packageDirOf,
  readPackage,
  renderLicenses,
  swPackages,
} from '../../scripts/lib/licenses.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(
  /\/$/,
  '',
);

describe('licences', () => {
  it('finds the package of a bundled module, scoped or not, nested or not', () => {
    expect(
      packageDirOf('/r/node_modules/@tensorflow/tfjs-core/dist/index.js'),
    ).toBe('/r/node_modules/@tensorflow/tfjs-core');
    expect(packageDirOf('/r/node_modules/comlink/dist/esm/comlink.mjs')).toBe(
      '/r/node_modules/comlink',
    );
    expect(
      packageDirOf('/r/node_modules/a/node_modules/long/src/long.js?commonjs'),
    ).toBe('/r/node_modules/a/node_modules/long');
    expect(packageDirOf('\0/r/node_modules/idb/build/index.js')).toBe(
      '/r/node_modules/idb',
    );
    expect(packageDirOf('/r/src/main.ts')).toBeNull();
    expect(packageDirOf('\0vite/preload-helper')).toBeNull();
  });

  it('reads a package’s name, version, licence and licence file', () => {
    const p = readPackage(`${ROOT}/node_modules/comlink`);
    expect(p).toMatchObject({ name: 'comlink', license: 'Apache-2.0' });
    expect(p.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(p.text).toContain('Apache License');
  });

  it('writes each package under its own heading, by name, with a fallback text', () => {
    const md = renderLicenses([
      { name: 'zed', version: '1.0.0', license: 'MIT', text: 'MIT text' },
      { name: '@a/b', version: '2.0.0', license: 'ISC', text: '' },
    ]);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## @a/b 2.0.0 (ISC)', '## zed 1.0.0 (MIT)']);
    expect(md).toContain(
      'Licensed under ISC; the package ships no licence file.',
    );
    expect(md).toContain('MIT text');
  });

  it('names the packages the service worker imports, not relative files', () => {
    expect(swPackages(ROOT)).toEqual(
      expect.arrayContaining(['workbox-core', 'workbox-precaching']),
    );
    expect(swPackages(ROOT).every((n: string) => !n.startsWith('.'))).toBe(
      true,
    );
  });
});
