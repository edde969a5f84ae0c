// The one interface every face-detection engine implements. Holders of native memory
// (tensors, wasm heaps) release it in dispose().

import type { EngineInfo, FaceBox, RawFrame } from '../shared/types';

export type DetectorInput = ImageBitmap | RawFrame;

export interface Detector {
  readonly info: EngineInfo;
  /** Faces in `frame`, in its pixel coordinates. Does not close the frame. */
  detect(frame: DetectorInput): Promise<FaceBox[]>;
  /** Number of live tensors (or 0 for engines without tensors), for leak checks. */
  liveTensors(): number;
  dispose(): void;
}
