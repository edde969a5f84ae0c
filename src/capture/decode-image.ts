// Decodes one image for a slideshow, kept at most SLIDE_MAX_SIDE on its long side. The header
// is read first: an image too large to decode in one piece is decoded scaled down (JPEG, with
// WebCodecs' ImageDecoder) or refused, so a 20000 × 20000 PNG cannot exhaust the tab's memory.

import { fitWithin, type Size } from '../shared/geometry';
import {
  MAX_DECODE_PIXELS,
  MAX_IMAGE_BYTES,
  SLIDE_MAX_SIDE,
} from './constants';
import { CaptureError } from './frame-source';
import {
  imageSignature,
  readImageHeader,
  type ImageHeader,
} from './image-header';
import { CHOOSE_ANOTHER, CONVERT_IMAGE, SCALE_DOWN } from './messages';

const megapixels = (pixels: number): string =>
  `${Math.round(pixels / 1e6)} megapixels`;

const LIMIT = megapixels(MAX_DECODE_PIXELS);

const sizeText = (bytes: number): string =>
  bytes >= 1e9
    ? `${(bytes / 1e9).toFixed(1)} GB`
    : `${Math.round(bytes / 1e6)} MB`;

/** A bitmap no larger than SLIDE_MAX_SIDE; `full` is closed when a smaller copy is made. */
async function shrink(
  full: ImageBitmap | VideoFrame,
  size: Size,
): Promise<ImageBitmap> {
  const target = fitWithin(size, SLIDE_MAX_SIDE);
  if (
    target.width === size.width &&
    target.height === size.height &&
    full instanceof ImageBitmap
  )
    return full;
  try {
    return await createImageBitmap(full, {
      resizeWidth: target.width,
      resizeHeight: target.height,
      resizeQuality: 'high',
    });
  } finally {
    full.close();
  }
}

/**
 * A JPEG over the pixel limit, decoded at a fraction of its size (libjpeg scales by 1/2, 1/4
 * or 1/8 while decoding, so the full image never exists in memory). Null where ImageDecoder is
 * missing (it needs a secure context; Safari lacks it).
 */
async function scaledJpeg(
  blob: Blob,
  header: ImageHeader,
): Promise<ImageBitmap | null> {
  if (typeof ImageDecoder !== 'function') return null;
  if (!(await ImageDecoder.isTypeSupported('image/jpeg'))) return null;
  const desired = fitWithin(header, SLIDE_MAX_SIDE);
  const decoder = new ImageDecoder({
    data: blob.stream(),
    type: 'image/jpeg',
    desiredWidth: desired.width,
    desiredHeight: desired.height,
  });
  try {
    const { image } = await decoder.decode();
    // displayWidth/Height already follow the EXIF orientation (the frame carries a rotation).
    return await shrink(image, {
      width: image.displayWidth,
      height: image.displayHeight,
    });
  } finally {
    decoder.close();
  }
}

/**
 * What can be told of `name` without decoding it: refuses an empty file, one over
 * MAX_IMAGE_BYTES, and one over MAX_DECODE_PIXELS that cannot be decoded scaled down, each
 * with a CaptureError; otherwise its header (null when no format known here is recognised).
 */
export async function inspectImage(
  blob: Blob,
  name: string,
): Promise<ImageHeader | null> {
  const quoted = `“${name}”`;
  if (blob.size === 0)
    throw new CaptureError(
      'empty-file',
      `${quoted} is empty (0 bytes). ${CHOOSE_ANOTHER}`,
      'empty (0 bytes)',
    );
  if (blob.size > MAX_IMAGE_BYTES) {
    const size = sizeText(blob.size);
    const limit = sizeText(MAX_IMAGE_BYTES);
    throw new CaptureError(
      'too-large',
      `${quoted} is too large to open as an image here (${size}; the limit is ${limit}). ${SCALE_DOWN}`,
      `too large (${size}; the limit is ${limit})`,
    );
  }
  const header = await readImageHeader(blob).catch(() => null);
  // A known image whose size cannot be read (crafted padding, a damaged header) could be a
  // bomb: it is never decoded unbounded.
  if (!header) {
    const format = await imageSignature(blob).catch(() => null);
    if (format && format !== 'heif')
      throw new CaptureError(
        'corrupt-file',
        `${quoted} has an image header this app cannot read safely (damaged or unusual), so it is not decoded. ${CONVERT_IMAGE}`,
        'its header could not be read',
      );
  }
  if (
    header &&
    header.width * header.height > MAX_DECODE_PIXELS &&
    !(header.format === 'jpeg' && (await canScaleJpeg()))
  )
    throw tooManyPixels(quoted, header);
  return header;
}

/** Whether a JPEG can be decoded scaled down here (WebCodecs' ImageDecoder; see scaledJpeg). */
async function canScaleJpeg(): Promise<boolean> {
  if (typeof ImageDecoder !== 'function') return false;
  return ImageDecoder.isTypeSupported('image/jpeg').catch(() => false);
}

function tooManyPixels(quoted: string, header: ImageHeader): CaptureError {
  const pixels = header.width * header.height;
  const dims = `${header.width} × ${header.height} pixels`;
  return new CaptureError(
    'too-large',
    `${quoted} is too large to open here: ${dims} (${megapixels(pixels)}; the limit is ${LIMIT}). ${SCALE_DOWN}`,
    `too large (${dims}; the limit is ${LIMIT})`,
  );
}

/**
 * `name`'s image as a bitmap for the slideshow, or a CaptureError saying why it cannot be
 * shown. `header` is inspectImage's answer when it was already asked.
 */
export async function decodeSlide(
  blob: Blob,
  name: string,
  header?: ImageHeader | null,
): Promise<ImageBitmap> {
  const quoted = `“${name}”`;
  if (header === undefined) header = await inspectImage(blob, name);
  if (header && header.width * header.height > MAX_DECODE_PIXELS) {
    const scaled =
      header.format === 'jpeg'
        ? await scaledJpeg(blob, header).catch(() => null)
        : null;
    if (scaled) return scaled;
    throw tooManyPixels(quoted, header);
  }
  let full: ImageBitmap;
  try {
    full = await createImageBitmap(blob);
  } catch {
    if (header?.format === 'heif')
      throw new CaptureError(
        'unsupported-file',
        `${quoted} is a HEIC/HEIF photo, which this browser cannot decode. ${CONVERT_IMAGE}`,
        'HEIC/HEIF, which this browser cannot decode',
      );
    throw new CaptureError(
      'corrupt-file',
      `${quoted} could not be decoded as an image; it may be damaged or in a format this browser cannot read. ${CHOOSE_ANOTHER}`,
      'could not be decoded',
    );
  }
  return shrink(full, { width: full.width, height: full.height });
}
