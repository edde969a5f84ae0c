// @vitest-environment node
// Unit tests for scripts/lib/tflite-metadata.mjs on the real MediaPipe face detectors from
// @mediapipe/face_detection, and a guard that the committed manifest records what the tool
// makes of them. That MediaPipe Tasks then loads the result is proven in the browser
// (tests/e2e/engines.spec.ts).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  addMetadata,
  buildMetadata,
  describeModel,
  readMetadata,
  METADATA_NAME,
} from '../../scripts/lib/tflite-metadata.mjs';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const load = (name: string) =>
  new Uint8Array(
    readFileSync(
      path.join(root, 'node_modules/@mediapipe/face_detection', name),
    ),
  );
const FULL = load('face_detection_full_range.tflite');
const SHORT = load('face_detection_short_range.tflite');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const meta = (outputs: string[]) => ({
  name: 'face detector',
  description: 'test',
  version: '1',
  author: 'tests',
  license: 'Apache-2.0',
  inputs: [
    {
      name: 'image',
      description: 'RGB in [-1, 1]',
      colorSpace: 'RGB' as const,
      mean: [127.5],
      std: [127.5],
      min: -1,
      max: 1,
    },
  ],
  outputs: outputs.map((name) => ({ name, description: `${name} out` })),
});
const FULL_META = meta([
  'reshaped_regressor_face_4',
  'reshaped_classifier_face_4',
]);

describe('describeModel', () => {
  it('reads the inputs, outputs and (absent) metadata of the npm models', () => {
    const full = describeModel(FULL);
    expect(full.inputs).toEqual([
      { name: 'input', type: 'FLOAT32', shape: [1, 192, 192, 3] },
    ]);
    expect(full.outputs.map((o) => o.shape)).toEqual([
      [1, 2304, 16],
      [1, 2304, 1],
    ]);
    expect(full.metadata).toEqual([]);
    expect(describeModel(SHORT).inputs[0].shape).toEqual([1, 128, 128, 3]);
  });

  it('refuses bytes that are not a TFLite flatbuffer', () => {
    expect(() => describeModel(new Uint8Array(4))).toThrow(/too short/);
    const png = new Uint8Array(64);
    png.set([137, 80, 78, 71]);
    expect(() => describeModel(png)).toThrow(/not a TFL3 flatbuffer/);
  });
});

describe('addMetadata', () => {
  const patched = addMetadata(FULL, FULL_META);

  it('adds a TFLITE_METADATA entry that reads back as written', () => {
    expect(readMetadata(FULL)).toBeNull();
    const read = readMetadata(patched);
    expect(read).toMatchObject({
      name: 'face detector',
      license: 'Apache-2.0',
      minParserVersion: '1.0.0',
      inputs: [
        { name: 'image', colorSpace: 'RGB', mean: [127.5], std: [127.5] },
      ],
      outputs: FULL_META.outputs,
    });
    expect(read?.inputs[0]).toMatchObject({ min: -1, max: 1 });
  });

  it('keeps the network: same tensors, original bytes intact, one more buffer', () => {
    const before = describeModel(FULL);
    const after = describeModel(patched);
    expect(after.inputs).toEqual(before.inputs);
    expect(after.outputs).toEqual(before.outputs);
    expect(after.version).toBe(before.version);
    expect(after.description).toBe(before.description);
    expect(after.buffers).toBe(before.buffers + 1);
    expect(after.metadata).toEqual([
      { name: METADATA_NAME, buffer: before.buffers },
    ]);
    // The original sits unchanged at the end, 16-byte aligned (TFLite's largest alignment).
    const offset = patched.byteLength - FULL.byteLength;
    expect(offset % 16).toBe(0);
    expect(sha(patched.subarray(offset))).toBe(sha(FULL));
    expect(patched.byteLength - FULL.byteLength).toBeLessThan(4096);
  });

  it('is deterministic, so its hash can be recorded', () => {
    expect(sha(addMetadata(FULL, FULL_META))).toBe(sha(patched));
    const other = { ...FULL_META, description: 'changed' };
    expect(sha(addMetadata(FULL, other))).not.toBe(sha(patched));
  });

  it('keeps existing metadata entries and refuses a second TFLITE_METADATA', () => {
    expect(() => addMetadata(patched, FULL_META)).toThrow(/already has/);
  });

  it('refuses metadata that does not fit the model', () => {
    const twoInputs = {
      ...FULL_META,
      inputs: [...FULL_META.inputs, ...FULL_META.inputs],
    };
    expect(() => addMetadata(FULL, twoInputs)).toThrow(
      /2 input\(s\), the model has 1/,
    );
    const oneOutput = { ...FULL_META, outputs: FULL_META.outputs.slice(1) };
    expect(() => addMetadata(FULL, oneOutput)).toThrow(/1 output\(s\)/);
    const grey = {
      ...FULL_META,
      inputs: [{ ...FULL_META.inputs[0], colorSpace: 'GRAYSCALE' as const }],
    };
    expect(() => addMetadata(FULL, grey)).toThrow(
      /3 channels, GRAYSCALE needs 1/,
    );
    const zeroStd = {
      ...FULL_META,
      inputs: [{ ...FULL_META.inputs[0], std: [0] }],
    };
    expect(() => addMetadata(FULL, zeroStd)).toThrow(/std must be positive/);
    const twoMeans = {
      ...FULL_META,
      inputs: [{ ...FULL_META.inputs[0], mean: [1, 2] }],
    };
    expect(() => addMetadata(FULL, twoMeans)).toThrow(/1 or 3 values/);
  });

  it('writes a standalone metadata flatbuffer with the M001 identifier', () => {
    const bytes = buildMetadata(FULL_META, describeModel(FULL).inputs);
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe('M001');
  });
});

describe('models/manifest.json', () => {
  it('records the hashes the tool produces from the installed models', () => {
    const manifest = JSON.parse(
      readFileSync(path.join(root, 'models/manifest.json'), 'utf8'),
    ) as {
      files: {
        path: string;
        sha256: string;
        patch?: { metadata: typeof FULL_META; sha256: string; size: number };
      }[];
    };
    const patchedEntries = manifest.files.filter((f) => f.patch);
    expect(patchedEntries.map((f) => f.path).sort()).toEqual([
      'face_detection_full_range.tflite',
      'face_detection_short_range.tflite',
    ]);
    for (const entry of patchedEntries) {
      const source = load(entry.path);
      expect(sha(source)).toBe(entry.sha256);
      const out = addMetadata(source, entry.patch!.metadata);
      expect(sha(out)).toBe(entry.patch!.sha256);
      expect(out.byteLength).toBe(entry.patch!.size);
    }
  });
});
