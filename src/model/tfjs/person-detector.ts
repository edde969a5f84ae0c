// Whole-body person detector (issue 15): Human's MB3-CenterNet on the frame letterboxed into
// its fixed 512×512 input, RGB 0..255 as Human feeds it. Person boxes in frame pixels, down to a
// low score floor for the tracker's second stage; on request, the object-class demo's boxes
// from the same run (issue 17). No DOM, no tracking here.

import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { ObjectBox, PersonBox } from '../../shared/types';
import type { AssetFetcher } from '../asset-fetcher';
import {
  OBJECT_CLASSES,
  OBJECT_MIN_SCORE,
  OBJECT_NMS_IOU,
  PERSON_CLASS,
  PERSON_DETECTOR_MODEL_PATH,
  PERSON_INPUT_SIZE,
  PERSON_MIN_SCORE,
  PERSON_NMS_IOU,
} from '../constants';
import { verifiedModelHandler } from './graph-model-loader';
import { decodeObjects } from './object-decode';
import { decodePersons, letterbox } from './person-decode';

const OUTPUT = 'tower_0/detections';

export class PersonDetector {
  private constructor(private readonly _model: GraphModel) {}

  /** Loads the checksummed model; the tfjs backend must already be selected. */
  static async create(
    fetcher: AssetFetcher,
    onFraction: (fraction: number) => void = () => {},
  ): Promise<PersonDetector> {
    const model = await loadGraphModel(
      verifiedModelHandler(fetcher, PERSON_DETECTOR_MODEL_PATH, onFraction),
    );
    return new PersonDetector(model);
  }

  /**
   * Person candidates in `frame` (float32 [h,w,3] RGB 0..255, as PreparedFrame.tensor() gives),
   * in frame pixels, score ≥ PERSON_MIN_SCORE, after NMS, best first. The frame stays the
   * caller's; every tensor made here is freed.
   */
  async detect(frame: tf.Tensor3D): Promise<PersonBox[]> {
    return (await this.detectAll(frame, false)).people;
  }

  /**
   * detect()'s people and, when `objects` is on, the object-class demo's knives, scissors and
   * baseball bats (issue 17) from the same run, score ≥ `objectMinScore` (the evaluation script
   * goes lower to sweep thresholds); none when it is off.
   */
  async detectAll(
    frame: tf.Tensor3D,
    objects: boolean,
    objectMinScore = OBJECT_MIN_SCORE,
  ): Promise<{ people: PersonBox[]; objects: ObjectBox[] }> {
    const [height, width] = frame.shape;
    const fit = letterbox(width, height, PERSON_INPUT_SIZE);
    const output = tf.tidy(() => {
      const pixels =
        frame.dtype === 'float32' ? frame : tf.cast(frame, 'float32');
      const scaled = tf.image.resizeBilinear(pixels, [fit.height, fit.width]);
      // Zero padding right and below keeps the box mapping a plain scale.
      const input = tf.pad(scaled, [
        [0, PERSON_INPUT_SIZE - fit.height],
        [0, PERSON_INPUT_SIZE - fit.width],
        [0, 0],
      ]);
      return this._model.execute(
        tf.expandDims(input, 0),
        OUTPUT,
      ) as tf.Tensor3D;
    });
    try {
      const rows = await output.data();
      const frameSize = { frameWidth: width, frameHeight: height };
      return {
        people: decodePersons(rows, fit, {
          classIndex: PERSON_CLASS,
          minScore: PERSON_MIN_SCORE,
          iouThreshold: PERSON_NMS_IOU,
          ...frameSize,
        }),
        objects: objects
          ? decodeObjects(rows, fit, {
              classes: OBJECT_CLASSES,
              minScore: objectMinScore,
              iouThreshold: OBJECT_NMS_IOU,
              ...frameSize,
            })
          : [],
      };
    } finally {
      output.dispose();
    }
  }

  dispose(): void {
    this._model.dispose();
  }
}
