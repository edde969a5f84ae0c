// Opens a frame source for what the user picked: sample footage, a camera, or dropped files,
// and names any file it leaves out.

import { SAMPLE_PHOTOS } from '../shared/constants';
import { CameraSource, type CameraRequest } from './camera-source';
import { MAX_IMAGES } from './constants';
import { CaptureError, type FrameSource } from './frame-source';
import { CHOOSE_ANOTHER, CHOOSE_VIDEO, nameList } from './messages';
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

// Used only when the browser gives a file no media type (or a generic one), as some platforms do.
const VIDEO_EXT =
  /\.(mp4|m4v|mov|mkv|webm|ogv|avi|wmv|asf|flv|mts|m2ts|mpe?g|vob|3gp|3g2)$/i;
const IMAGE_EXT = /\.(jpe?g|png|gif|webp|bmp|avif|heic|heif|tiff?)$/i;
const AUDIO_EXT = /\.(mp3|m4a|aac|wav|flac|ogg|oga|opus)$/i;

export type FileKind = 'video' | 'image' | 'audio' | 'other';

/** What a file is by its media type, or by its extension when the type says nothing. */
export function fileKind(file: { name: string; type: string }): FileKind {
  const major = file.type.split('/')[0];
  if (major === 'video' || major === 'image' || major === 'audio') return major;
  if (file.type !== '' && file.type !== 'application/octet-stream')
    return 'other';
  if (VIDEO_EXT.test(file.name)) return 'video';
  if (IMAGE_EXT.test(file.name)) return 'image';
  if (AUDIO_EXT.test(file.name)) return 'audio';
  return 'other';
}

/** Files by kind, in the order given. */
function sortFiles(files: readonly File[]): Record<FileKind, File[]> {
  const kinds: Record<FileKind, File[]> = {
    video: [],
    image: [],
    audio: [],
    other: [],
  };
  for (const f of files) kinds[fileKind(f)].push(f);
  return kinds;
}

const names = (files: readonly File[]): string =>
  nameList(files.map((f) => f.name));

/**
 * Splits dropped or picked files: the first video plays; otherwise the images (at most
 * MAX_IMAGES) play as a slideshow. What is left out is named in the warnings.
 */
export async function openFiles(
  files: readonly File[],
): Promise<{ source: FrameSource; warnings: string[] }> {
  if (files.length === 0)
    throw new CaptureError('unsupported-file', 'No file was chosen.');
  const { video, image, audio, other } = sortFiles(files);
  if (video.length === 0 && image.length === 0) {
    if (other.length === 0) {
      const verb = audio.length === 1 ? 'has' : 'have';
      throw new CaptureError(
        'no-video',
        `${names(audio)} ${verb} no video track, only audio. ${CHOOSE_VIDEO}`,
      );
    }
    const rest = [...other, ...audio];
    throw new CaptureError(
      'unsupported-file',
      `${names(rest)} ${rest.length === 1 ? 'is' : 'are'} not a video or an image. ${CHOOSE_ANOTHER}`,
    );
  }
  const warnings: string[] = [];
  if (other.length > 0)
    warnings.push(`Skipped ${names(other)}: not a video or an image.`);
  if (audio.length > 0)
    warnings.push(`Skipped ${names(audio)}: audio only, no video.`);
  if (video.length > 0) {
    if (video.length > 1 || image.length > 0)
      warnings.push(`Playing “${video[0].name}”; drop one video at a time.`);
    return { source: await VideoFileSource.open(video[0]), warnings };
  }
  const used = image.slice(0, MAX_IMAGES);
  if (image.length > used.length) {
    const left = image.length - used.length;
    warnings.push(
      `Playing the first ${used.length} of ${image.length} images; the other ${left} were left out (at most ${MAX_IMAGES} at a time).`,
    );
  }
  const single = used.length === 1;
  const source = await SlideshowSource.open(
    used.map((f) => ({ name: f.name, blob: f })),
    {
      kind: 'images',
      label: single ? used[0].name : `${used.length} images`,
      holdMs: single ? 60 * 60 * 1000 : 4000,
      gapMs: single ? 0 : 500,
      loop: true,
      zoom: 0,
    },
  );
  const reasons = new Map<string, string[]>();
  for (const { name, reason } of source.skipped)
    reasons.set(reason, [...(reasons.get(reason) ?? []), name]);
  for (const [reason, skipped] of reasons)
    warnings.push(`Skipped ${nameList(skipped)}: ${reason}.`);
  return { source, warnings };
}
