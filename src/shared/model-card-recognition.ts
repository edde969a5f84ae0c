// The model card of face-api's face recognition network: the one identifying model, used by
// authorised face matching only (issue 18) and loaded only while it is on. Pure data;
// imports src/shared only.

import { NOT_PUBLISHED, type ModelCard, type Source } from './model-card-types';

const FACE_API_RECOGNITION: Source = {
  title:
    'face-api.js README, "Face Recognition Model" (V. Mühler): the dlib face recognition network, weights by D. King; @vladmandic/face-api ships the same weights',
  url: 'https://github.com/justadudewhohacks/face-api.js#models-face-recognition',
};
const DLIB_MODELS: Source = {
  title:
    'davisking/dlib-models README, "dlib_face_recognition_resnet_model_v1" (D. King)',
  url: 'https://github.com/davisking/dlib-models',
};
const NISTIR_8280: Source = {
  title:
    'Grother, Ngan & Hanaoka, NISTIR 8280, "Face Recognition Vendor Test (FRVT) Part 3: Demographic Effects", December 2019',
  url: 'https://doi.org/10.6028/NIST.IR.8280',
};

/** The cosine-distance threshold the card reports (src/matching/constants.ts MATCH_THRESHOLD; a test keeps them equal). */
export const CARD_MATCH_THRESHOLD = 0.05;

export const FACE_RECOGNITION_CARD: ModelCard = {
  id: 'face-recognition',
  name: 'face-api.js face recognition network (dlib ResNet, 128-D descriptor), authorised face matching only',
  task: `Turns a face crop (150×150, eyes levelled) into a descriptor of 128 numbers; two descriptors at cosine distance ≤ ${CARD_MATCH_THRESHOLD} are taken as the same person. Used only by authorised face matching, which is off by default: the model is loaded only while matching is on and never otherwise, and the descriptor of a face that matches no enrolled profile is dropped at once.`,
  package: '@vladmandic/face-api',
  version: '1.7.15',
  files: [
    'model/face_recognition_model-weights_manifest.json',
    'model/face_recognition_model.bin',
  ],
  trainedOn: {
    what: 'Training data',
    value:
      'About 3 million faces of 7,485 identities: the FaceScrub and VGG face datasets (about half) and images scraped from the web, cleaned by hand and avoiding identities in LFW. Its make-up by sex, age or skin tone is not published.',
    source: DLIB_MODELS,
  },
  published: [
    {
      what: 'Accuracy on LFW (Labeled Faces in the Wild), pairs of mostly frontal photos of public figures',
      value: '99.38 % (standard deviation 0.27 %)',
      source: DLIB_MODELS,
    },
    {
      what: 'The same figure as face-api.js states it',
      value: '99.38 % on LFW',
      source: FACE_API_RECOGNITION,
    },
    {
      what: 'Results by sex, age or skin tone, and on CCTV-like images',
      value: NOT_PUBLISHED,
      source: null,
    },
  ],
  worseFor: [
    {
      what: 'Groups, in other systems',
      value:
        'NIST found false-match rates differing by factors of 10 to 100 between demographic groups in many of the algorithms it tested: higher for West and East African and East Asian faces, for women, and for children and older people. This model was not tested.',
      source: NISTIR_8280,
    },
    {
      what: 'Hard captures',
      value:
        'Faces that are small, blurred, turned away, partly covered (masks, sunglasses) or lit differently from the enrolment captures give descriptors farther from their profile, so they are missed more often; not measured separately.',
      source: null,
    },
  ],
  measured: [
    {
      what: `False matches, npm run eval:matching (impostor pairs from face photos shipped in npm packages, found and cropped by the app’s own detector, at cosine distance ≤ ${CARD_MATCH_THRESHOLD})`,
      value:
        'None among 631 impostor pairs at full size, nor among 31 pairs of the same photos at live size (640 px wide, faces 55–92 px) (FMR 0 %). The closest impostor pair was at 0.063 (two women of one photo at live size), so the threshold keeps a margin below it. Small sample: with 662 pairs, a true rate up to about 0.5 % could still show none.',
      source: null,
    },
    {
      what: 'Missed matches, same run and threshold',
      value:
        '30.9 % of 55 genuine pairs from different photos, 3.2 % of 277 altered captures of one photo (shifted, scaled, rolled, brighter or darker) and none of 22 faces seen small against their full-size selves (FNMR). The threshold errs on missing people rather than mistaking them; a tracked face gets several tries.',
      source: null,
    },
    {
      what: 'Speed and size',
      value:
        'About 16 ms a face on tfjs WASM; 6.5 MB of weights. Chosen over Human’s faceres (about as accurate, 6× slower) and faceres-deep; mobileface and mobilefacenet did not separate people on these crops.',
      source: null,
    },
  ],
  mitigations: [
    'Off by default: not loaded, and no descriptor computed, until the operator turns authorised matching on with a recorded declaration; the privacy inspector’s network record shows whether it was requested.',
    'Enrolment takes at least 3 captures, and a track is labelled only once 2 of its last 5 descriptors agree on one profile.',
    'The threshold (0.05) sits below the closest impostor pair measured (0.063), trading missed matches for fewer false ones.',
    'Everyone not enrolled is compared and forgotten, never identified; a label is a prompt for staff, never grounds to act against anyone on its own.',
    'Profiles are encrypted, expire, and can be deleted one by one or all at once.',
  ],
};
