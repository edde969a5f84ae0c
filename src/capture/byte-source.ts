// Bounded reads from a file for the format sniffers: a slice at a time, never the whole file
// (a video may be several GB). Imports nothing.

/** What the sniffers need of a Blob or File (a test can pass a fake that counts reads). */
export interface ByteSource {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** Up to `length` bytes from `at`; fewer at the end of the file. */
export async function readBytes(
  src: ByteSource,
  at: number,
  length: number,
): Promise<Uint8Array> {
  if (at >= src.size || length <= 0) return new Uint8Array(0);
  const end = Math.min(src.size, at + length);
  return new Uint8Array(await src.slice(at, end).arrayBuffer());
}

/** `length` bytes at `at` as Latin-1 text (box types, FourCCs, magic strings). */
export const ascii = (b: Uint8Array, at: number, length = 4): string =>
  at + length > b.length
    ? ''
    : String.fromCharCode(...b.subarray(at, at + length));

export const u16be = (b: Uint8Array, at: number): number =>
  (b[at] << 8) | b[at + 1];

export const u32be = (b: Uint8Array, at: number): number =>
  b[at] * 0x1000000 + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);

export const u16le = (b: Uint8Array, at: number): number =>
  b[at] | (b[at + 1] << 8);

export const u24le = (b: Uint8Array, at: number): number =>
  b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);

/** Where `needle` (Latin-1) first occurs in `b` from `from`, or -1. */
export function indexOfAscii(b: Uint8Array, needle: string, from = 0): number {
  const first = needle.charCodeAt(0);
  outer: for (
    let i = b.indexOf(first, from);
    i !== -1;
    i = b.indexOf(first, i + 1)
  ) {
    if (i + needle.length > b.length) return -1;
    for (let j = 1; j < needle.length; j++) {
      if (b[i + j] !== needle.charCodeAt(j)) continue outer;
    }
    return i;
  }
  return -1;
}
