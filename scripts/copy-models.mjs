#!/usr/bin/env node
// Copies the model weights, wasm binaries and sample photos listed in models/manifest.json
// from node_modules into public/, verifying version, sha256 and size on the way.
// Usage: node scripts/copy-models.mjs [--check] [--record]

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AssetError,
  formatBytes,
  readManifest,
  verifyAndCopy,
  writeManifest,
} from './lib/asset-manifest.mjs';

const USAGE = `usage: node scripts/copy-models.mjs [--check | --record]
  (none)    verify every file against models/manifest.json and copy it to public/
  --check   verify sources and the files already in public/; copy nothing
  --record  maintainer mode: write the installed versions, hashes and sizes into
            models/manifest.json (review the diff), then copy`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const check = args.includes('--check');
const record = args.includes('--record');
const unknown = args.filter((a) => a !== '--check' && a !== '--record');
if (unknown.length || (check && record)) {
  const why = unknown.length
    ? `unknown option ${unknown[0]}`
    : '--check and --record do not combine';
  console.error(`copy-models: ${why}\n${USAGE}`);
  process.exit(2);
}

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const manifestFile = path.join(root, 'models', 'manifest.json');
const outDir = path.join(root, 'public');

try {
  const manifest = await readManifest(manifestFile, {
    allowUnrecorded: record,
  });
  const result = await verifyAndCopy(manifest, {
    root,
    outDir,
    check,
    record,
    log: (line) => console.log(line),
  });
  if (record) {
    const changed = await writeManifest(manifestFile, result.manifest);
    console.log(
      changed
        ? 'updated models/manifest.json: review it with git diff before committing'
        : 'models/manifest.json already matches what is installed',
    );
  }
  const total = `${formatBytes(result.totalBytes)} (${result.totalBytes} bytes)`;
  const files = result.manifest.files.length;
  console.log(
    check
      ? `${files} files verified in public/, ${total}`
      : `${files} files ready in public/, ${total}: ${result.copied} copied, ${result.skipped} already up to date`,
  );
} catch (err) {
  if (!(err instanceof AssetError)) throw err;
  console.error(`copy-models: ${err.message}`);
  process.exit(1);
}
