// MediaPipe BlazeFace (full- or short-range) through @tensorflow-models/face-detection's
// tfjs runtime, on weights served by the app and checked against their sha256.

import {
  createDetector,
  MediaPipeFaceDetectorTfjs,
  SupportedModels,
} from '@tensorflow-models/face-detection';
import type {
  DetectorModelType,
  EngineInfo,
  FaceBox,
} from '../../shared/types';
import { toFaceBoxes, type RelativeDetection } from '../../pipeline/detections';
import type { AssetFetcher } from '../asset-fetcher';
import { FACE_DETECTOR_MODEL_PATHS } from '../constants';
import type { Detector, PreparedFrame } from '../detector';
import { prefetchGraphModel, verifiedModelHandler } from './graph-model-loader';

export interface TfjsDetectorOptions {
  modelType: DetectorModelType;
  maxFaces: number;
  minScore: number;
}

export class TfjsFaceDetector implements Detector {
  private constructor(
    readonly info: EngineInfo,
    private readonly _model: MediaPipeFaceDetectorTfjs,
    private readonly _minScore: number,
  ) {}

  /** Loads the model; the tfjs backend must already be selected. */
  /** Starts downloading the model create() will load (see AssetFetcher.prefetch). */
  static prefetch(fetcher: AssetFetcher, modelType: DetectorModelType): void {
    prefetchGraphModel(fetcher, FACE_DETECTOR_MODEL_PATHS[modelType]);
  }

  static async create(
    options: TfjsDetectorOptions,
    info: EngineInfo,
    fetcher: AssetFetcher,
    onFraction: (fraction: number) => void,
  ): Promise<TfjsFaceDetector> {
    const model = await createDetector(SupportedModels.MediaPipeFaceDetector, {
      runtime: 'tfjs',
      modelType: options.modelType,
      maxFaces: options.maxFaces,
      detectorModelUrl: verifiedModelHandler(
        fetcher,
        FACE_DETECTOR_MODEL_PATHS[options.modelType],
        onFraction,
      ),
    });
    if (!(model instanceof MediaPipeFaceDetectorTfjs))
      throw new Error('Unexpected detector runtime.');
    return new TfjsFaceDetector(info, model, options.minScore);
  }

  async detect(frame: PreparedFrame): Promise<FaceBox[]> {
    // detectFaces (unlike estimateFaces) keeps each detection's score.
    const detections = (await this._model.detectFaces(
      await frame.tensor(),
      false,
    )) as RelativeDetection[];
    return toFaceBoxes(detections, frame.width, frame.height, this._minScore);
  }

  dispose(): void {
    this._model.dispose();
  }
}
