// The one interface every face-detection engine implements. Holders of native memory
// (tensors, wasm heaps) release it in dispose().

import type { Tensor3D } from '@tensorflow/tfjs-core';
import type { EngineInfo, FaceBox, RawFrame } from '../shared/types';

export type DetectorInput = ImageBitmap | RawFrame;

/** A frame ready for the models: its RGB tensor (owned by the caller) and size. */
export interface PreparedFrame {
  tensor: Tensor3D;
  width: number;
  height: number;
}

export interface Detector {
  readonly info: EngineInfo;
  /** Faces in `frame`, in its pixel coordinates. Does not dispose the frame's tensor. */
  detect(frame: PreparedFrame): Promise<FaceBox[]>;
  dispose(): void;
}
