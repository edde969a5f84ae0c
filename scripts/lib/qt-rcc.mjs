// Reads a Qt binary resource file (.rcc, as `rcc -binary` writes it: format versions 1 to 3),
// the container GCompris ships its images in. Only zlib-compressed or stored entries; a file
// compressed with zstd (flag 4) is refused. Used by scripts/eval-objects.mjs.

import { inflateSync } from 'node:zlib';

/**
 * Every file in `rcc`, by its path inside the resource (no leading slash).
 * @param {Buffer} rcc @returns {Map<string, Buffer>}
 */
export function readRcc(rcc) {
  if (rcc.toString('latin1', 0, 4) !== 'qres')
    throw new Error('not a Qt resource file (no "qres" magic)');
  const version = rcc.readUInt32BE(4);
  const tree = rcc.readUInt32BE(8);
  const data = rcc.readUInt32BE(12);
  const names = rcc.readUInt32BE(16);
  // A tree entry: name offset (4), flags (2), then a directory's child count and first child
  // (4 + 4) or a file's locale (2 + 2) and data offset (4); version 2 on adds a time (8).
  const entrySize = version >= 2 ? 22 : 14;
  /** @param {number} offset */
  const nameAt = (offset) => {
    const length = rcc.readUInt16BE(names + offset);
    const start = names + offset + 6; // after the length and a 4-byte hash
    return rcc
      .subarray(start, start + 2 * length)
      .swap16()
      .toString('utf16le');
  };
  /** @type {Map<string, Buffer>} */
  const files = new Map();
  /** @param {number} index @param {string} prefix */
  const walk = (index, prefix) => {
    const at = tree + index * entrySize;
    const flags = rcc.readUInt16BE(at + 4);
    const name = index === 0 ? '' : nameAt(rcc.readUInt32BE(at));
    const path = prefix ? `${prefix}/${name}` : name;
    if (flags & 2) {
      const count = rcc.readUInt32BE(at + 6);
      const first = rcc.readUInt32BE(at + 10);
      for (let child = first; child < first + count; child++) walk(child, path);
      return;
    }
    const offset = data + rcc.readUInt32BE(at + 10);
    const bytes = rcc.subarray(
      offset + 4,
      offset + 4 + rcc.readUInt32BE(offset),
    );
    if (flags & 4) throw new Error(`${path}: zstd-compressed, not supported`);
    // zlib entries start with the uncompressed size (4 bytes), as qCompress writes them.
    files.set(
      path,
      flags & 1 ? inflateSync(bytes.subarray(4)) : Buffer.from(bytes),
    );
  };
  walk(0, '');
  return files;
}
