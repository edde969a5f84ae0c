// Constants shared by the page and the worker.

export const DEFAULT_DETECTOR_OPTIONS = {
  engine: 'auto',
  delegate: null,
  backend: 'auto',
  modelType: 'full',
  minScore: null,
  maxFaces: 20,
} as const;

/** Frames are scaled down to this long side before they cross to the worker... */
export const MAX_ANALYSIS_SIDE = 960;
/**
 * ...unless their long side is at most this (a 720p camera, the slideshow): those cross at
 * their own size as a VideoFrame, which costs no copy (issue 7: 0.8 against 13 ms per frame).
 */
export const MAX_DIRECT_SIDE = 1280;

/** Bundled sample footage: the six demo photos of @vladmandic/face-api. */
export const SAMPLE_PHOTOS = [1, 2, 3, 4, 5, 6].map(
  (n) => `sample/sample${n}.jpg`,
);

/**
 * The name of the error the worker throws once a WebGL context its models use is lost (a GPU
 * reset or driver crash): the page then reloads the engine on WASM (DetectorController).
 */
export const GPU_LOST_ERROR = 'GpuContextLost';

/** Failed frames in a row after which the frame pump stops and reports the last error. */
export const MAX_FRAME_FAILURES = 3;
/** The frame pump's pause after a failed frame, ms. */
export const FAILURE_PAUSE_MS = 250;
