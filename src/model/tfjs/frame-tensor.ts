// Turns an incoming frame into the RGB tensor the tfjs models read, on first use only: the
// MediaPipe engine reads the bitmap itself and needs the tensor only for attribute frames.
// WebGL uploads a bitmap straight to a texture. WASM and CPU read the pixels into one RGBA
// buffer kept across frames (VideoFrame.copyTo; a 2D canvas where that cannot convert) and
// write float RGB in one pass: tfjs's fromPixels makes a fresh int32 copy per frame, and
// freshly touched memory is what made it slow (issue 7: 27 ms against 1.5 ms per 640×480
// frame, `npm run bench:peers`).

import * as tf from '@tensorflow/tfjs-core';
import type { BackendName, FrameImage } from '../../shared/types';
import { videoFramesReadable } from '../../shared/rgba-copy';
import {
  frameSize,
  type DetectorInput,
  type PixelData,
  type PreparedFrame,
} from '../detector';

class LazyFrame implements PreparedFrame {
  readonly width: number;
  readonly height: number;
  readonly source: FrameImage | PixelData;
  private _tensor: Promise<tf.Tensor3D> | null = null;
  private _made: tf.Tensor3D | null = null;
  private _released = false;

  constructor(
    frame: DetectorInput,
    private readonly _make: (
      source: FrameImage | PixelData,
    ) => Promise<tf.Tensor3D>,
  ) {
    const { width, height } = frameSize(frame);
    this.width = width;
    this.height = height;
    this.source =
      'data' in frame ? asPixelData(frame.data, width, height) : frame;
  }

  tensor(): Promise<tf.Tensor3D> {
    this._tensor ??= this._make(this.source).then((t) => {
      // Released while it was being made: nobody will read it.
      if (this._released) t.dispose();
      else this._made = t;
      return t;
    });
    return this._tensor;
  }

  /** Frees the tensor now if it exists, or as soon as a pending one does. */
  dispose(): void {
    this._released = true;
    this._made?.dispose();
    this._made = null;
  }
}

export class FrameTensorizer {
  private _canvas: OffscreenCanvas | null = null;
  private _ctx: OffscreenCanvasRenderingContext2D | null = null;
  /** The last frame's RGBA bytes; reused while the frame size stays the same. */
  private _rgba: Uint8Array | null = null;
  /** The last frame's float RGB (WASM only: it copies a new tensor's values into its heap). */
  private _rgb: Float32Array | null = null;
  /**
   * Whether VideoFrame.copyTo converts to RGBA here (checked once, see rgba-copy.ts); false
   * from the first failure on too. Otherwise frames are read through a 2D canvas.
   */
  private _copyTo: Promise<boolean> | boolean = videoFramesReadable();

  constructor(private readonly _backend: BackendName) {}

  /**
   * A YUV VideoFrame (a video or camera picture) as RGBA bytes in the buffer kept across
   * frames, for both engines to read: copyTo converts it in under a millisecond, where handing
   * it to MediaPipe as it is cost about 20 ms more per 640×480 frame (issue 7, bench:video).
   * Any other frame is returned as it is. Valid until the next call; does not close `frame`.
   */
  async readable(frame: DetectorInput): Promise<DetectorInput> {
    if (!('format' in frame) || !(await this._copyTo)) return frame;
    if (!frame.format || /^(RGB|BGR)/.test(frame.format)) return frame;
    try {
      return await this._copyRgba(frame);
    } catch {
      this._copyTo = false;
      return frame;
    }
  }

  /** Wraps the frame; free it with `release`. Does not close the bitmap. */
  prepare(frame: DetectorInput): PreparedFrame {
    return new LazyFrame(frame, async (source) => {
      if ('data' in source) return this._rgbTensor(source);
      if (this._backend === 'webgl') {
        if (!('displayWidth' in source)) return tf.browser.fromPixels(source);
        // tfjs cannot read a VideoFrame: through a bitmap, still a GPU upload.
        const bitmap = await createImageBitmap(source);
        try {
          return tf.browser.fromPixels(bitmap);
        } finally {
          bitmap.close();
        }
      }
      return this._rgbTensor(await this._readPixels(source));
    });
  }

  /** Disposes the frame's tensor, if one was made. */
  release(frame: PreparedFrame): void {
    if (frame instanceof LazyFrame) frame.dispose();
  }

  dispose(): void {
    this._canvas = null;
    this._ctx = null;
    this._rgba = null;
    this._rgb = null;
  }

  /** RGBA bytes to a float32 [h,w,3] tensor, values 0..255. */
  private _rgbTensor({ data, width, height }: PixelData): tf.Tensor3D {
    const size = width * height * 3;
    // The CPU backend keeps the array it is given as the tensor's storage: a new one each time.
    const rgb =
      this._backend === 'wasm' && this._rgb?.length === size
        ? this._rgb
        : new Float32Array(size);
    if (this._backend === 'wasm') this._rgb = rgb;
    for (let i = 0, j = 0; j < size; i += 4, j += 3) {
      rgb[j] = data[i]!;
      rgb[j + 1] = data[i + 1]!;
      rgb[j + 2] = data[i + 2]!;
    }
    return tf.tensor3d(rgb, [height, width, 3], 'float32');
  }

  /** The frame's visible pixels as RGBA in the kept buffer. */
  private async _copyRgba(frame: VideoFrame): Promise<PixelData> {
    const { width, height } = frameSize(frame);
    const size = width * height * 4;
    const rgba =
      this._rgba?.length === size ? this._rgba : new Uint8Array(size);
    this._rgba = rgba;
    await frame.copyTo(rgba, { format: 'RGBA', colorSpace: 'srgb' });
    return { data: rgba, width, height };
  }

  private async _readPixels(image: FrameImage): Promise<PixelData> {
    const { width, height } = frameSize(image);
    const visible = 'visibleRect' in image ? image.visibleRect : null;
    // copyTo writes the visible rectangle; a frame displayed at another size is drawn instead.
    const direct =
      !visible || (visible.width === width && visible.height === height);
    if ((await this._copyTo) && direct) {
      try {
        // A bitmap is wrapped (no copy); the caller closes what it passed in.
        const frame =
          'displayWidth' in image
            ? image
            : new VideoFrame(image, { timestamp: 0 });
        try {
          return await this._copyRgba(frame);
        } finally {
          if (frame !== image) frame.close();
        }
      } catch {
        // Older WebCodecs cannot convert to RGBA in copyTo: read through a canvas instead.
        this._copyTo = false;
      }
    }
    if (
      !this._canvas ||
      this._canvas.width !== width ||
      this._canvas.height !== height
    ) {
      this._canvas = new OffscreenCanvas(width, height);
      this._ctx = this._canvas.getContext('2d', { willReadFrequently: true });
    }
    if (!this._ctx) throw new Error('2D canvas is unavailable in this worker.');
    this._ctx.drawImage(image, 0, 0, width, height);
    const pixels = this._ctx.getImageData(0, 0, width, height);
    return asPixelData(pixels.data, width, height);
  }
}

function asPixelData(
  data: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
): PixelData {
  // tfjs recognises PixelData by `data instanceof Uint8Array`; a clamped view is not one.
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width,
    height,
  };
}
