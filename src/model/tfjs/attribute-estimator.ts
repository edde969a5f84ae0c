// Apparent age, gender and facial expression of detected faces (issue 3): face-api's age and
// gender network and Human's FER-2013 expression model, each run once per frame on one batch
// of upright face crops. A switched-off attribute's model (or head) does not run.

import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import {
  EXPRESSIONS,
  type AttributeSample,
  type AttributeSwitches,
  type FaceBox,
} from '../../shared/types';
import type { AssetFetcher } from '../asset-fetcher';
import { AgeGenderNet, type AgeGenderOutput } from './age-gender-net';
import {
  AGE_GENDER_INPUT_SIZE,
  AGE_GENDER_MANIFEST_PATH,
  ATTRIBUTE_CROP_MARGIN,
  EXPRESSION_INPUT_SIZE,
  EXPRESSION_MODEL_CLASSES,
  EXPRESSION_MODEL_PATH,
  GREY_WEIGHTS,
} from './attribute-constants';
import { cropFaces } from './face-crops';
import { verifiedModelHandler } from './graph-model-loader';

/** Column of the model's output for each entry of EXPRESSIONS. */
const EXPRESSION_ORDER = EXPRESSIONS.map((e) =>
  EXPRESSION_MODEL_CLASSES.indexOf(e),
);

type Outputs = AgeGenderOutput & { expression?: tf.Tensor2D };
// A type, not an interface, so tf.tidy accepts it as a tensor container.
type ModelInputs = { ageGender?: tf.Tensor4D; expression?: tf.Tensor4D };

const ALL_ON: AttributeSwitches = { age: true, gender: true, expression: true };

/**
 * What the switched-on models read: 112² RGB 0..255 crops for age and gender, 64² grey -1..1
 * crops for the expression model. Call inside tf.tidy.
 */
function modelInputs(
  frame: tf.Tensor3D,
  faces: readonly FaceBox[],
  { age, gender, expression }: AttributeSwitches,
): ModelInputs {
  const inputs: ModelInputs = {};
  // Cast once: both crop sizes sample the same float frame.
  const pixels = frame.dtype === 'float32' ? frame : tf.cast(frame, 'float32');
  const crop = (size: number) =>
    cropFaces(pixels, faces, { size, margin: ATTRIBUTE_CROP_MARGIN });
  if (age || gender) inputs.ageGender = crop(AGE_GENDER_INPUT_SIZE);
  if (expression) {
    // Grey in -1..1 from RGB 0..255, as Human's src/gear/emotion.ts feeds it.
    const grey = tf.sum(
      tf.mul(crop(EXPRESSION_INPUT_SIZE), GREY_WEIGHTS),
      3,
      true,
    );
    inputs.expression = tf.sub<tf.Tensor4D>(tf.div(grey, 127.5), 1);
  }
  return inputs;
}

export class AttributeEstimator {
  private constructor(
    private readonly _ageGender: AgeGenderNet,
    private readonly _expression: GraphModel,
  ) {}

  /** Loads every attribute model, whatever the switches say, so toggling is instant. */
  static async create(
    fetcher: AssetFetcher,
    onFraction: (fraction: number) => void = () => {},
  ): Promise<AttributeEstimator> {
    // The expression weights (0.8 MB) and the age/gender weights (0.4 MB) load side by side.
    const parts = [0, 0];
    const report = (i: number) => (f: number) => {
      parts[i] = f;
      onFraction((2 * parts[0]! + parts[1]!) / 3);
    };
    const [expression, ageGender] = await Promise.allSettled([
      loadGraphModel(
        verifiedModelHandler(fetcher, EXPRESSION_MODEL_PATH, report(0)),
      ),
      AgeGenderNet.load(fetcher, AGE_GENDER_MANIFEST_PATH, report(1)),
    ]);
    if (expression.status === 'fulfilled' && ageGender.status === 'fulfilled')
      return new AttributeEstimator(ageGender.value, expression.value);
    if (expression.status === 'fulfilled') expression.value.dispose();
    if (ageGender.status === 'fulfilled') ageGender.value.dispose();
    throw expression.status === 'rejected'
      ? expression.reason
      : (ageGender as PromiseRejectedResult).reason;
  }

  /**
   * One sample per face, in `faces` order, with only the switched-on fields. The frame is RGB
   * 0..255 (int32 or float32) and stays the caller's; every tensor made here is freed.
   */
  async estimate(
    frame: tf.Tensor3D,
    faces: readonly FaceBox[],
    switches: AttributeSwitches,
  ): Promise<AttributeSample[]> {
    const samples: AttributeSample[] = faces.map(() => ({}));
    const { age, gender, expression } = switches;
    if (faces.length === 0 || !(age || gender || expression)) return samples;
    const outputs = tf.tidy((): Outputs => {
      const inputs = modelInputs(frame, faces, switches);
      const out: Outputs = {};
      if (inputs.ageGender)
        Object.assign(
          out,
          this._ageGender.predict(inputs.ageGender, { age, gender }),
        );
      if (inputs.expression)
        out.expression = this._expressions(inputs.expression);
      return out;
    });
    try {
      const [ages, female, probs] = await Promise.all([
        outputs.age?.data(),
        outputs.female?.data(),
        outputs.expression?.data(),
      ]);
      const n = EXPRESSIONS.length;
      samples.forEach((s, i) => {
        if (ages) s.age = ages[i]!;
        if (female) s.female = female[i]!;
        if (probs) s.expression = Array.from(probs.subarray(i * n, i * n + n));
      });
      return samples;
    } finally {
      tf.dispose(Object.values(outputs));
    }
  }

  /**
   * The benchmark's model floor (issue 7): the inputs estimate() would feed both models, made
   * and computed first, untimed; then each model alone on them, timed to its read-back.
   */
  async timeModels(
    frame: tf.Tensor3D,
    faces: readonly FaceBox[],
  ): Promise<{ ageGenderMs: number; expressionMs: number }> {
    const inputs = tf.tidy(() => modelInputs(frame, faces, ALL_ON));
    try {
      await Promise.all(Object.values(inputs).map((t) => t.data()));
      let t0 = performance.now();
      const ageGender = this._ageGender.predict(inputs.ageGender!, {
        age: true,
        gender: true,
      });
      await Promise.all([ageGender.age!.data(), ageGender.female!.data()]);
      const ageGenderMs = performance.now() - t0;
      tf.dispose(Object.values(ageGender));
      t0 = performance.now();
      const probs = tf.tidy(() => this._expressions(inputs.expression!));
      await probs.data();
      const expressionMs = performance.now() - t0;
      probs.dispose();
      return { ageGenderMs, expressionMs };
    } finally {
      tf.dispose(Object.values(inputs));
    }
  }

  /** Expression probabilities [N,7] in EXPRESSIONS order, from grey -1..1 crops. */
  private _expressions(input: tf.Tensor4D): tf.Tensor2D {
    const probs = this._expression.execute(input) as tf.Tensor2D;
    return tf.gather(probs, EXPRESSION_ORDER, 1);
  }

  dispose(): void {
    this._ageGender.dispose();
    this._expression.dispose();
  }
}
