// Validates models/manifest.json, finds the npm packages it names, checks each file's
// version, sha256 and size, copies it into public/ (applying a recorded build-time patch,
// such as added TFLite metadata, and checking the result's own hash) and writes
// public/asset-manifest.json.

import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { addMetadata } from './tflite-metadata.mjs';

/** @import { AssetEntry, Manifest, VerifyOptions, VerifyResult } from './asset-manifest.d.mts' */

/** An expected, user-facing failure: callers print the message, not the stack. */
export class AssetError extends Error {
  name = 'AssetError';
}

const KINDS = ['model', 'wasm', 'sample'];
const RECORDED = ['version', 'sha256', 'size'];
const RERUN = 'run node scripts/copy-models.mjs';
const INSTALL = 'run `npm install`';
const ASSET_MANIFEST = 'asset-manifest.json';
const RELATIVE = 'a relative path without ".."';
const TEXT = 'a non-empty string';

/** @param {unknown} p @returns {boolean} a relative path that cannot leave its base */
const isInside = (p) =>
  typeof p === 'string' &&
  !path.posix.isAbsolute(p) &&
  !path.win32.isAbsolute(p) &&
  p.split(/[\\/]/).every((s) => s !== '' && s !== '.' && s !== '..');

/** @param {unknown} v */
const isText = (v) => typeof v === 'string' && v !== '';

/**
 * Build-time patches an entry may name: each turns the verified package file into the served
 * one, deterministically. @type {Record<string, (bytes: Uint8Array, patch: any) => Uint8Array>}
 */
const PATCHES = {
  'tflite-metadata': (bytes, patch) => addMetadata(bytes, patch.metadata),
};

/** @type {[string, (v: any) => boolean, string][]} field, test, what it must be */
const RULES = [
  ['id', isText, TEXT],
  ['package', isText, TEXT],
  ['version', isText, TEXT],
  ['licence', isText, TEXT],
  ['input', isText, TEXT],
  ['kind', (v) => KINDS.includes(v), `one of ${KINDS.join(', ')}`],
  ['sha256', (v) => /^[0-9a-f]{64}$/.test(v), '64 lowercase hex digits'],
  ['size', (v) => Number.isSafeInteger(v) && v >= 0, 'a byte count'],
  ['path', isInside, RELATIVE],
  ['dest', (v) => isInside(v) && v !== ASSET_MANIFEST, RELATIVE],
];

/**
 * Checks a parsed manifest and throws one AssetError naming every bad entry. With
 * `allowUnrecorded`, version, sha256 and size may be empty (record mode fills them in).
 * @param {unknown} data @param {string} source @param {{ allowUnrecorded?: boolean }} [opts]
 * @returns {Manifest}
 */
export function validateManifest(data, source, opts = {}) {
  const files = /** @type {any} */ (data)?.files;
  if (!Array.isArray(files)) {
    throw new AssetError(`${source}: expected an object with a "files" array`);
  }
  const problems = files.flatMap((e, i) => {
    const name = `${source}: files[${i}]${e?.id ? ` (id "${e.id}")` : ''}`;
    if (typeof e !== 'object' || !e) return [`${name} is not an object`];
    const blank = (/** @type {string} */ k) =>
      opts.allowUnrecorded && RECORDED.includes(k) && (e[k] ?? '') === '';
    const bad = RULES.filter(([k, ok]) => !ok(e[k]) && !blank(k)).map(
      ([k, , what]) => `"${k}" must be ${what}, got ${JSON.stringify(e[k])}`,
    );
    if (e.patch !== undefined) bad.push(...patchProblems(e.patch, opts));
    for (const k of ['id', 'dest']) {
      const first = files.findIndex((f) => f?.[k] === e[k]);
      if (first < i) bad.push(`duplicate "${k}" (see files[${first}])`);
    }
    return bad.map((p) => `${name}: ${p}`);
  });
  if (problems.length) throw new AssetError(problems.join('\n'));
  return /** @type {Manifest} */ (data);
}

/**
 * What is wrong with an entry's `patch` (tool, parameters, recorded result).
 * @param {any} patch @param {{ allowUnrecorded?: boolean }} opts @returns {string[]}
 */
function patchProblems(patch, opts) {
  if (typeof patch !== 'object' || !patch) return ['"patch" must be an object'];
  const tools = Object.keys(PATCHES);
  const bad = [];
  if (!tools.includes(patch.tool))
    bad.push(`"patch.tool" must be one of ${tools.join(', ')}`);
  if (typeof patch.metadata !== 'object' || !patch.metadata)
    bad.push('"patch.metadata" must be an object');
  const blank = (/** @type {string} */ k) =>
    opts.allowUnrecorded && (patch[k] ?? '') === '';
  if (!/^[0-9a-f]{64}$/.test(patch.sha256) && !blank('sha256'))
    bad.push('"patch.sha256" must be 64 lowercase hex digits');
  if (!(Number.isSafeInteger(patch.size) && patch.size >= 0) && !blank('size'))
    bad.push('"patch.size" must be a byte count');
  return bad;
}

/**
 * Reads and validates a manifest file.
 * @param {string} file @param {{ allowUnrecorded?: boolean }} [opts] @returns {Promise<Manifest>}
 */
export async function readManifest(file, opts) {
  const text = await fs.readFile(file, 'utf8').catch((err) => {
    throw new AssetError(`cannot read ${file}: ${err.message}`);
  });
  try {
    return validateManifest(JSON.parse(text), file, opts);
  } catch (err) {
    if (err instanceof AssetError) throw err;
    throw new AssetError(`${file} is not valid JSON: ${String(err)}`);
  }
}

/** Writes a manifest as 2-space JSON. @param {string} file @param {Manifest} manifest */
export async function writeManifest(file, manifest) {
  return writeIfChanged(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Absolute directory of an installed package, found by walking up node_modules from
 * `fromDir` (not require.resolve, which an `exports` map can block); null if missing.
 * @param {string} name @param {string} fromDir @returns {string | null}
 */
export function locatePackage(name, fromDir) {
  for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', ...name.split('/'));
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Hex sha256 of a file, streamed. @param {string} file @returns {Promise<string>} */
export function sha256File(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** @param {number} n @returns {string} e.g. "188 kB" */
export function formatBytes(n) {
  if (n < 1000) return `${n} B`;
  return n < 1e6 ? `${Math.round(n / 1000)} kB` : `${(n / 1e6).toFixed(2)} MB`;
}

/** @param {string} file @returns {Promise<{ sha256: string, size: number } | null>} */
async function fingerprint(file) {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) return null;
  return { sha256: await sha256File(file), size: stat.size };
}

/** @param {string} file @returns {Promise<string | null>} null if unreadable */
const readText = (file) => fs.readFile(file, 'utf8').catch(() => null);

/** @param {string} file @param {string} text @returns {Promise<boolean>} changed? */
async function writeIfChanged(file, text) {
  if ((await readText(file)) === text) return false;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
  return true;
}

/** @param {string} message @returns {never} */
function fail(message) {
  throw new AssetError(message);
}

/**
 * Checks one entry's installed source and returns its path. Record mode first copies the
 * observed version, licence, sha256 and size into `entry`.
 * @param {AssetEntry} entry @param {string} root @param {boolean} record
 */
async function checkSource(entry, root, record) {
  const where = `${entry.package}/${entry.path}`;
  const dir = locatePackage(entry.package, root);
  if (!dir) fail(`package ${entry.package} is not installed: ${INSTALL}`);
  const pkg = JSON.parse(String(await readText(`${dir}/package.json`)));
  const source = path.join(dir, entry.path);
  const found = await fingerprint(source);
  const licence = pkg.license ?? entry.licence;
  const observed = { version: pkg.version, licence, ...found };
  if (record) Object.assign(entry, observed);
  if (pkg.version !== entry.version) {
    fail(
      `${entry.package} version mismatch: manifest pins ${entry.version}, installed is ${pkg.version} (${INSTALL}, or --record after an intended upgrade)`,
    );
  }
  if (!found) fail(`${entry.package}@${pkg.version} has no file ${entry.path}`);
  const mismatch = (
    /** @type {'sha256' | 'size' | 'licence'} */ what,
    /** @type {unknown} */ got,
  ) => `${what} mismatch for ${where}: expected ${entry[what]}, got ${got}`;
  if (found.sha256 !== entry.sha256) fail(mismatch('sha256', found.sha256));
  if (found.size !== entry.size) fail(mismatch('size', found.size));
  if (pkg.license !== entry.licence) fail(mismatch('licence', pkg.license));
  return source;
}

/**
 * The file as served: the package file itself, or its patched form, whose sha256 and size
 * must match the ones recorded under `patch` (record mode records them).
 * @param {AssetEntry} entry @param {string} source @param {boolean} record
 * @returns {Promise<{ sha256: string, size: number, write: (to: string) => Promise<void> }>}
 */
async function servedForm(entry, source, record) {
  const { patch } = entry;
  if (!patch) {
    const write = (/** @type {string} */ to) => fs.copyFile(source, to);
    return { sha256: entry.sha256, size: entry.size, write };
  }
  let bytes;
  try {
    bytes = PATCHES[patch.tool](
      new Uint8Array(await fs.readFile(source)),
      patch,
    );
  } catch (err) {
    fail(`${patch.tool} could not patch ${entry.path}: ${String(err)}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const size = bytes.byteLength;
  if (record) Object.assign(patch, { sha256, size });
  const why = `the patch or its parameters changed (--record after an intended change)`;
  if (sha256 !== patch.sha256)
    fail(
      `patched ${entry.dest}: expected sha256 ${patch.sha256}, got ${sha256}: ${why}`,
    );
  if (size !== patch.size)
    fail(
      `patched ${entry.dest}: expected ${patch.size} bytes, got ${size}: ${why}`,
    );
  return { sha256, size, write: (to) => fs.writeFile(to, bytes) };
}

/**
 * Puts the served form of a verified source at `dest` unless an identical file is there
 * already; check mode only verifies the existing copy. Returns 'copied', 'skipped' or
 * 'verified'.
 * @param {AssetEntry} entry @param {{ sha256: string, write: (to: string) => Promise<void> }} served
 * @param {string} dest @param {boolean} check
 */
async function placeCopy(entry, served, dest, check) {
  const existing = await fingerprint(dest);
  if (existing?.sha256 === served.sha256) return check ? 'verified' : 'skipped';
  const copy = `copied file ${entry.dest}`;
  if (check && !existing) fail(`${copy} is missing: ${RERUN}`);
  const expected = `expected sha256 ${served.sha256}, got`;
  if (check) fail(`${copy} was modified: ${expected} ${existing?.sha256}`);
  const tmp = `${dest}.tmp-${process.pid}`;
  await fs.mkdir(path.dirname(dest), { recursive: true });
  await served.write(tmp);
  await fs.rename(tmp, dest);
  const copied = await sha256File(dest);
  if (copied !== served.sha256)
    fail(`${copy} is corrupt: ${expected} ${copied}`);
  return 'copied';
}

/**
 * Verifies every entry and copies it to `outDir/dest` (identical files are skipped), then
 * writes `outDir/asset-manifest.json`. `check` verifies sources and existing copies only;
 * `record` writes what it observes into the returned manifest, then copies as usual.
 * Collects every problem and throws one AssetError listing them all.
 * @param {Manifest} manifest @param {VerifyOptions} options @returns {Promise<VerifyResult>}
 */
export async function verifyAndCopy(manifest, options) {
  const { root, outDir, check = false, record = false } = options;
  const log = options.log ?? (() => {});
  const updated = /** @type {Manifest} */ (structuredClone(manifest));
  const problems = new Set();
  const counts = { copied: 0, skipped: 0, verified: 0, totalBytes: 0 };
  for (const entry of updated.files) {
    try {
      const source = await checkSource(entry, root, record);
      const served = await servedForm(entry, source, record);
      const dest = path.join(outDir, entry.dest);
      const action = await placeCopy(entry, served, dest, check);
      counts[action] += 1;
      counts.totalBytes += served.size;
      const size = formatBytes(served.size);
      const sha = `sha256 ${served.sha256.slice(0, 8)}…`;
      const note = action === 'skipped' ? 'skipped: identical copy' : action;
      const patched = entry.patch ? `, ${entry.patch.tool} added` : '';
      log(`ok  ${entry.dest}  (${size}, ${sha}${patched})  ${note}`);
    } catch (err) {
      if (!(err instanceof AssetError)) throw err;
      problems.add(err.message);
    }
  }
  // The app checks what it downloads against the served form: patched when there is a patch.
  const files = updated.files.map(({ id, kind, dest, sha256, size, patch }) => {
    const served = patch ?? { sha256, size };
    return { id, kind, url: dest, sha256: served.sha256, size: served.size };
  });
  const assetFile = path.join(outDir, ASSET_MANIFEST);
  const assetText = `${JSON.stringify({ files }, null, 2)}\n`;
  if (check && !problems.size && (await readText(assetFile)) !== assetText) {
    problems.add(`${ASSET_MANIFEST} is missing or stale: ${RERUN}`);
  }
  if (problems.size) {
    const list = [...problems].map((p) => `\n  - ${p}`).join('');
    throw new AssetError(`${problems.size} asset problem(s):${list}`);
  }
  if (!check) await writeIfChanged(assetFile, assetText);
  return { manifest: updated, assets: { files }, ...counts };
}
