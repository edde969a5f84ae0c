// Reads and adds TFLite model metadata (the "TFLITE_METADATA" entry that MediaPipe Tasks
// needs to know how to feed an image to a model). Written for the MediaPipe face detectors
// on npm, which ship without it. Field numbers follow TensorFlow's lite/schema/schema.fbs and
// tflite-support's metadata/metadata_schema.fbs; the flatbuffers are read and written with
// the `flatbuffers` package. Build-time only: never bundled into the app.

import { Builder, ByteBuffer } from 'flatbuffers';

export const METADATA_NAME = 'TFLITE_METADATA';
const MODEL_ID = 'TFL3';
const METADATA_ID = 'M001';
/** Oldest metadata parser that understands what we write (ImageProperties, NormalizationOptions). */
const MIN_PARSER_VERSION = '1.0.0';

// Field numbers (vtable slots) of the tables we touch.
const MODEL = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
  signatureDefs: 7,
};
const MODEL_FIELDS = 8;
const OFFSET_FIELDS = [1, 2, 3, 5, 7]; // copied as they are: vectors and strings
const SUBGRAPH = { tensors: 0, inputs: 1, outputs: 2 };
const TENSOR = { shape: 0, type: 1, name: 3 };
const BUFFER = { data: 0, offset: 1 };
const METADATA = { name: 0, buffer: 1 };
const TENSOR_TYPES = ['FLOAT32', 'FLOAT16', 'INT32', 'UINT8', 'INT64'];
// metadata_schema.fbs
const COLOR_SPACES = { UNKNOWN: 0, RGB: 1, GRAYSCALE: 2 };
const CONTENT_FEATURE = 1; // ContentProperties.FeatureProperties
const CONTENT_IMAGE = 2; // ContentProperties.ImageProperties
const UNIT_NORMALIZATION = 1; // ProcessUnitOptions.NormalizationOptions

/** A model the tool cannot or will not patch; the message says why. */
export class TfliteError extends Error {
  name = 'TfliteError';
}

/** @param {string} message @returns {never} */
function fail(message) {
  throw new TfliteError(message);
}

/** Minimal table reader over a ByteBuffer: field positions, scalars, strings, vectors. */
class Table {
  /** @param {ByteBuffer} bb @param {number} pos */
  constructor(bb, pos) {
    this.bb = bb;
    this.pos = pos;
  }
  /** Absolute position of field `id`, or 0 when absent. @param {number} id */
  at(id) {
    const o = this.bb.__offset(this.pos, 4 + 2 * id);
    return o ? this.pos + o : 0;
  }
  /** Absolute position an offset field points to, or 0. @param {number} id */
  target(id) {
    const at = this.at(id);
    return at ? this.bb.__indirect(at) : 0;
  }
  /** @param {number} id @param {number} [fallback] */
  uint32(id, fallback = 0) {
    const at = this.at(id);
    return at ? this.bb.readUint32(at) : fallback;
  }
  /** @param {number} id */
  int8(id) {
    const at = this.at(id);
    return at ? this.bb.readInt8(at) : 0;
  }
  /** @param {number} id */
  uint64(id) {
    const at = this.at(id);
    return at ? this.bb.readUint64(at) : 0n;
  }
  /** @param {number} id @returns {string | null} */
  string(id) {
    const at = this.at(id);
    return at ? /** @type {string} */ (this.bb.__string(at)) : null;
  }
  /** Element positions of a vector field (4-byte elements). @param {number} id */
  vector(id) {
    const at = this.at(id);
    if (!at) return { start: 0, length: 0 };
    return { start: this.bb.__vector(at), length: this.bb.__vector_len(at) };
  }
  /** Sub-tables of a vector-of-tables field. @param {number} id @returns {Table[]} */
  tables(id) {
    const { start, length } = this.vector(id);
    return Array.from(
      { length },
      (_, i) => new Table(this.bb, this.bb.__indirect(start + 4 * i)),
    );
  }
  /** @param {number} id @returns {number[]} */
  ints(id) {
    const { start, length } = this.vector(id);
    return Array.from({ length }, (_, i) => this.bb.readInt32(start + 4 * i));
  }
  /** @param {number} id @returns {number[]} */
  floats(id) {
    const { start, length } = this.vector(id);
    return Array.from({ length }, (_, i) => this.bb.readFloat32(start + 4 * i));
  }
  /** @param {number} id @returns {Uint8Array} */
  bytes(id) {
    const { start, length } = this.vector(id);
    return this.bb.bytes().subarray(start, start + length);
  }
}

/**
 * @param {Uint8Array} bytes @param {string} id @param {string} what
 * @returns {Table} the root table
 */
function root(bytes, id, what) {
  if (bytes.byteLength < 8) fail(`${what} is too short to be a flatbuffer`);
  const bb = new ByteBuffer(bytes);
  if (!bb.__has_identifier(id))
    fail(`${what} is not a ${id} flatbuffer (identifier missing)`);
  const pos = bb.readUint32(0);
  if (pos < 8 || pos + 4 > bytes.byteLength)
    fail(`${what} has a bad root offset`);
  return new Table(bb, pos);
}

/**
 * @typedef {{ name: string, type: string, shape: number[] }} TensorInfo
 * @typedef {{ name: string, buffer: number }} MetadataEntry
 * @typedef {{
 *   version: number, description: string | null, buffers: number,
 *   inputs: TensorInfo[], outputs: TensorInfo[], metadata: MetadataEntry[],
 * }} ModelInfo
 */

/** @param {Table} subgraph @param {number[]} indices @returns {TensorInfo[]} */
function tensorsAt(subgraph, indices) {
  const tensors = subgraph.tables(SUBGRAPH.tensors);
  return indices.map((i) => {
    const t = tensors[i] ?? fail(`tensor index ${i} is out of range`);
    const type = t.int8(TENSOR.type);
    return {
      name: t.string(TENSOR.name) ?? '',
      type: TENSOR_TYPES[type] ?? `type ${type}`,
      shape: t.ints(TENSOR.shape),
    };
  });
}

/**
 * What a .tflite file holds: its inputs, outputs and metadata entries.
 * @param {Uint8Array} bytes @returns {ModelInfo}
 */
export function describeModel(bytes) {
  const model = root(bytes, MODEL_ID, 'the model');
  const subgraph =
    model.tables(MODEL.subgraphs)[0] ?? fail('the model has no subgraph');
  return {
    version: model.uint32(MODEL.version),
    description: model.string(MODEL.description),
    buffers: model.vector(MODEL.buffers).length,
    inputs: tensorsAt(subgraph, subgraph.ints(SUBGRAPH.inputs)),
    outputs: tensorsAt(subgraph, subgraph.ints(SUBGRAPH.outputs)),
    metadata: model.tables(MODEL.metadata).map((m) => ({
      name: m.string(METADATA.name) ?? '',
      buffer: m.uint32(METADATA.buffer),
    })),
  };
}

/**
 * @typedef {{
 *   name: string, description: string, version: string, author: string, license: string,
 *   inputs: { name: string, description: string, colorSpace: keyof typeof COLOR_SPACES,
 *             mean: number[], std: number[], min: number, max: number }[],
 *   outputs: { name: string, description: string }[],
 * }} ModelMetadata
 */

/**
 * The TFLITE_METADATA of a .tflite file, decoded, or null when it has none.
 * @param {Uint8Array} bytes @returns {ModelMetadata & { minParserVersion: string } | null}
 */
export function readMetadata(bytes) {
  const model = root(bytes, MODEL_ID, 'the model');
  const entry = model
    .tables(MODEL.metadata)
    .find((m) => m.string(METADATA.name) === METADATA_NAME);
  if (!entry) return null;
  const buffer =
    model.tables(MODEL.buffers)[entry.uint32(METADATA.buffer)] ??
    fail(`${METADATA_NAME} points to a missing buffer`);
  const meta = root(
    buffer.bytes(BUFFER.data).slice(),
    METADATA_ID,
    METADATA_NAME,
  );
  const subgraph =
    meta.tables(3)[0] ?? fail(`${METADATA_NAME} has no subgraph`);
  const colorNames = Object.keys(COLOR_SPACES);
  return {
    name: meta.string(0) ?? '',
    description: meta.string(1) ?? '',
    version: meta.string(2) ?? '',
    author: meta.string(4) ?? '',
    license: meta.string(5) ?? '',
    minParserVersion: meta.string(7) ?? '',
    inputs: subgraph.tables(2).map((t) => {
      const content = new Table(t.bb, t.target(3));
      const image =
        content.pos && content.int8(0) === CONTENT_IMAGE
          ? new Table(t.bb, content.target(1))
          : null;
      const norm = t.tables(4).find((u) => u.int8(0) === UNIT_NORMALIZATION);
      const options = norm ? new Table(t.bb, norm.target(1)) : null;
      const stats = t.at(5) ? new Table(t.bb, t.target(5)) : null;
      return {
        name: t.string(0) ?? '',
        description: t.string(1) ?? '',
        colorSpace: /** @type {keyof typeof COLOR_SPACES} */ (
          colorNames[image ? image.int8(0) : 0] ?? 'UNKNOWN'
        ),
        mean: options?.floats(0) ?? [],
        std: options?.floats(1) ?? [],
        max: stats?.floats(0)[0] ?? NaN,
        min: stats?.floats(1)[0] ?? NaN,
      };
    }),
    outputs: subgraph.tables(3).map((t) => ({
      name: t.string(0) ?? '',
      description: t.string(1) ?? '',
    })),
  };
}

/**
 * Serialises a ModelMetadata flatbuffer (identifier M001).
 * @param {ModelMetadata} meta @param {TensorInfo[]} inputs @returns {Uint8Array}
 */
export function buildMetadata(meta, inputs) {
  const b = new Builder(1024);
  const floats = (/** @type {number[]} */ values) => {
    b.startVector(4, values.length, 4);
    for (const v of [...values].reverse()) b.addFloat32(v);
    return b.endVector();
  };
  const offsets = (/** @type {number[]} */ items) => {
    b.startVector(4, items.length, 4);
    for (const o of [...items].reverse()) b.addOffset(o);
    return b.endVector();
  };
  const inputTensors = meta.inputs.map((input, i) => {
    const [, height = 0, width = 0] = inputs[i]?.shape ?? [];
    b.startObject(2); // ImageSize
    b.addFieldInt32(0, width, 0);
    b.addFieldInt32(1, height, 0);
    const size = b.endObject();
    b.startObject(2); // ImageProperties
    b.addFieldInt8(0, COLOR_SPACES[input.colorSpace], 0);
    b.addFieldOffset(1, size, 0);
    const image = b.endObject();
    b.startObject(3); // Content
    b.addFieldInt8(0, CONTENT_IMAGE, 0);
    b.addFieldOffset(1, image, 0);
    const content = b.endObject();
    const mean = floats(input.mean);
    const std = floats(input.std);
    b.startObject(2); // NormalizationOptions
    b.addFieldOffset(0, mean, 0);
    b.addFieldOffset(1, std, 0);
    const normalization = b.endObject();
    b.startObject(2); // ProcessUnit
    b.addFieldInt8(0, UNIT_NORMALIZATION, 0);
    b.addFieldOffset(1, normalization, 0);
    const unit = b.endObject();
    const units = offsets([unit]);
    const max = floats([input.max]);
    const min = floats([input.min]);
    b.startObject(2); // Stats
    b.addFieldOffset(0, max, 0);
    b.addFieldOffset(1, min, 0);
    const stats = b.endObject();
    return tensorMetadata(b, input, { content, units, stats });
  });
  const outputTensors = meta.outputs.map((output) => {
    b.startObject(0); // FeatureProperties
    const feature = b.endObject();
    b.startObject(3); // Content
    b.addFieldInt8(0, CONTENT_FEATURE, 0);
    b.addFieldOffset(1, feature, 0);
    const content = b.endObject();
    return tensorMetadata(b, output, { content });
  });
  const inputVector = offsets(inputTensors);
  const outputVector = offsets(outputTensors);
  const subgraphName = b.createString(meta.name);
  b.startObject(4); // SubGraphMetadata
  b.addFieldOffset(0, subgraphName, 0);
  b.addFieldOffset(2, inputVector, 0);
  b.addFieldOffset(3, outputVector, 0);
  const subgraph = b.endObject();
  const subgraphs = offsets([subgraph]);
  const strings = [
    meta.name,
    meta.description,
    meta.version,
    meta.author,
    meta.license,
    MIN_PARSER_VERSION,
  ].map((s) => b.createString(s));
  b.startObject(8); // ModelMetadata
  b.addFieldOffset(0, strings[0], 0);
  b.addFieldOffset(1, strings[1], 0);
  b.addFieldOffset(2, strings[2], 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(4, strings[3], 0);
  b.addFieldOffset(5, strings[4], 0);
  b.addFieldOffset(7, strings[5], 0);
  b.finish(b.endObject(), METADATA_ID);
  return b.asUint8Array().slice();
}

/**
 * @param {Builder} b @param {{ name: string, description: string }} tensor
 * @param {{ content: number, units?: number, stats?: number }} parts
 */
function tensorMetadata(b, tensor, parts) {
  const name = b.createString(tensor.name);
  const description = b.createString(tensor.description);
  b.startObject(7); // TensorMetadata
  b.addFieldOffset(0, name, 0);
  b.addFieldOffset(1, description, 0);
  b.addFieldOffset(3, parts.content, 0);
  if (parts.units) b.addFieldOffset(4, parts.units, 0);
  if (parts.stats) b.addFieldOffset(5, parts.stats, 0);
  return b.endObject();
}

/**
 * A copy of the model with `meta` added as its TFLITE_METADATA entry. The original model is
 * kept byte for byte at the end of the new buffer (16-byte aligned, so its own offsets and
 * alignment still hold) and a new root Model table in front of it points into it: operators,
 * subgraphs and weights are not rewritten, only the buffers and metadata lists grow by one.
 * Deterministic: the same input gives the same bytes.
 * @param {Uint8Array} model @param {ModelMetadata} meta @returns {Uint8Array}
 */
export function addMetadata(model, meta) {
  const info = describeModel(model);
  checkPatchable(model, info, meta);
  const metadataBytes = buildMetadata(meta, info.inputs);
  const old = root(model, MODEL_ID, 'the model');
  const b = new Builder(model.byteLength + metadataBytes.byteLength + 4096);
  // The original, as the last bytes of the new buffer. A flatbuffer is built back to front,
  // so anything added later can point into it; 16 is the largest alignment TFLite asks for.
  b.startVector(1, model.byteLength, 16);
  for (let i = model.byteLength - 1; i >= 0; i--) b.addInt8(model[i]);
  const start = b.endVector() - 4; // builder offset of the original's first byte
  const ref = (/** @type {number} */ pos) => start - pos; // old position -> builder offset
  // The metadata flatbuffer, in a new Buffer.
  b.startVector(1, metadataBytes.byteLength, 16);
  for (let i = metadataBytes.byteLength - 1; i >= 0; i--)
    b.addInt8(metadataBytes[i]);
  const data = b.endVector();
  b.startObject(3);
  b.addFieldOffset(BUFFER.data, data, 0);
  const newBuffer = b.endObject();
  const oldBuffers = old.vector(MODEL.buffers);
  const bufferRefs = Array.from({ length: oldBuffers.length }, (_, i) =>
    ref(old.bb.__indirect(oldBuffers.start + 4 * i)),
  );
  const buffers = offsetVector(b, [...bufferRefs, newBuffer]);
  const name = b.createString(METADATA_NAME);
  b.startObject(2);
  b.addFieldOffset(METADATA.name, name, 0);
  b.addFieldInt32(METADATA.buffer, oldBuffers.length, 0);
  const entry = b.endObject();
  const oldMeta = old.vector(MODEL.metadata);
  const metaRefs = Array.from({ length: oldMeta.length }, (_, i) =>
    ref(old.bb.__indirect(oldMeta.start + 4 * i)),
  );
  const metadata = offsetVector(b, [...metaRefs, entry]);
  b.startObject(MODEL_FIELDS);
  b.addFieldInt32(MODEL.version, old.uint32(MODEL.version), -1);
  for (const id of OFFSET_FIELDS) {
    const target = old.target(id);
    if (target) b.addFieldOffset(id, ref(target), 0);
  }
  b.addFieldOffset(MODEL.buffers, buffers, 0);
  b.addFieldOffset(MODEL.metadata, metadata, 0);
  b.finish(b.endObject(), MODEL_ID);
  return b.asUint8Array().slice();
}

/** @param {Builder} b @param {number[]} items */
function offsetVector(b, items) {
  b.startVector(4, items.length, 4);
  for (const o of [...items].reverse()) b.addOffset(o);
  return b.endVector();
}

/**
 * Refuses models this tool would break, and metadata that does not fit the model.
 * @param {Uint8Array} model @param {ModelInfo} info @param {ModelMetadata} meta
 */
function checkPatchable(model, info, meta) {
  if (info.metadata.some((m) => m.name === METADATA_NAME))
    fail(`the model already has ${METADATA_NAME}`);
  const old = root(model, MODEL_ID, 'the model');
  // Buffers stored outside the flatbuffer (models over 2 GB) are addressed from the start of
  // the file, which moves when the new root goes in front.
  if (old.tables(MODEL.buffers).some((buf) => buf.uint64(BUFFER.offset) > 1n))
    fail('the model keeps weights outside its flatbuffer; not supported');
  if (meta.inputs.length !== info.inputs.length)
    fail(
      `metadata describes ${meta.inputs.length} input(s), the model has ${info.inputs.length}`,
    );
  if (meta.outputs.length !== info.outputs.length)
    fail(
      `metadata describes ${meta.outputs.length} output(s), the model has ${info.outputs.length}`,
    );
  info.inputs.forEach((tensor, i) => {
    const spec = meta.inputs[i];
    const [batch, , , channels] = tensor.shape;
    if (tensor.shape.length !== 4 || batch !== 1)
      fail(`input ${tensor.name} is not a single image [1,H,W,C]`);
    const wanted = spec.colorSpace === 'GRAYSCALE' ? 1 : 3;
    if (channels !== wanted)
      fail(
        `input ${tensor.name} has ${channels} channels, ${spec.colorSpace} needs ${wanted}`,
      );
    if (!(spec.colorSpace in COLOR_SPACES) || spec.colorSpace === 'UNKNOWN')
      fail(`input ${tensor.name}: colour space must be RGB or GRAYSCALE`);
    if (tensor.type !== 'FLOAT32' && tensor.type !== 'UINT8')
      fail(`input ${tensor.name} is ${tensor.type}, expected FLOAT32 or UINT8`);
    const ok = (/** @type {number[]} */ v) =>
      v.length === 1 || v.length === channels;
    if (!ok(spec.mean) || !ok(spec.std))
      fail(`input ${tensor.name}: mean and std need 1 or ${channels} values`);
    if (spec.std.some((s) => !(s > 0)))
      fail(`input ${tensor.name}: std must be positive`);
  });
}
