// Base for sources shown in a <video>: a camera stream or a video file.

import type { Size } from '../shared/geometry';
import type { SourceKind } from '../shared/kiosk-params';
import type { FrameImage, FrameTime } from '../shared/types';
import { grabFrame, type CaptureError, type FrameSource } from './frame-source';

export abstract class VideoElementSource implements FrameSource {
  readonly element: HTMLVideoElement;
  onEnd: ((error: CaptureError | null) => void) | null = null;
  protected _stopped = false;

  constructor(
    readonly kind: SourceKind,
    readonly label: string,
  ) {
    this.element = document.createElement('video');
    this.element.muted = true;
    this.element.playsInline = true;
    this.element.autoplay = true;
  }

  size(): Size {
    return { width: this.element.videoWidth, height: this.element.videoHeight };
  }

  nextFrame(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const video = this.element;
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
    const handler = this.onEnd;
    this.onEnd = null;
    handler?.(error);
  }
}
