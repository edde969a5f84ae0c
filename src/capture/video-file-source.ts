// A user's video file played in a <video> from an object URL: streamed by the browser,
// never read into memory. Decode failures become CaptureErrors.

import type { FrameTime } from '../shared/types';
import { CaptureError } from './frame-source';
import { VideoElementSource } from './video-element-source';

function mediaErrorMessage(file: File, error: MediaError | null): CaptureError {
  if (error?.code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED) {
    return new CaptureError(
      'unsupported-file',
      `“${file.name}” can’t be played here: its format or codec isn’t supported. Try MP4 (H.264) or WebM (VP8/VP9).`,
    );
  }
  return new CaptureError(
    'corrupt-file',
    `“${file.name}” could not be decoded; it may be damaged or incomplete.`,
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
    this.element.addEventListener('error', () =>
      this._end(mediaErrorMessage(file, this.element.error)),
    );
  }

  static async open(file: File): Promise<VideoFileSource> {
    if (file.size === 0)
      throw new CaptureError(
        'empty-file',
        `“${file.name}” is empty (0 bytes).`,
      );
    const source = new VideoFileSource(file);
    const video = source.element;
    await new Promise<void>((resolve, reject) => {
      const cleanup = (): void => {
        video.removeEventListener('loadeddata', onLoaded);
        video.removeEventListener('error', onError);
      };
      const onLoaded = (): void => {
        cleanup();
        resolve();
      };
      const onError = (): void => {
        cleanup();
        reject(mediaErrorMessage(file, video.error));
      };
      video.addEventListener('loadeddata', onLoaded);
      video.addEventListener('error', onError);
      video.src = source._url;
    }).catch((err: unknown) => {
      source.stop();
      throw err;
    });
    if (video.videoWidth === 0) {
      source.stop();
      throw new CaptureError(
        'unsupported-file',
        `“${file.name}” has no video track.`,
      );
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
