// Reads an image's format and pixel size from its header (PNG, JPEG, GIF, WebP, BMP, AVIF/HEIF)
// without decoding it, so a 20000 × 20000 image is recognised before it can exhaust memory.
// Reads bounded slices only.

import {
  ascii,
  indexOfAscii,
  readBytes,
  u16be,
  u16le,
  u24le,
  u32be,
  type ByteSource,
} from './byte-source';
import { SNIFF_BYTES } from './constants';

export type ImageFormat =
  'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'avif' | 'heif';

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

/** JPEG start-of-frame markers (baseline, progressive, lossless, arithmetic); not DHT/JPG/DAC. */
const isSof = (m: number): boolean =>
  m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** Segments walked before giving up (the caller then refuses a JPEG it cannot size). */
const MAX_JPEG_SEGMENTS = 4096;

/** Walks JPEG segments by their lengths (EXIF, ICC and XMP may precede the frame header). */
async function jpegSize(src: ByteSource): Promise<ImageHeader | null> {
  let at = 2;
  for (let i = 0; i < MAX_JPEG_SEGMENTS; i++) {
    const seg = await readBytes(src, at, 16);
    if (seg.length < 4 || seg[0] !== 0xff) return null;
    const marker = seg[1];
    if (marker === 0xff) {
      // A run of fill bytes: skip all of it that this read holds, not one byte per turn.
      let run = 1;
      while (run < seg.length - 1 && seg[run + 1] === 0xff) run++;
      at += run;
      continue;
    }
    if (
      marker === 0xd8 ||
      marker === 0x01 ||
      (marker >= 0xd0 && marker <= 0xd7)
    ) {
      at += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan data before any frame header
    if (isSof(marker)) {
      if (seg.length < 9) return null;
      return { format: 'jpeg', height: u16be(seg, 5), width: u16be(seg, 7) };
    }
    at += 2 + u16be(seg, 2);
  }
  return null;
}

/** The largest 'ispe' (image spatial extent) in an AVIF/HEIF header: the primary image, not a thumbnail. */
function ispeSize(head: Uint8Array, format: ImageFormat): ImageHeader | null {
  let best: ImageHeader | null = null;
  for (
    let i = indexOfAscii(head, 'ispe');
    i !== -1;
    i = indexOfAscii(head, 'ispe', i + 4)
  ) {
    // 'ispe', version+flags (4), width (4), height (4)
    if (i + 16 > head.length) break;
    const width = u32be(head, i + 8);
    const height = u32be(head, i + 12);
    if (!best || width * height > best.width * best.height)
      best = { format, width, height };
  }
  return best;
}

/** The image format `src`'s first bytes announce, or null; says nothing of its size. */
export async function imageSignature(
  src: ByteSource,
): Promise<ImageFormat | null> {
  const head = await readBytes(src, 0, 64);
  if (head.length < 12) return null;
  if (u32be(head, 0) === 0x89504e47) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8) return 'jpeg';
  if (ascii(head, 0, 3) === 'GIF') return 'gif';
  if (ascii(head, 0) === 'RIFF' && ascii(head, 8) === 'WEBP') return 'webp';
  if (ascii(head, 0, 2) === 'BM') return 'bmp';
  if (ascii(head, 4) === 'ftyp') {
    const brands = ascii(head, 8, Math.min(u32be(head, 0), 64) - 8);
    if (/avif|avis/.test(brands)) return 'avif';
    if (/heic|heix|hevc|heim|heis|mif1|msf1/.test(brands)) return 'heif';
  }
  return null;
}

/** The format and size `src` declares, or null when it is no image format known here. */
export async function readImageHeader(
  src: ByteSource,
): Promise<ImageHeader | null> {
  const head = await readBytes(src, 0, SNIFF_BYTES);
  if (head.length < 16) return null;
  if (
    u32be(head, 0) === 0x89504e47 &&
    ascii(head, 12) === 'IHDR' &&
    head.length >= 24
  )
    return { format: 'png', width: u32be(head, 16), height: u32be(head, 20) };
  if (head[0] === 0xff && head[1] === 0xd8) return jpegSize(src);
  if (ascii(head, 0, 3) === 'GIF')
    return { format: 'gif', width: u16le(head, 6), height: u16le(head, 8) };
  if (
    ascii(head, 0) === 'RIFF' &&
    ascii(head, 8) === 'WEBP' &&
    head.length >= 30
  ) {
    const chunk = ascii(head, 12);
    if (chunk === 'VP8 ')
      return {
        format: 'webp',
        width: u16le(head, 26) & 0x3fff,
        height: u16le(head, 28) & 0x3fff,
      };
    if (chunk === 'VP8L') {
      const b = head.subarray(21, 25);
      return {
        format: 'webp',
        width: 1 + (((b[1] & 0x3f) << 8) | b[0]),
        height:
          1 + (((b[3] & 0x0f) << 10) | (b[2] << 2) | ((b[1] & 0xc0) >> 6)),
      };
    }
    if (chunk === 'VP8X')
      return {
        format: 'webp',
        width: 1 + u24le(head, 24),
        height: 1 + u24le(head, 27),
      };
    return null;
  }
  if (ascii(head, 0, 2) === 'BM' && head.length >= 26) {
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    return {
      format: 'bmp',
      width: Math.abs(view.getInt32(18, true)),
      height: Math.abs(view.getInt32(22, true)),
    };
  }
  if (ascii(head, 4) === 'ftyp') {
    const brands = ascii(head, 8, Math.min(u32be(head, 0), 64) - 8);
    if (/avif|avis/.test(brands)) return ispeSize(head, 'avif');
    if (/heic|heix|hevc|heim|heis|mif1|msf1/.test(brands))
      return ispeSize(head, 'heif');
  }
  return null;
}
