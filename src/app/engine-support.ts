// Which browser features the app tests for before it uses them, and, for each one missing
// here, the other path it takes and what that costs, in words fit for the status line.
// Page realm: the worker's own fallbacks (WebGL → WASM, MediaPipe → TensorFlow.js, no nested
// worker for people) are reported by the detector's EngineInfo instead, not here.

/** The feature tests behind each fallback, true where the browser has the feature. */
export interface EngineFeatures {
  /** WebCodecs VideoFrame (src/capture/frame-source.ts grabFrame). */
  videoFrame: boolean;
  /**
   * VideoFrame.copyTo really converts to RGBA (src/shared/rgba-copy.ts). Checked
   * asynchronously: readEngineFeatures says true, and the shell corrects it when the check ends.
   */
  videoFrameRgba: boolean;
  /** WebCodecs ImageDecoder (src/capture/decode-image.ts scaledJpeg). */
  imageDecoder: boolean;
  /** window.trustedTypes (src/app/trusted-types.ts; the CSP's require-trusted-types-for). */
  trustedTypes: boolean;
  /** HTMLVideoElement.requestVideoFrameCallback (src/capture/video-element-source.ts). */
  videoFrameCallback: boolean;
  /** navigator.wakeLock (src/controllers/presentation-controller.ts). */
  wakeLock: boolean;
  /** document.fullscreenEnabled and Element.requestFullscreen (presentation-controller.ts). */
  fullscreen: boolean;
  /** navigator.storage.persist (src/store/counts.ts). */
  storagePersist: boolean;
  /** navigator.serviceWorker (src/pwa/register.ts). */
  serviceWorker: boolean;
  /** navigator.mediaDevices.getUserMedia (src/capture/camera-source.ts). */
  camera: boolean;
  /** indexedDB.databases (src/store/inventory.ts). */
  idbDatabases: boolean;
}

export interface EngineFallback {
  /** Stable, for tests and styles: 'no-videoframe'. */
  id: string;
  /** A few words for a status chip. */
  short: string;
  /** One sentence: what is missing, what the app does instead, what the user loses. */
  detail: string;
}

/** One entry per feature, in the order the status line shows them. */
const FALLBACKS: readonly (EngineFallback & {
  feature: keyof EngineFeatures;
})[] = [
  {
    feature: 'videoFrame',
    id: 'no-videoframe',
    short: 'Frames as bitmaps',
    detail:
      'This browser has no VideoFrame: each frame is copied into a bitmap of at most 960 pixels for the analysis worker, which costs a little speed.',
  },
  {
    feature: 'videoFrameRgba',
    id: 'no-videoframe-rgba',
    short: 'Frames as bitmaps',
    detail:
      'This browser cannot convert a VideoFrame to RGBA (copyTo ignores the format): each frame goes to the analysis worker as a bitmap and is read through a canvas, which costs a little speed.',
  },
  {
    feature: 'videoFrameCallback',
    id: 'no-video-frame-callback',
    short: 'Video checked per refresh',
    detail:
      'This browser cannot announce new video frames (no requestVideoFrameCallback): videos and cameras are checked for a new picture at each screen refresh instead, which may analyse a picture twice and costs a little battery.',
  },
  {
    feature: 'imageDecoder',
    id: 'no-imagedecoder',
    short: 'Huge photos refused',
    detail:
      'This browser has no ImageDecoder: photos are decoded whole, so a JPEG over 50 megapixels is refused instead of being decoded scaled down; smaller photos open as usual.',
  },
  {
    feature: 'storagePersist',
    id: 'no-persist',
    short: 'Counts may be evicted',
    detail:
      'This browser cannot be asked to keep stored data (no storage.persist): counts are saved as usual, but the browser may clear them if the device runs short of space or the app goes unused for a while, so export them now and then.',
  },
  {
    feature: 'wakeLock',
    id: 'no-wake-lock',
    short: 'Screen may sleep',
    detail:
      'This browser cannot keep the screen awake (no Wake Lock): in Present mode the screen may dim or lock, so raise the device’s auto-lock time for long demos.',
  },
  {
    feature: 'fullscreen',
    id: 'no-fullscreen',
    short: 'No full screen',
    detail:
      'This browser offers no full screen for the page here: Present mode fills the window instead and the browser’s bars stay visible.',
  },
  {
    feature: 'trustedTypes',
    id: 'no-trusted-types',
    short: 'No Trusted Types',
    detail:
      'This browser has no Trusted Types: the security policy still admits only this app’s own scripts, but the HTML and script addresses the page creates are not checked a second time.',
  },
  {
    feature: 'serviceWorker',
    id: 'no-service-worker',
    short: 'No offline copy',
    detail:
      'This browser has no service workers here: the app works only while its server can be reached, and nothing is kept for offline use; counting and stored counts work as usual.',
  },
  {
    feature: 'camera',
    id: 'no-camera',
    short: 'No camera access',
    detail:
      'This browser offers no camera access on this page (it needs https or localhost): the sample footage, video files and photos still work.',
  },
  {
    feature: 'idbDatabases',
    id: 'no-idb-databases',
    short: 'Inspector checks one database',
    detail:
      'This browser cannot list its databases (no indexedDB.databases): the privacy inspector reads LocalSight’s own counts database by name and cannot show any other database this site might hold.',
  },
];

/** The fallbacks the app takes for the features missing from `features`; none when all are present. */
export function engineFallbacks(features: EngineFeatures): EngineFallback[] {
  return FALLBACKS.filter(
    (f) =>
      !features[f.feature] &&
      // Without VideoFrame at all, its conversion is moot: one chip says it.
      !(f.feature === 'videoFrameRgba' && !features.videoFrame),
  ).map(({ id, short, detail }) => ({ id, short, detail }));
}

/**
 * This page's features, tested the way the code that uses each one tests it. Read once when
 * the shell starts. A feature whose test throws (indexedDB in a sandboxed frame) is absent.
 */
export function readEngineFeatures(): EngineFeatures {
  const has = (test: () => boolean): boolean => {
    try {
      return test();
    } catch {
      return false;
    }
  };
  const g = globalThis as { trustedTypes?: unknown };
  return {
    videoFrame: has(() => typeof VideoFrame === 'function'),
    videoFrameRgba: true, // until videoFramesReadable() says otherwise (ls-app.ts)
    // scaledJpeg also asks ImageDecoder.isTypeSupported('image/jpeg'), which is async; every
    // engine that has ImageDecoder decodes JPEG.
    imageDecoder: has(() => typeof ImageDecoder === 'function'),
    trustedTypes: has(() => g.trustedTypes != null),
    videoFrameCallback: has(
      () =>
        typeof HTMLVideoElement.prototype.requestVideoFrameCallback ===
        'function',
    ),
    wakeLock: has(() => 'wakeLock' in navigator),
    fullscreen: has(
      () =>
        document.fullscreenEnabled === true &&
        typeof HTMLElement.prototype.requestFullscreen === 'function',
    ),
    storagePersist: has(() => typeof navigator.storage?.persist === 'function'),
    serviceWorker: has(() => 'serviceWorker' in navigator),
    camera: has(
      () => typeof navigator.mediaDevices?.getUserMedia === 'function',
    ),
    idbDatabases: has(() => typeof indexedDB.databases === 'function'),
  };
}
