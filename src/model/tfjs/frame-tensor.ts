// Turns an incoming frame into the RGB tensor the tfjs models read, on first use only: the
// MediaPipe engine reads the bitmap itself and needs the tensor only for attribute frames.
// WebGL uploads a bitmap straight to a texture; WASM and CPU read pixels faster from RGBA
// bytes than through tfjs's own canvas round trip (MEASURED.md: 28 vs 64 ms).

import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../../shared/types';
import type { DetectorInput, PixelData, PreparedFrame } from '../detector';

class LazyFrame implements PreparedFrame {
  readonly width: number;
  readonly height: number;
  readonly source: ImageBitmap | PixelData;
  private _tensor: tf.Tensor3D | null = null;

  constructor(
    frame: DetectorInput,
    private readonly _make: (source: ImageBitmap | PixelData) => tf.Tensor3D,
  ) {
    this.width = frame.width;
    this.height = frame.height;
    this.source =
      'data' in frame
        ? asPixelData(frame.data, frame.width, frame.height)
        : frame;
  }

  tensor(): tf.Tensor3D {
    this._tensor ??= this._make(this.source);
    return this._tensor;
  }

  dispose(): void {
    this._tensor?.dispose();
    this._tensor = null;
  }
}

export class FrameTensorizer {
  private _canvas: OffscreenCanvas | null = null;
  private _ctx: OffscreenCanvasRenderingContext2D | null = null;

  constructor(private readonly _backend: BackendName) {}

  /** Wraps the frame; free it with `release`. Does not close the bitmap. */
  prepare(frame: DetectorInput): PreparedFrame {
    return new LazyFrame(frame, (source) => {
      if ('data' in source) return tf.browser.fromPixels(source);
      if (this._backend === 'webgl') return tf.browser.fromPixels(source);
      return tf.browser.fromPixels(this._readPixels(source));
    });
  }

  /** Disposes the frame's tensor, if one was made. */
  release(frame: PreparedFrame): void {
    if (frame instanceof LazyFrame) frame.dispose();
  }

  dispose(): void {
    this._canvas = null;
    this._ctx = null;
  }

  private _readPixels(bitmap: ImageBitmap): PixelData {
    const { width, height } = bitmap;
    if (
      !this._canvas ||
      this._canvas.width !== width ||
      this._canvas.height !== height
    ) {
      this._canvas = new OffscreenCanvas(width, height);
      this._ctx = this._canvas.getContext('2d', { willReadFrequently: true });
    }
    if (!this._ctx) throw new Error('2D canvas is unavailable in this worker.');
    this._ctx.drawImage(bitmap, 0, 0);
    const image = this._ctx.getImageData(0, 0, width, height);
    return asPixelData(image.data, width, height);
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
