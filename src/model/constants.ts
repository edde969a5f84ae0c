// Local asset URLs of the model layer, relative to the app's base URL. Never a hub or CDN:
// library defaults that point off the origin (face-detection's model URLs, tfjs's wasm path)
// are overridden with these.

import type { ObjectLabel } from '../shared/types';

export const ASSET_MANIFEST_PATH = 'asset-manifest.json';

export const FACE_DETECTOR_MODEL_PATHS = {
  full: 'models/facemesh-detection-full.json',
  short: 'models/facemesh-detection-short.json',
} as const;

export const TFJS_WASM_DIR = 'wasm/tfjs/';

/** The npm face detectors with TFLite metadata added at copy time (models/manifest.json). */
export const MEDIAPIPE_MODEL_PATHS = {
  full: 'models/face_detection_full_range.tflite',
  short: 'models/face_detection_short_range.tflite',
} as const;

/** MediaPipe Tasks' ES-module wasm build, which a module worker needs (MEASURED.md). */
export const MEDIAPIPE_WASM_LOADER_PATH =
  'wasm/mediapipe/vision_wasm_module_internal.js';
export const MEDIAPIPE_WASM_PATH =
  'wasm/mediapipe/vision_wasm_module_internal.wasm';

/**
 * Default minimum detector scores. The same network scores faces lower through MediaPipe
 * Tasks (it letterboxes the frame instead of stretching it): on the demo photos its weakest
 * true face scored 0.64-0.68 and its strongest false one 0.32, so 0.6 cut true faces.
 */
export const DEFAULT_MIN_SCORE = { tfjs: 0.6, mediapipe: 0.5 } as const;

/** Boxes overlapping more than this are one face (MediaPipe's non-max suppression). */
export const MEDIAPIPE_SUPPRESSION_THRESHOLD = 0.3;

/** Calibration: timed runs per engine after one warm-up run, on each calibration frame. */
export const CALIBRATION_RUNS = 5;
/** The bundled photos the engines are timed on, scaled to 640x480. */
export const CALIBRATION_PHOTOS = ['sample/sample1.jpg', 'sample/sample4.jpg'];
export const CALIBRATION_SIZE = { width: 640, height: 480 } as const;

/** Renderer strings of software rasterisers, on which tfjs WASM beats WebGL by 7-13x. */
export const SOFTWARE_RENDERER_PATTERN =
  /swiftshader|llvmpipe|softpipe|software|basic render/i;

/**
 * The person detector (issue 15): Human's MB3-CenterNet, COCO classes, fixed 512×512 input.
 * Frames are letterboxed into it (scaled to fit, padded right and below with zeros), which on
 * PETS09-S2L1 (768×576) beat stretching: recall 0.88 vs 0.86 at score ≥ 0.4, IoU ≥ 0.4.
 */
export const PERSON_DETECTOR_MODEL_PATH = 'models/centernet.json';
export const PERSON_INPUT_SIZE = 512;
/** COCO class index of "person" in CenterNet's output. */
export const PERSON_CLASS = 0;
/**
 * Lowest person score kept. Deliberately low: the tracker's second association stage matches
 * lost or occluded people to weak boxes (ByteTrack); it applies its own high threshold to start
 * tracks. At 0.1 CenterNet finds 95 % of the people on PETS09-S2L1, at precision 0.26.
 */
export const PERSON_MIN_SCORE = 0.1;
/** Person boxes overlapping more than this (IoU) are one person. */
export const PERSON_NMS_IOU = 0.5;

/**
 * The object-class demo (issue 17): COCO classes the same CenterNet run can flag, by index in
 * its 80-class contiguous order (mobilenetv3_centernet trains on it; OpenCV's
 * object_detection_classes_yolov3.txt lists the same order). A demo, not a weapon detector.
 */
export const OBJECT_CLASSES: Readonly<Record<number, ObjectLabel>> = {
  34: 'baseball bat',
  43: 'knife',
  76: 'scissors',
};
/** Lowest score a flagged object is reported at (scripts/eval-objects.mjs measures it). */
export const OBJECT_MIN_SCORE = 0.3;
/** Boxes of one flagged class overlapping more than this (IoU) are one object. */
export const OBJECT_NMS_IOU = 0.5;

/**
 * Authorised face matching (issue 18), used only while the operator has turned it on: face-api's
 * face recognition network (a weights manifest and one shard next to it). Nothing loads it
 * while matching is off.
 */
export { FACE_RECOGNITION_MANIFEST_PATH } from '../matching/constants';
/** Input side of the recognition network (RGB 0..255; it normalises itself). */
export const FACE_RECOGNITION_INPUT_SIZE = 150;
/**
 * Crop side as a multiple of the detector box's longer side: face-api crops its aligned box
 * with no margin, and 1.0 is what `npm run eval:matching` measured.
 */
export const FACE_RECOGNITION_CROP_MARGIN = 1.0;
/** Length of a face descriptor. */
export const FACE_DESCRIPTOR_LENGTH = 128;
/** Kept with the matching domain, which the page reads too. */
export { MATCH_THRESHOLD } from '../matching/constants';
/** A face box narrower or shorter than this (frame pixels) is not described: too few pixels to tell people apart. */
export const MATCH_MIN_FACE_PX = 40;
/** An unmatched face track is described at most this often (frame time). */
export const MATCH_INTERVAL_MS = 300;
/** A labelled face track is described again this often, to check it is still that person. */
export const MATCH_RECHECK_MS = 1000;
