// What every frame source (camera, video file, slideshow) offers the frame pump and the stage.

import type { Size } from '../shared/geometry';
import { fitWithin } from '../shared/geometry';
import type { SourceKind } from '../shared/kiosk-params';
import { MAX_DIRECT_SIDE } from '../shared/constants';
import type { FrameImage, FrameTime } from '../shared/types';
import { videoFramesReadable } from '../shared/rgba-copy';

export type CaptureErrorCode =
  | 'camera-denied'
  | 'camera-missing'
  | 'camera-busy'
  | 'camera-ended'
  | 'camera-failed'
  | 'unsupported-file'
  | 'unsupported-codec'
  | 'no-video'
  | 'corrupt-file'
  | 'empty-file'
  | 'too-large';

/** A failure the user caused or the device suffered, with a message fit to show them. */
export class CaptureError extends Error {
  override name = 'CaptureError';
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
    /** The reason alone, for a list of skipped files, e.g. 'empty (0 bytes)'. */
    readonly reason = message,
  ) {
    super(message);
  }
}

export interface FrameSource {
  readonly kind: SourceKind;
  /** Short human label, e.g. "Sample footage" or the file name. */
  readonly label: string;
  /** The element the stage shows. */
  readonly element: HTMLVideoElement | HTMLCanvasElement;
  /** Natural frame size (0×0 until known). */
  size(): Size;
  /** Resolves when a new frame may be grabbed, or when `signal` aborts. */
  nextFrame(signal: AbortSignal): Promise<void>;
  /** When the current frame was taken: media time for files, monotonic time for live sources. */
  time(): FrameTime;
  /** The current frame for the worker (see grabFrame), or null if none is ready. */
  grab(maxSide: number): Promise<FrameImage | null>;
  /** Called once if the source stops by itself (camera unplugged, video ended). */
  onEnd: ((error: CaptureError | null) => void) | null;
  /**
   * Called with a message fit to show when something is skipped while the source runs (an
   * image of a slideshow that turns out undecodable when its turn comes). Optional.
   */
  onWarning?: ((message: string) => void) | null;
  stop(): void;
}

/**
 * The current frame of `element`: a VideoFrame at its own size when WebCodecs exists, converts
 * to RGBA (videoFramesReadable) and the long side is at most MAX_DIRECT_SIDE (no pixels are
 * copied on this thread); otherwise a bitmap, downscaled when larger than `maxSide`.
 */
export async function grabFrame(
  element: HTMLVideoElement | HTMLCanvasElement,
  size: Size,
  maxSide: number,
): Promise<FrameImage | null> {
  if (size.width === 0 || size.height === 0) return null;
  if (
    typeof VideoFrame === 'function' &&
    Math.max(size.width, size.height) <= MAX_DIRECT_SIDE &&
    (await videoFramesReadable())
  ) {
    try {
      return new VideoFrame(element, {
        timestamp: Math.round(performance.now() * 1000),
      });
    } catch {
      // No frame to wrap after all (e.g. a video between seeks): a bitmap says so below.
    }
  }
  const target = fitWithin(size, maxSide);
  if (target.width === size.width && target.height === size.height) {
    return createImageBitmap(element);
  }
  return createImageBitmap(element, {
    resizeWidth: target.width,
    resizeHeight: target.height,
    resizeQuality: 'low',
  });
}

/** Resolves on the next animation frame, or at once when `signal` aborts. */
export function nextAnimationFrame(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const id = requestAnimationFrame(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
    const onAbort = (): void => {
      cancelAnimationFrame(id);
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
