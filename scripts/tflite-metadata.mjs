#!/usr/bin/env node
// Shows what a .tflite model holds: inputs, outputs and its TFLITE_METADATA, if any. For
// reviewers checking the metadata the copy step adds (models/manifest.json "patch").
// Usage: node scripts/tflite-metadata.mjs FILE.tflite [...]

import fs from 'node:fs/promises';
import {
  describeModel,
  readMetadata,
  TfliteError,
} from './lib/tflite-metadata.mjs';

const files = process.argv.slice(2);
if (!files.length || files.includes('--help')) {
  console.log('usage: node scripts/tflite-metadata.mjs FILE.tflite [...]');
  process.exit(files.length ? 0 : 2);
}
for (const file of files) {
  try {
    const bytes = new Uint8Array(await fs.readFile(file));
    const model = describeModel(bytes);
    const metadata = readMetadata(bytes);
    console.log(
      JSON.stringify(
        { file, ...model, [`TFLITE_METADATA`]: metadata },
        null,
        2,
      ),
    );
  } catch (err) {
    if (
      !(err instanceof TfliteError) &&
      !(err instanceof Error && 'code' in err)
    )
      throw err;
    console.error(`${file}: ${err.message}`);
    process.exitCode = 1;
  }
}
