// Plain data that crosses the worker boundary and the components' props.
// No DOM, no worker globals, no class instances: everything here must structured-clone.

export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;
export type DetectorModelType = 'full' | 'short';
/** The face-detection engine: TensorFlow.js, or MediaPipe Tasks (issue 6). */
export type EngineName = 'tfjs' | 'mediapipe';
/** 'auto' measures both on this device at first start and keeps the faster one. */
export type EnginePreference = 'auto' | EngineName;
/** MediaPipe's TFLite delegate: XNNPACK on the CPU, or WebGL. */
export type MediapipeDelegate = 'CPU' | 'GPU';

export interface Point {
  x: number;
  y: number;
}

/** One detected face, in the analysed frame's pixel coordinates. */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Detector confidence, 0..1. */
  score: number;
  /** rightEye, leftEye, noseTip, mouthCenter, rightEarTragion, leftEarTragion. */
  keypoints: Point[];
}

/** One detected person (whole body), in the analysed frame's pixel coordinates (issue 15). */
export interface PersonBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Detector confidence for the person class, 0..1. */
  score: number;
}

/** The COCO classes the object-class demo can flag (issue 17). A demo, not a weapon detector. */
export type ObjectLabel = 'knife' | 'scissors' | 'baseball bat';

/** One flagged object, in the analysed frame's pixel coordinates (issue 17); score is for `label`. */
export interface ObjectBox extends PersonBox {
  label: ObjectLabel;
}

/**
 * A frame as the page hands it to the worker (transferred): a VideoFrame where WebCodecs exists,
 * which crosses without a copy, or a bitmap.
 */
export type FrameImage = ImageBitmap | VideoFrame;

/** Raw RGBA pixels, for callers without ImageBitmap (node tests). */
export interface RawFrame {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

export interface DetectResult {
  /** True when the worker was busy and dropped this frame unanalysed. */
  dropped: boolean;
  /** Every face on this frame, with its track's labels so far. */
  tracks: TrackView[];
  /** Every confirmed person on this frame (issue 15). */
  people: PersonView[];
  /** People in view now: confirmed people plus faces with no body (what occupancy counts). */
  inView: number;
  /** Why people are no longer detected (the people lane failed); faces go on. */
  peopleError: string | null;
  /**
   * Why age, gender and mood are not estimated (the attribute models, loaded after the
   * detector, could not load); faces and people go on. null when they are loaded or loading.
   */
  attributesError: string | null;
  /**
   * Knives, scissors and baseball bats the person detector's latest run found (issue 17's
   * object-class demo); always empty while the demo is off (setObjectClasses).
   */
  objects: ObjectBox[];
  /** Visits that ended with this frame (usually none). */
  visits: VisitSummary[];
  frameWidth: number;
  frameHeight: number;
  /** Time spent in the worker on this frame, pixels to labels. */
  inferenceMs: number;
  /** Of which: the attribute models (0 when no face needed them). */
  attributeMs: number;
  /** Faces the attribute models read on this frame. */
  attributeFaces: number;
  /**
   * Issue 18: ids of the enrolled profiles first matched on this frame, one per face track
   * that matched (so a profile is counted once per visit); [] while matching is off. Every
   * worker result sets it (optional for results made outside the worker).
   */
  profilesSeen: string[];
  /**
   * Of inferenceMs: cropping and describing faces for matching and comparing them (0 while
   * matching is off or no face was due); not part of attributeMs.
   */
  matchMs: number;
  /** tfjs tensors alive in the worker after this frame: flat while analysis runs (issue 7). */
  tensors: number;
}

/** One frame through the full job in the benchmarks' per-frame mode (no tracking). */
export interface FrameAnalysis {
  faces: number;
  /** Frame preparation (including the RGB tensor when there are faces) and detection. */
  detectMs: number;
  /** Age, gender and expression on every face, in one batch per model. */
  attributeMs: number;
}

/**
 * The benchmarks' model floor for one frame (issue 7): what the models alone take, inputs made
 * beforehand. The detector is timed as its engine's detect call on the prepared frame: MediaPipe's
 * graph does its own resizing and decoding and cannot be split further.
 */
export interface ModelFloor {
  faces: number;
  detectorMs: number;
  /** Both heads of the age and gender network on every face's 112² crop, read back. */
  ageGenderMs: number;
  /** The expression model on every face's 64² grey crop, read back. */
  expressionMs: number;
}

export interface DetectorOptions {
  /** A concrete engine; 'auto' measures them (see EngineCalibration). */
  engine: EnginePreference;
  /** MediaPipe's delegate; null follows the tfjs backend (GPU only on real WebGL). */
  delegate: MediapipeDelegate | null;
  backend: BackendPreference;
  modelType: DetectorModelType;
  /** Absolute URL of the app's base (models and wasm are resolved against it). */
  assetBase: string;
  /** Faces below this detector score are discarded; null takes the engine's own default. */
  minScore: number | null;
  maxFaces: number;
  /**
   * With engine 'mediapipe' (remembered as the faster here, issue 19): TensorFlow.js, quicker
   * to start, shows the first boxes, and MediaPipe, loaded after the first frame, takes over.
   */
  handover?: boolean;
}

export interface EngineTiming {
  engine: EngineName;
  delegate: MediapipeDelegate | null;
  /** Median ms per frame; null when it could not load or run. */
  ms: number | null;
}

/** Median detection time of each engine on the same frames, measured on this device. */
export interface EngineCalibration {
  /** ms per 640x480 frame; null when that engine could not start here. */
  tfjsMs: number | null;
  /** MediaPipe's best delegate (both are timed where WebGL is real hardware). */
  mediapipeMs: number | null;
  /** The faster one, kept until the user measures again or picks another. */
  engine: EngineName;
  delegate: MediapipeDelegate | null;
  /** Date.now() of the measurement. */
  measuredAt: number;
}

export interface EngineInfo {
  engine: EngineName;
  /** Set for MediaPipe: where its TFLite graph runs. */
  delegate: MediapipeDelegate | null;
  /** Why this engine, in words (e.g. "measured: 19 ms vs 48 ms"). */
  engineReason: string;
  /** Present once the engines were measured ('auto' without a remembered choice). */
  calibration: EngineCalibration | null;
  /**
   * First start under Auto (issue 19): this engine (TensorFlow.js) runs at once, and the other
   * is measured against it after the first frame; true until that measurement ends.
   */
  measuring?: boolean;
  /**
   * A warm start handing over (DetectorOptions.handover): TensorFlow.js runs until MediaPipe,
   * loading after the first frame, takes over; true until it has (or could not start).
   */
  handingOver?: boolean;
  /** Every candidate that load timed (both MediaPipe delegates on real WebGL); not stored. */
  timings: EngineTiming[];
  /** The TensorFlow.js backend: the detector's on the tfjs engine, the attributes' on both. */
  backend: BackendName;
  /** Why this backend, in words (e.g. "WebGL is software-rendered here"). */
  backendReason: string;
  modelType: DetectorModelType;
  loadMs: number;
  warmupMs: number;
  /** The people lane (issue 15): the person detector's backend and load time; null when off. */
  people?: { backend: BackendName; loadMs: number } | null;
  /** Why people are not detected (the person detector could not start): faces alone count. */
  peopleError?: string | null;
  /**
   * The person detector is still loading (issue 19: the first boxes do not wait for it);
   * faces count as people until it is up. See DetectorApi.peopleReady.
   */
  peopleLoading?: boolean;
}

export interface LoadProgress {
  /** 0..1 */
  fraction: number;
  label: string;
}

// ---- Attributes (issue 3) ----

export const AGE_GROUPS = [
  '0-12',
  '13-17',
  '18-24',
  '25-34',
  '35-44',
  '45-54',
  '55-64',
  '65+',
] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export type Gender = 'female' | 'male' | 'unknown';
export const EXPRESSIONS = [
  'angry',
  'disgust',
  'fear',
  'happy',
  'sad',
  'surprise',
  'neutral',
] as const;
export type Expression = (typeof EXPRESSIONS)[number];
export type Mood = 'positive' | 'neutral' | 'negative';

/** Which attribute models run. A switched-off attribute's model is not executed at all. */
export interface AttributeSwitches {
  age: boolean;
  gender: boolean;
  expression: boolean;
}

/** One model reading of one face in one frame. Lives only inside a track, in the worker. */
export interface AttributeSample {
  /** Estimated age in years. */
  age?: number;
  /** Probability that the face *appears* female, 0..1. */
  female?: number;
  /** Probabilities of the seven expressions, summing to ~1, in EXPRESSIONS order. */
  expression?: number[];
}

/** A face being followed right now, as the page shows it. Memory only; never stored. */
export interface TrackView {
  /** Short-lived random id, meaningless outside this track. */
  id: string;
  box: FaceBox;
  ageGroup: AgeGroup | null;
  gender: Gender | null;
  mood: Mood | null;
  expression: Expression | null;
  dwellMs: number;
  attentionMs: number;
  /** Turned towards the camera on this frame. */
  facing: boolean;
  /** The person (PersonView id) this face belongs to on this frame; null for a face with no body. */
  personId: string | null;
  /**
   * The enrolled profile this face track was matched to (issue 18); null while matching is off
   * or the face is unmatched. Every worker result sets it; optional only because the face
   * session builds views before the worker adds it.
   */
  match: TrackMatch | null;
}

/** An enrolled profile a face track matched: its id and the operator's label. */
export interface TrackMatch {
  profileId: string;
  label: string;
}

/**
 * What the worker matches faces against while authorised matching is on (issue 18). The page
 * sends the descriptors as transferred buffers, never copied, and never anything else of them.
 */
export interface MatchingConfig {
  gallery: { id: string; label: string; descriptors: Float32Array[] }[];
  /** Cosine distance at or under which a face matches a capture. */
  threshold: number;
}

/** A person being followed right now (issue 15), as the page shows it. Memory only; never stored. */
export interface PersonView {
  /** Short-lived random id, meaningless outside this track. */
  id: string;
  /** Where the tracker puts the person on this frame (a detection, or predicted between them). */
  box: PersonBox;
  /** The face joined to this person on this frame, if any (its TrackView id). */
  faceId: string | null;
  /** The joined face's labels so far; null when no face of this person has been read. */
  ageGroup: AgeGroup | null;
  gender: Gender | null;
  mood: Mood | null;
  dwellMs: number;
}

/**
 * What is left of a track when it ends: anonymous, one per visit. The worker forgets
 * everything else about the track; issue 4 folds these into aggregate buckets.
 */
export interface VisitSummary {
  /** Wall-clock start of the visit, ms since the epoch. */
  startedAt: number;
  dwellMs: number;
  attentionMs: number;
  glances: number;
  watcher: boolean;
  ageGroup: AgeGroup | null;
  gender: Gender | null;
  mood: Mood | null;
  expression: Expression | null;
}

export interface FrameTime {
  /** Media or monotonic time of the frame, ms; strictly increasing within a source. */
  t: number;
  /** Wall clock at the frame, ms since the epoch. */
  wall: number;
}
