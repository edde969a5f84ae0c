// The sample footage as a user sees it: tests/fixtures/generated/visits.mp4 (made by
// scripts/make-fixtures.mjs) playing muted in a loop in a 640×480 <video>, and which of its
// frames is on screen. Imports nothing.

/** The e2e fixture as the dev server serves it: 10 s, 640×480, 15 fps, H.264. */
export const FOOTAGE_URL = '/tests/fixtures/generated/visits.mp4';

/** A frame of the footage: its presentedFrames count (unique, also across loops) and media time (s). */
export interface FootageFrame {
  frame: number;
  mediaTime: number;
}

export class Footage {
  /** The frame on screen. */
  shown: FootageFrame = { frame: 0, mediaTime: 0 };
  private _callback = 0;

  /** @param _rate playback rate: above 1 the same footage shows more frames per second */
  constructor(
    readonly video: HTMLVideoElement,
    private readonly _rate = 1,
  ) {}

  /** Shows the video, loads it and starts it playing; throws if it cannot be decoded. */
  async play(): Promise<void> {
    const video = this.video;
    video.muted = true;
    video.loop = true;
    video.playsInline = true;
    video.width = 640;
    video.height = 480;
    document.body.append(video);
    await new Promise<void>((resolve, reject) => {
      video.addEventListener('loadeddata', () => resolve(), { once: true });
      video.addEventListener(
        'error',
        () => reject(new Error(`${FOOTAGE_URL}: ${video.error?.message}`)),
        { once: true },
      );
      video.src = FOOTAGE_URL;
    });
    video.playbackRate = this._rate;
    await video.play();
    const onFrame: VideoFrameRequestCallback = (_now, metadata) => {
      this.shown = {
        frame: metadata.presentedFrames,
        mediaTime: metadata.mediaTime,
      };
      this._callback = video.requestVideoFrameCallback(onFrame);
    };
    this._callback = video.requestVideoFrameCallback(onFrame);
  }

  stop(): void {
    this.video.cancelVideoFrameCallback(this._callback);
    this.video.pause();
  }
}
