// Third-party licences in one file (issue 19): the build strips the licence comments tfjs
// repeats in every one of its files (746 copies, 43 % of a worker's script) and writes
// licenses.md instead, with each bundled package's licence once — the page's, both workers'
// and every package a served model or wasm file is copied from (models/manifest.json).
// Vite's own build.license covers the page's bundle only, not its workers'.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The npm packages src/sw/*.ts imports (the service worker's bundle). @param {string} root */
export function swPackages(root) {
  const dir = path.join(root, 'src/sw');
  const names = new Set();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const source = readFileSync(path.join(dir, f), 'utf8');
    for (const m of source.matchAll(/from '((?:@[\w.-]+\/)?\w[\w.-]*)[^']*'/g))
      names.add(m[1]);
  }
  return [...names].sort();
}

/**
 * Adds package `name` (from the repository's node_modules) and its dependencies to `dirs`.
 * @param {string} root @param {string} name @param {Set<string>} dirs
 */
function addWithDependencies(root, name, dirs) {
  const dir = path.join(root, 'node_modules', name);
  if (dirs.has(dir) || !existsSync(path.join(dir, 'package.json'))) return;
  dirs.add(dir);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys(pkg.dependencies ?? {}))
    addWithDependencies(root, dep, dirs);
}

/** The directory of the package a bundled module comes from, or null for the app's own. */
export function packageDirOf(/** @type {string} */ moduleId) {
  const file = moduleId.replace(/^\0/, '').split('?')[0] ?? '';
  const at = file.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const rest = file.slice(at + '/node_modules/'.length).split('/');
  const depth = rest[0]?.startsWith('@') ? 2 : 1;
  if (rest.length <= depth) return null;
  return file.slice(0, at) + '/node_modules/' + rest.slice(0, depth).join('/');
}

/**
 * One package's entry: name, version, licence identifier and the text of its LICENSE (or
 * LICENCE, COPYING, NOTICE) files; the identifier alone when it ships none.
 * @param {string} dir
 */
export function readPackage(dir) {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const files = readdirSync(dir)
    .filter((f) => /^(licen[cs]e|copying|notice)(\.|-|$)/i.test(f))
    .sort();
  return {
    name: String(pkg.name),
    version: String(pkg.version),
    license: String(pkg.license ?? pkg.licenses?.[0]?.type ?? 'UNKNOWN'),
    text: files
      .map((f) => readFileSync(path.join(dir, f), 'utf8').trim())
      .join('\n\n'),
  };
}

/**
 * licenses.md: each package once, by name.
 * @param {{ name: string, version: string, license: string, text: string }[]} packages
 */
export function renderLicenses(packages) {
  const sorted = [...packages].sort((a, b) => a.name.localeCompare(b.name));
  const lines = [
    '# Third-party licences',
    '',
    'LocalSight bundles code from these npm packages (the page and both workers) and serves',
    'model and wasm files copied from some of them (models/manifest.json). Their licence',
    'comments are not repeated in the scripts; each licence is here once.',
    '',
  ];
  for (const p of sorted) {
    lines.push(`## ${p.name} ${p.version} (${p.license})`, '');
    lines.push(
      p.text ||
        `Licensed under ${p.license}; the package ships no licence file.`,
    );
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * Vite plugins: `collect()` (for the page's build and, through worker.plugins, each worker's)
 * records the packages of every bundled module; `emit()` (the page's build) writes
 * licenses.md with them and the packages models/manifest.json copies files from.
 * @param {string} root the repository
 */
export function licenses(root) {
  /** @type {Set<string>} */
  const dirs = new Set();
  /** @returns {import('vite').Plugin} */
  const collect = () => ({
    name: 'localsight-licenses-collect',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const id of chunk.moduleIds) {
          const dir = packageDirOf(id);
          if (dir) dirs.add(dir);
        }
      }
    },
  });
  /** @returns {import('vite').Plugin} */
  const emit = () => ({
    name: 'localsight-licenses-emit',
    apply: 'build',
    enforce: 'post',
    generateBundle() {
      const manifest = JSON.parse(
        readFileSync(path.join(root, 'models/manifest.json'), 'utf8'),
      );
      for (const f of manifest.files) {
        const dir = path.join(root, 'node_modules', f.package);
        if (existsSync(dir)) dirs.add(dir);
      }
      // The service worker is built after this build (vite-plugin-pwa): its packages are the
      // ones src/sw/ imports, with their dependencies.
      for (const name of swPackages(root))
        addWithDependencies(root, name, dirs);
      /** @type {Map<string, ReturnType<typeof readPackage>>} */
      const byName = new Map();
      for (const dir of dirs) {
        const p = readPackage(dir);
        byName.set(`${p.name}@${p.version}`, p);
      }
      this.emitFile({
        type: 'asset',
        fileName: 'licenses.md',
        source: renderLicenses([...byName.values()]),
      });
    },
  });
  return { collect, emit };
}
