// @vitest-environment node
// Unit tests for scripts/lib/asset-manifest.mjs against a fake node_modules in a temp dir,
// plus a guard that the committed models/manifest.json matches what npm installed.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Manifest,
  type VerifyOptions,
  locatePackage,
  readManifest,
  sha256File,
  validateManifest,
  verifyAndCopy,
} from '../../scripts/lib/asset-manifest.mjs';
import { addMetadata } from '../../scripts/lib/tflite-metadata.mjs';

type Data = string | Buffer;
const sha = (data: Data) => createHash('sha256').update(data).digest('hex');

const NET_JSON = JSON.stringify({ weightsManifest: [{ paths: ['net.bin'] }] });
const NET_BIN = Buffer.alloc(200_000, 7); // bigger than one 64 kB stream chunk
const WASM = Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]);
const PACKAGES: Record<string, { version: string; licence: string }> = {
  'fake-models': { version: '1.2.3', licence: 'MIT' },
  '@scope/fake-wasm': { version: '4.5.6', licence: 'Apache-2.0' },
};

let tmp: string; // the fake project: node_modules/ and public/
let outDir: string;
let manifest: Manifest;

function entry(id: string, pkg: string, file: string, data: Data, dest = file) {
  const { version, licence } = PACKAGES[pkg];
  const base = { id, kind: 'model' as const, package: pkg, version, licence };
  const size = Buffer.byteLength(data);
  return { ...base, path: file, dest, sha256: sha(data), size, input: 'test' };
}

async function put(file: string, data: Data) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, data);
}

/** verifyAndCopy on the fake project, keeping the log lines. */
const run = (options: Partial<VerifyOptions> = {}) => {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const opts = { root: tmp, outDir, log, ...options };
  return Object.assign(verifyAndCopy(manifest, opts), { lines });
};

const installed = (file: string) => path.join(tmp, 'node_modules', file);
const readJson = async (file: string) =>
  JSON.parse(await fs.readFile(file, 'utf8'));
const exists = (file: string) => fs.stat(file).then(Boolean, () => false);

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'asset-manifest-'));
  outDir = path.join(tmp, 'public');
  for (const [name, { version, licence }] of Object.entries(PACKAGES)) {
    const exports = { '.': './index.js' }; // hides package.json from require
    const pkg = { name, version, license: licence, exports };
    await put(installed(`${name}/package.json`), JSON.stringify(pkg));
  }
  await put(installed('fake-models/models/net.json'), NET_JSON);
  await put(installed('fake-models/models/net.bin'), NET_BIN);
  await put(installed('@scope/fake-wasm/dist/x.wasm'), WASM);
  manifest = {
    files: [
      entry('j', 'fake-models', 'models/net.json', NET_JSON),
      entry('b', 'fake-models', 'models/net.bin', NET_BIN),
      entry('w', '@scope/fake-wasm', 'dist/x.wasm', WASM, 'wasm/x.wasm'),
    ],
  };
});

afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('readManifest / validateManifest', () => {
  it('accepts a well-formed manifest file', async () => {
    const file = path.join(tmp, 'manifest.json');
    await fs.writeFile(file, JSON.stringify(manifest));
    await expect(readManifest(file)).resolves.toEqual(manifest);
  });

  it('rejects a dest that climbs out of public/ and names the entry', () => {
    manifest.files[1].dest = '../outside.bin';
    manifest.files[2].dest = '/etc/x.wasm';
    const check = () => validateManifest(manifest, 'm.json');
    expect(check).toThrow(
      /files\[1\] \(id "b"\): "dest" must be a relative path without "\.\."/,
    );
    expect(check).toThrow(/files\[2\] \(id "w"\): "dest"/);
  });

  it('lists every missing or mistyped field', () => {
    const bad = { ...manifest.files[0], size: '12', sha256: 'abc' };
    const noKind = { ...manifest.files[1], kind: undefined };
    expect(() => validateManifest({ files: [bad, noKind] }, 'm.json')).toThrow(
      /files\[0\].*"sha256" must be[\s\S]*"size" must be[\s\S]*files\[1\].*"kind"/,
    );
  });

  it('rejects duplicate ids and invalid JSON', async () => {
    const twice = { files: [manifest.files[0], manifest.files[0]] };
    expect(() => validateManifest(twice, 'm.json')).toThrow(/duplicate "id"/);
    const file = path.join(tmp, 'broken.json');
    await fs.writeFile(file, '{ "files": [');
    await expect(readManifest(file)).rejects.toThrow(/is not valid JSON/);
  });
});

describe('locatePackage and sha256File', () => {
  it('walks up node_modules, handles scopes and exports maps', async () => {
    const deep = path.join(tmp, 'a', 'b');
    await fs.mkdir(deep, { recursive: true });
    const expected = path.join(tmp, 'node_modules', '@scope', 'fake-wasm');
    expect(locatePackage('@scope/fake-wasm', deep)).toBe(expected);
    expect(locatePackage('not-installed-anywhere-xyz', deep)).toBeNull();
  });

  it('hashes a file larger than one stream chunk', async () => {
    const file = installed('fake-models/models/net.bin');
    await expect(sha256File(file)).resolves.toBe(sha(NET_BIN));
  });
});

describe('verifyAndCopy', () => {
  it('copies every file and writes asset-manifest.json', async () => {
    const result = await run();
    expect(result.copied).toBe(3);
    expect(result.totalBytes).toBe(NET_JSON.length + NET_BIN.length + 8);
    const copied = await fs.readFile(path.join(outDir, 'models/net.bin'));
    expect(copied.equals(NET_BIN)).toBe(true);
    const assets = await readJson(path.join(outDir, 'asset-manifest.json'));
    expect(Object.keys(assets)).toEqual(['files']); // deterministic: no timestamp
    const wasm = { id: 'w', kind: 'model', url: 'wasm/x.wasm', size: 8 };
    expect(assets.files[2]).toEqual({ ...wasm, sha256: sha(WASM) });
  });

  it('names the file and both hashes when a source was tampered with', async () => {
    await fs.appendFile(installed('fake-models/models/net.bin'), 'x');
    const got = sha(Buffer.concat([NET_BIN, Buffer.from('x')]));
    await expect(run()).rejects.toThrow(
      `sha256 mismatch for fake-models/models/net.bin: expected ${sha(NET_BIN)}, got ${got}`,
    );
  });

  it('explains a missing package, a wrong version and a missing file, all at once', async () => {
    manifest.files[0].package = 'not-installed-anywhere-xyz';
    manifest.files[1].path = 'models/gone.bin';
    manifest.files[2].version = '4.5.5';
    const error = await run().catch((err: Error) => err);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^3 asset problem\(s\):/);
    expect(message).toContain(
      'package not-installed-anywhere-xyz is not installed: run `npm install`',
    );
    expect(message).toContain('fake-models@1.2.3 has no file models/gone.bin');
    expect(message).toContain(
      '@scope/fake-wasm version mismatch: manifest pins 4.5.5, installed is 4.5.6',
    );
    expect(await exists(path.join(outDir, 'asset-manifest.json'))).toBe(false);
  });

  it('check mode detects a tampered copy and copies nothing', async () => {
    await expect(run({ check: true })).rejects.toThrow(
      'copied file models/net.json is missing',
    );
    expect(await exists(outDir)).toBe(false);
    await run();
    await fs.writeFile(path.join(outDir, 'wasm/x.wasm'), 'evil');
    await expect(run({ check: true })).rejects.toThrow(
      `copied file wasm/x.wasm was modified: expected sha256 ${sha(WASM)}, got ${sha('evil')}`,
    );
  });

  it('record mode fills in version, hash and size', async () => {
    const blank = { version: '', sha256: '', size: undefined };
    const files = manifest.files.map((f) => ({ ...f, ...blank }));
    expect(() => validateManifest({ files }, 'm.json')).toThrow(/"sha256"/);
    const expected = structuredClone(manifest);
    const opts = { allowUnrecorded: true };
    manifest = validateManifest({ files }, 'm.json', opts);
    const result = await run({ record: true });
    expect(result.manifest).toEqual(expected);
    expect(manifest.files[0].sha256).toBe(''); // the input is left alone
  });

  it('does not re-copy an identical file', async () => {
    await run();
    const dest = path.join(outDir, 'models/net.bin');
    const old = new Date('2020-01-01T00:00:00Z');
    await fs.utimes(dest, old, old);
    const again = run();
    const result = await again;
    expect(result).toMatchObject({ copied: 0, skipped: 3 });
    expect((await fs.stat(dest)).mtime.getTime()).toBe(old.getTime());
    expect(again.lines[1]).toMatch(
      /^ok {2}models\/net\.bin {2}\(200 kB.*skipped/,
    );
  });
});

describe('verifyAndCopy with a build-time patch', () => {
  const repo = fileURLToPath(new URL('../..', import.meta.url));
  const TFLITE = readFileSync(
    path.join(
      repo,
      'node_modules/@mediapipe/face_detection/face_detection_short_range.tflite',
    ),
  );
  const metadata = {
    name: 'short',
    description: 'test',
    version: '1',
    author: 'tests',
    license: 'Apache-2.0',
    inputs: [
      {
        name: 'image',
        description: 'RGB',
        colorSpace: 'RGB' as const,
        mean: [127.5],
        std: [127.5],
        min: -1,
        max: 1,
      },
    ],
    outputs: [
      { name: 'regressors', description: 'boxes' },
      { name: 'classificators', description: 'scores' },
    ],
  };
  const patchedBytes = addMetadata(new Uint8Array(TFLITE), metadata);

  beforeEach(async () => {
    await put(installed('fake-models/models/face.tflite'), TFLITE);
    const face = entry('t', 'fake-models', 'models/face.tflite', TFLITE);
    const patch = {
      tool: 'tflite-metadata' as const,
      metadata,
      sha256: sha(Buffer.from(patchedBytes)),
      size: patchedBytes.byteLength,
    };
    manifest.files.push({ ...face, patch });
  });

  it("serves the patched file and lists its hash, not the package file's", async () => {
    const running = run();
    await running;
    const served = await fs.readFile(path.join(outDir, 'models/face.tflite'));
    expect(sha(served)).toBe(sha(Buffer.from(patchedBytes)));
    const assets = await readJson(path.join(outDir, 'asset-manifest.json'));
    expect(assets.files[3]).toMatchObject({
      url: 'models/face.tflite',
      sha256: sha(Buffer.from(patchedBytes)),
      size: patchedBytes.byteLength,
    });
    expect(running.lines[3]).toMatch(/tflite-metadata added/);
    await expect(run({ check: true })).resolves.toMatchObject({ verified: 4 });
  });

  it('still checks the package file first, and names a changed patch', async () => {
    manifest.files[3].patch!.metadata = { ...metadata, description: 'edited' };
    await expect(run()).rejects.toThrow(
      /patched models\/face\.tflite: expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}: the patch or its parameters changed/,
    );
    await fs.appendFile(installed('fake-models/models/face.tflite'), 'x');
    await expect(run()).rejects.toThrow(
      /sha256 mismatch for fake-models\/models\/face\.tflite/,
    );
  });

  it('reports a patch the tool refuses, and records a new one', async () => {
    const wrong = { ...metadata, outputs: metadata.outputs.slice(1) };
    manifest.files[3].patch!.metadata = wrong;
    await expect(run()).rejects.toThrow(
      /tflite-metadata could not patch models\/face\.tflite: TfliteError: metadata describes 1 output/,
    );
    manifest.files[3].patch = {
      ...manifest.files[3].patch!,
      metadata,
      sha256: '',
    };
    expect(() => validateManifest(manifest, 'm.json')).toThrow(
      /"patch\.sha256"/,
    );
    const result = await run({ record: true });
    expect(result.manifest.files[3].patch?.sha256).toBe(
      sha(Buffer.from(patchedBytes)),
    );
  });
});

describe('the committed models/manifest.json', () => {
  const repo = fileURLToPath(new URL('../..', import.meta.url));

  it('matches the installed packages, versions and hashes', async () => {
    manifest = await readManifest(path.join(repo, 'models/manifest.json'));
    expect(manifest.files.length).toBeGreaterThan(0);
    // Real node_modules as the source; the fake project's public/ as the target.
    const result = await run({ root: repo });
    expect(result.copied).toBe(manifest.files.length);
  });

  it('lists every weight file next to the graph model that loads it', async () => {
    manifest = await readManifest(path.join(repo, 'models/manifest.json'));
    const dests = new Set(manifest.files.map((f) => f.dest));
    const graphs = manifest.files.filter((f) => f.dest.endsWith('.json'));
    expect(graphs.length).toBeGreaterThan(0);
    for (const graph of graphs) {
      const dir = locatePackage(graph.package, repo)!;
      const json = await readJson(path.join(dir, graph.path));
      // A graph model nests its weight groups; a bare weights manifest (face-api) is one.
      const groups = Array.isArray(json) ? json : json.weightsManifest;
      for (const { paths } of groups as { paths: string[] }[]) {
        const folder = path.posix.dirname(graph.dest);
        for (const p of paths) expect(dests).toContain(`${folder}/${p}`);
      }
    }
  });
});
