// Describing stored values without trusting them: type names, approximate sizes and a
// capped, cycle-safe text rendering for display. Pure; imports nothing outside src/shared.

/** "Object", "Uint8Array", "Blob", "string"…: the type, never the value. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v !== 'object' && typeof v !== 'function') return typeof v;
  return Object.prototype.toString.call(v).slice(8, -1);
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a surrogate pair is one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

/** Byte length of binary data (ArrayBuffer, views), or the size of a Blob/File; else null. */
export function binaryBytes(v: unknown): number | null {
  if (typeof v !== 'object' || v === null) return null;
  if (ArrayBuffer.isView(v)) return v.byteLength;
  const tag = typeName(v);
  if (tag === 'ArrayBuffer' || tag === 'SharedArrayBuffer') {
    return (v as ArrayBuffer).byteLength;
  }
  if (tag === 'Blob' || tag === 'File') return (v as { size: number }).size;
  if (tag === 'ImageData')
    return (v as { data: { length: number } }).data.length;
  return null;
}

export const fmtBytes = (n: number): string =>
  n < 1024
    ? `${n} B`
    : n < 1024 ** 2
      ? `${(n / 1024).toFixed(1)} kB`
      : n < 1024 ** 3
        ? `${(n / 1024 ** 2).toFixed(1)} MB`
        : `${(n / 1024 ** 3).toFixed(1)} GB`;

const MAX_WALK = 1_000_000;

/**
 * Approximate stored size: UTF-8 JSON length for plain data, byte length for binary.
 * Cycle-safe (a repeated object counts once) and bounded (stops after 1e6 values).
 */
export function approxBytes(root: unknown): number {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  let bytes = 0;
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_WALK) {
    const v = stack.pop();
    if (typeof v === 'string') bytes += utf8Length(v) + 2;
    else if (typeof v === 'number' || typeof v === 'bigint') {
      bytes += String(v).length;
    } else if (typeof v === 'boolean') bytes += v ? 4 : 5;
    else if (v === null || v === undefined) bytes += 4;
    else if (typeof v === 'object') {
      if (seen.has(v)) continue;
      seen.add(v);
      const bin = binaryBytes(v);
      if (bin !== null) bytes += bin;
      else if (v instanceof Map) {
        bytes += 2;
        v.forEach((val: unknown, key: unknown) => stack.push(key, val));
      } else if (v instanceof Set) {
        bytes += 2;
        v.forEach((val: unknown) => stack.push(val));
      } else if (Array.isArray(v)) {
        bytes += 2 + Math.max(0, v.length - 1);
        for (const item of v) stack.push(item);
      } else if (v instanceof Date) bytes += 26;
      else {
        const keys = Object.keys(v);
        bytes += 2 + Math.max(0, keys.length - 1);
        for (const k of keys) {
          bytes += utf8Length(k) + 3;
          stack.push((v as Record<string, unknown>)[k]);
        }
      }
    }
  }
  return bytes;
}

/**
 * Text for a <pre>: JSON-like, binary and Blobs shown as "[Uint8Array, 512 B]", cycles as
 * "[cycle]", nesting past 24 levels as "[…]", cut at `maxChars`. Render it as text only.
 */
export function formatForDisplay(value: unknown, maxChars = 20_000): string {
  const out: string[] = [];
  let length = 0;
  const ancestors = new Set<object>();
  const emit = (s: string): boolean => {
    out.push(s);
    length += s.length;
    return length <= maxChars;
  };
  const walk = (v: unknown, indent: string): boolean => {
    if (typeof v === 'string') return emit(JSON.stringify(v));
    if (typeof v === 'bigint') return emit(`${v}n`);
    if (v === undefined) return emit('undefined');
    if (typeof v !== 'object' || v === null) return emit(String(v));
    const bin = binaryBytes(v);
    if (bin !== null) return emit(`[${typeName(v)}, ${fmtBytes(bin)}]`);
    if (v instanceof Date) return emit(`Date(${v.toISOString()})`);
    if (ancestors.has(v)) return emit('[cycle]');
    if (indent.length > 48) return emit('[…]');
    const tag = typeName(v);
    let entries: [string | null, unknown][];
    if (Array.isArray(v)) entries = v.map((x) => [null, x]);
    else if (v instanceof Map) entries = [...v].map(([k, x]) => [null, [k, x]]);
    else if (v instanceof Set) entries = [...v].map((x) => [null, x]);
    else if (tag === 'Object') {
      entries = Object.keys(v).map((k) => [
        k,
        (v as Record<string, unknown>)[k],
      ]);
    } else return emit(`[${tag}]`);
    const [open, close] = entries.some(([k]) => k !== null)
      ? ['{', '}']
      : ['[', ']'];
    const prefix = tag === 'Map' || tag === 'Set' ? `${tag} ` : '';
    if (entries.length === 0) return emit(`${prefix}${open}${close}`);
    ancestors.add(v);
    const inner = `${indent}  `;
    let ok = emit(`${prefix}${open}\n`);
    for (let i = 0; ok && i < entries.length; i++) {
      const [k, x] = entries[i];
      ok = emit(k === null ? inner : `${inner}${JSON.stringify(k)}: `);
      ok = ok && walk(x, inner);
      ok = ok && emit(i < entries.length - 1 ? ',\n' : '\n');
    }
    ancestors.delete(v);
    return ok && emit(`${indent}${close}`);
  };
  const complete = walk(value, '');
  const text = out.join('');
  return complete
    ? text
    : `${text.slice(0, maxChars)}\n… (cut at ${maxChars} characters)`;
}
