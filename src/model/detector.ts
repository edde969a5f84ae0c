// The one interface every face-detection engine implements, and the frame they all read.
// Holders of native memory (tensors, wasm heaps) release it in dispose().

import type { Tensor3D } from '@tensorflow/tfjs-core';
import type {
  EngineInfo,
  FaceBox,
  FrameImage,
  RawFrame,
} from '../shared/types';

export type DetectorInput = FrameImage | RawFrame;

/** A frame's size in pixels; a VideoFrame's as displayed. */
export function frameSize(frame: DetectorInput): {
  width: number;
  height: number;
} {
  return 'displayWidth' in frame
    ? { width: frame.displayWidth, height: frame.displayHeight }
    : { width: frame.width, height: frame.height };
}

/** RGBA bytes as tfjs' fromPixels recognises them (a plain Uint8Array). */
export interface PixelData {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A frame ready for the models. The engine's `release` frees what it made. */
export interface PreparedFrame {
  readonly width: number;
  readonly height: number;
  /** The frame as received: a bitmap (open until release) or RGBA bytes (node tests). */
  readonly source: FrameImage | PixelData;
  /** The RGB tensor the tfjs models read, made on first call (MediaPipe may never need it). */
  tensor(): Promise<Tensor3D>;
}

export interface Detector {
  readonly info: EngineInfo;
  /** Faces in `frame`, in its pixel coordinates. Does not release the frame. */
  detect(frame: PreparedFrame): Promise<FaceBox[]>;
  /** The canvas of the WebGL context it draws on, if it has its own (watched for loss). */
  readonly gpuCanvas?: OffscreenCanvas | null;
  dispose(): void;
}
