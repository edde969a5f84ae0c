// Base for sources shown in a <video>: a camera stream or a video file.

import type { Size } from '../shared/geometry';
import type { SourceKind } from '../shared/kiosk-params';
import type { FrameImage, FrameTime } from '../shared/types';
import {
  grabFrame,
  nextAnimationFrame,
  type CaptureError,
  type FrameSource,
} from './frame-source';

type EndHandler = (error: CaptureError | null) => void;

export abstract class VideoElementSource implements FrameSource {
  readonly element: HTMLVideoElement;
  protected _stopped = false;
  private _onEnd: EndHandler | null = null;
  /** An end that came before anyone listened (e.g. a decode error right after opening). */
  private _earlyEnd: { error: CaptureError | null } | null = null;
  /** The video's time at the last frame nextFrame announced without requestVideoFrameCallback. */
  private _announcedTime = -1;

  constructor(
    readonly kind: SourceKind,
    readonly label: string,
  ) {
    this.element = document.createElement('video');
    this.element.muted = true;
    this.element.playsInline = true;
    this.element.autoplay = true;
  }

  get onEnd(): EndHandler | null {
    return this._onEnd;
  }

  /** Set by whoever runs the source; an end that happened before is delivered next microtask. */
  set onEnd(handler: EndHandler | null) {
    this._onEnd = handler;
    const early = this._earlyEnd;
    if (!handler || !early) return;
    this._earlyEnd = null;
    queueMicrotask(() => this._end(early.error));
  }

  size(): Size {
    return { width: this.element.videoWidth, height: this.element.videoHeight };
  }

  nextFrame(signal: AbortSignal): Promise<void> {
    const video = this.element;
    // Missing before Firefox 132 and Safari 15.4; without this test the frame pump's loop
    // threw a TypeError and the stage stayed still.
    if (typeof video.requestVideoFrameCallback !== 'function')
      return this._nextTimeChange(signal);
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const id = video.requestVideoFrameCallback(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      const onAbort = (): void => {
        video.cancelVideoFrameCallback(id);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Without requestVideoFrameCallback: the next screen refresh at which the video's time has
   * moved on since the last frame announced. A paused video waits, as it does with the callback;
   * a playing one may announce the same picture twice when its frame rate is below the screen's.
   */
  private async _nextTimeChange(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await nextAnimationFrame(signal);
      const t = this.element.currentTime;
      if (t !== this._announcedTime) {
        this._announcedTime = t;
        return;
      }
    }
  }

  time(): FrameTime {
    return { t: performance.now(), wall: Date.now() };
  }

  async grab(maxSide: number): Promise<FrameImage | null> {
    if (
      this._stopped ||
      this.element.readyState < HTMLMediaElement.HAVE_CURRENT_DATA
    )
      return null;
    return grabFrame(this.element, this.size(), maxSide);
  }

  stop(): void {
    this._stopped = true;
    this.element.pause();
  }

  protected _end(error: CaptureError | null): void {
    if (this._stopped) return;
    const handler = this._onEnd;
    if (!handler) {
      this._earlyEnd ??= { error };
      return;
    }
    this._onEnd = null;
    handler(error);
  }
}
