// Opens a frame source for what the user picked: sample footage, a camera, or dropped files.

import { SAMPLE_PHOTOS } from '../shared/constants';
import { CameraSource, type CameraRequest } from './camera-source';
import { CaptureError, type FrameSource } from './frame-source';
import { SlideshowSource } from './slideshow-source';
import { VideoFileSource } from './video-file-source';

// The black gap is longer than the tracker's 1 s miss window, so each scene's people leave.
export const SAMPLE_TIMING = { holdMs: 5000, gapMs: 1200, zoom: 0.06 } as const;

export async function openSample(baseUrl: string): Promise<SlideshowSource> {
  const items = await Promise.all(
    SAMPLE_PHOTOS.map(async (path) => {
      const response = await fetch(new URL(path, baseUrl)).catch(() => null);
      if (!response?.ok) {
        throw new CaptureError(
          'corrupt-file',
          `Sample footage is missing (${path}); rebuild the app with npm run build.`,
        );
      }
      return { name: path, blob: await response.blob() };
    }),
  );
  return SlideshowSource.open(items, {
    kind: 'sample',
    label: 'Sample footage',
    loop: true,
    size: { width: 640, height: 480 },
    ...SAMPLE_TIMING,
  });
}

export function openCamera(request: CameraRequest): Promise<CameraSource> {
  return CameraSource.open(request);
}

/** Splits dropped or picked files: the first video plays; otherwise the images play as a slideshow. */
export async function openFiles(
  files: readonly File[],
): Promise<{ source: FrameSource; warnings: string[] }> {
  const warnings: string[] = [];
  if (files.length === 0)
    throw new CaptureError('unsupported-file', 'No file was chosen.');
  const videos = files.filter((f) => f.type.startsWith('video/'));
  const images = files.filter((f) => f.type.startsWith('image/'));
  const others = files.filter(
    (f) => !videos.includes(f) && !images.includes(f),
  );
  if (others.length > 0) {
    warnings.push(
      `Skipped ${others.map((f) => `“${f.name}”`).join(', ')}: not a video or an image.`,
    );
  }
  if (videos.length > 0) {
    if (videos.length > 1 || images.length > 0)
      warnings.push(`Playing “${videos[0].name}”; drop one video at a time.`);
    return { source: await VideoFileSource.open(videos[0]), warnings };
  }
  if (images.length === 0) {
    throw new CaptureError(
      'unsupported-file',
      `${others.map((f) => `“${f.name}”`).join(', ')} is not a video or an image.`,
    );
  }
  const single = images.length === 1;
  const source = await SlideshowSource.open(
    images.map((f) => ({ name: f.name, blob: f })),
    {
      kind: 'images',
      label: single ? images[0].name : `${images.length} images`,
      holdMs: single ? 60 * 60 * 1000 : 4000,
      gapMs: single ? 0 : 500,
      loop: true,
      zoom: 0,
    },
  );
  if (source.skipped.length > 0) {
    warnings.push(
      `Skipped ${source.skipped.map((n) => `“${n}”`).join(', ')}: could not be decoded.`,
    );
  }
  return { source, warnings };
}
