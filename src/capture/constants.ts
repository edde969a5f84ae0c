// Limits of the capture folder: how many images play at once, how large an image may be
// decoded, and how much of a file the sniffers read to name its format.

/** At most this many images play as one slideshow; the rest are left out with a warning. */
export const MAX_IMAGES = 100;

/**
 * Images over this many pixels are not decoded at full size: the browser needs 4 bytes per
 * pixel at once (200 MB here; a 20000 × 20000 PNG takes 1.6 GB and can take the tab down), even
 * with createImageBitmap's resize options. JPEGs over it are decoded scaled down instead
 * (WebCodecs ImageDecoder); others are refused.
 */
export const MAX_DECODE_PIXELS = 50_000_000;

/** An image file larger than this is not read at all (the browser reads it whole to decode it). */
export const MAX_IMAGE_BYTES = 200_000_000;

/** Slides are kept no larger than this on their long side (the analysis never uses more). */
export const SLIDE_MAX_SIDE = 960;

/** Bytes read from a file's start to recognise its format (an image header, a video's tracks). */
export const SNIFF_BYTES = 256 * 1024;

/** An MP4/MOV movie header larger than this is not read to name its codecs. */
export const MAX_MOOV_BYTES = 32 * 1024 * 1024;
