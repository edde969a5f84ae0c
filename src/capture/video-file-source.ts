// A user's video file played in a <video> from an object URL: streamed by the browser,
// never read into memory. A file it cannot play becomes a CaptureError naming why: its
// container or codec (read from the header, only then), no video track, or damage.

import type { FrameTime } from '../shared/types';
import { CaptureError } from './frame-source';
import { CONTAINER_LABEL, sniffMedia, type MediaTracks } from './media-sniff';
import {
  CHOOSE_ANOTHER,
  CHOOSE_VIDEO,
  CONVERT_VIDEO,
  PICK_ANOTHER_SOURCE,
} from './messages';
import { VideoElementSource } from './video-element-source';

const damaged = (file: File): string =>
  `“${file.name}” could not be decoded; it may be damaged or incomplete.`;

/**
 * Why `file` shows no picture: the browser refused it (`error`), or it loaded without a video
 * it can decode (`error` null). The header says whether the container, the codec or the lack
 * of a video track is to blame.
 */
async function refusal(
  file: File,
  error: MediaError | null,
): Promise<CaptureError> {
  if (error && error.code !== MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED)
    return new CaptureError(
      'corrupt-file',
      `${damaged(file)} ${PICK_ANOTHER_SOURCE}`,
    );
  const tracks: MediaTracks = await sniffMedia(file).catch(() => ({
    container: 'unknown',
    video: [],
    audio: 0,
  }));
  const name = `“${file.name}”`;
  const container = CONTAINER_LABEL[tracks.container];
  if (container)
    return new CaptureError(
      'unsupported-file',
      `${name} is ${container}, a format this browser cannot play. ${CONVERT_VIDEO}`,
    );
  if (tracks.video.length > 0)
    return new CaptureError(
      'unsupported-codec',
      `${name} uses a video codec this browser cannot play: ${[...new Set(tracks.video)].join(', ')}. ${CONVERT_VIDEO}`,
    );
  if (tracks.audio > 0)
    return new CaptureError(
      'no-video',
      `${name} has no video track, only audio. ${CHOOSE_VIDEO}`,
    );
  if (!error)
    return new CaptureError(
      'no-video',
      `${name} has no video track this browser can play. ${CONVERT_VIDEO}`,
    );
  if (tracks.container === 'unknown')
    return new CaptureError(
      'unsupported-file',
      `${name} can’t be played here: it is not in any video format this browser knows. ${CHOOSE_ANOTHER}`,
    );
  return new CaptureError(
    'unsupported-file',
    `${name} can’t be played here: its format or codec isn’t supported. ${CONVERT_VIDEO}`,
  );
}

export class VideoFileSource extends VideoElementSource {
  private readonly _url: string;

  private constructor(file: File) {
    super('video', file.name);
    this._url = URL.createObjectURL(file);
    this.element.controls = true;
    this.element.loop = false;
    this.element.addEventListener('ended', () => this._end(null));
    // A failure once playing is damage (the codec was fine for the first frame); the source
    // controller adds the way forward.
    this.element.addEventListener('error', () =>
      this._end(new CaptureError('corrupt-file', damaged(file))),
    );
  }

  static async open(file: File): Promise<VideoFileSource> {
    if (file.size === 0)
      throw new CaptureError(
        'empty-file',
        `“${file.name}” is empty (0 bytes). ${CHOOSE_ANOTHER}`,
      );
    const source = new VideoFileSource(file);
    const video = source.element;
    const loaded = await new Promise<boolean>((resolve) => {
      const settle = (ok: boolean) => (): void => {
        video.removeEventListener('loadeddata', onLoaded);
        video.removeEventListener('error', onError);
        resolve(ok);
      };
      const onLoaded = settle(true);
      const onError = settle(false);
      video.addEventListener('loadeddata', onLoaded);
      video.addEventListener('error', onError);
      video.src = source._url;
    });
    // Loaded with no picture: audio only, or a video track whose codec the browser lacks
    // (it then plays the sound alone, e.g. an iPhone's HEVC .mov).
    if (!loaded || video.videoWidth === 0) {
      const error = loaded ? null : video.error;
      source.stop();
      throw await refusal(file, error);
    }
    await video.play().catch(() => undefined);
    return source;
  }

  /** Media time, so dwell is measured in the video's own seconds even when analysis lags. */
  override time(): FrameTime {
    return { t: this.element.currentTime * 1000, wall: Date.now() };
  }

  override stop(): void {
    super.stop();
    this.element.removeAttribute('src');
    this.element.load();
    URL.revokeObjectURL(this._url);
  }
}
