// Turns an incoming frame into the RGB tensor both the detector and the attribute models
// read. WebGL uploads a bitmap straight to a texture; WASM and CPU read pixels faster from
// RGBA bytes than through tfjs's own canvas round trip (MEASURED.md: 28 vs 64 ms).

import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../../shared/types';
import type { DetectorInput, PreparedFrame } from '../detector';

type PixelData = { data: Uint8Array; width: number; height: number };

export class FrameTensorizer {
  private _canvas: OffscreenCanvas | null = null;
  private _ctx: OffscreenCanvasRenderingContext2D | null = null;

  constructor(private readonly _backend: BackendName) {}

  /** The caller disposes the returned tensor. Does not close the frame. */
  prepare(frame: DetectorInput): PreparedFrame {
    const { width, height } = frame;
    let tensor: tf.Tensor3D;
    if ('data' in frame)
      tensor = tf.browser.fromPixels(asPixelData(frame.data, width, height));
    else if (this._backend === 'webgl') tensor = tf.browser.fromPixels(frame);
    else tensor = tf.browser.fromPixels(this._readPixels(frame));
    return { tensor, width, height };
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
