// Local asset paths, input sizes and normalisation constants of the attribute models
// (issue 3, docs/decisions/0006-attribute-models.md). Never a hub or CDN URL.

import type { Expression } from '../../shared/types';

/** face-api's age and gender network: a weights manifest and one shard next to it. */
export const AGE_GENDER_MANIFEST_PATH =
  'models/age_gender_model-weights_manifest.json';
/** Human's FER-2013 expression classifier (oarriaga), a tfjs graph model. */
export const EXPRESSION_MODEL_PATH = 'models/emotion.json';

/** Input side of the age and gender network (RGB). */
export const AGE_GENDER_INPUT_SIZE = 112;
/** Input side of the expression model (grey). */
export const EXPRESSION_INPUT_SIZE = 64;

/**
 * Crop side as a multiple of the detector box's longer side, for both models. Human enlarges
 * its BlazeFace box 1.4× for its face models; on the demo photos 1.4 kept every gender and
 * the laughing face right with both models (ADR 0006).
 */
export const ATTRIBUTE_CROP_MARGIN = 1.4;

/** face-api subtracts this mean RGB and divides by 255 (src/xception/TinyXception.ts). */
export const AGE_GENDER_MEAN_RGB = [122.782, 117.001, 104.298];

/** ITU-R BT.601 luma weights, as Human uses for its grey models (src/tfjs/constants.ts). */
export const GREY_WEIGHTS = [0.2989, 0.587, 0.114];

/** emotion.json's output classes in its own (FER-2013) order. */
export const EXPRESSION_MODEL_CLASSES: readonly Expression[] = [
  'angry',
  'disgust',
  'fear',
  'happy',
  'sad',
  'surprise',
  'neutral',
];
