// Local asset URLs of the model layer, relative to the app's base URL. Never a hub or CDN:
// library defaults that point off the origin (face-detection's model URLs, tfjs's wasm path)
// are overridden with these.

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
