// Stands in for @mediapipe/face_detection, which @tensorflow-models/face-detection imports
// even for its tfjs runtime. We only use the tfjs runtime; the stub keeps the legacy
// solution's 11 MB wasm out of the bundle (vite.config.ts aliases the import here).

export class FaceDetection {
  constructor() {
    throw new Error(
      'The legacy MediaPipe solution runtime is not bundled; use runtime "tfjs".',
    );
  }
}
