// @vladmandic/face-api doing LocalSight's job: a face detector (TinyFaceDetector at input
// size 416, or SSD MobileNet v1), then age/gender and expressions on every face.

import * as faceapi from '@vladmandic/face-api';
import { describeTf, startBackend, type BundledTf } from './peer-tfjs';
import { FRAME, type Backend, type FaceSystem } from './system';

/**
 * face-api's weights from its npm package: the dev server serves node_modules, bench-peers.mjs
 * copies them into its build under the same path (PEER_FILES).
 */
const MODELS = '/node_modules/@vladmandic/face-api/model/';

abstract class FaceApiSystem implements FaceSystem {
  private canvas: HTMLCanvasElement | null = null;
  private ctx: CanvasRenderingContext2D | null = null;
  private finder: Promise<void> | null = null;
  private description = '';

  protected abstract readonly label: string;
  protected abstract loadDetector(): Promise<void>;
  protected abstract options(): faceapi.FaceDetectionOptions;

  /** Boxes first: the backend and the detector alone, then detectAllFaces on the frame. */
  async firstBoxes(backend: Backend, frame: ImageBitmap): Promise<number> {
    await this.loadFinder(backend);
    const canvas = this.draw(frame);
    return (await faceapi.detectAllFaces(canvas, this.options())).length;
  }

  async load(backend: Backend): Promise<void> {
    // All at once when there was no firstBoxes; the attribute models alone after it.
    await Promise.all([
      this.loadFinder(backend),
      faceapi.nets.ageGenderNet.loadFromUri(MODELS),
      faceapi.nets.faceExpressionNet.loadFromUri(MODELS),
    ]);
    const tf = faceapi.tf as unknown as BundledTf;
    this.description = `face-api ${faceapi.version} ${this.label}, ${await describeTf(tf)}`;
  }

  async analyse(frame: ImageBitmap): Promise<number> {
    const canvas = this.draw(frame);
    const faces = await faceapi
      .detectAllFaces(canvas, this.options())
      .withAgeAndGender()
      .withFaceExpressions();
    return faces.length;
  }

  /** The backend, the detector and the canvas, once. */
  private loadFinder(backend: Backend): Promise<void> {
    this.finder ??= (async () => {
      await startBackend(faceapi.tf as unknown as BundledTf, backend);
      await this.loadDetector();
      // face-api takes <img>, <video>, <canvas> or tensors, not an ImageBitmap. It crops the
      // faces with getImageData, and asks its canvases for willReadFrequently itself.
      this.canvas = document.createElement('canvas');
      this.canvas.width = FRAME.width;
      this.canvas.height = FRAME.height;
      this.ctx = this.canvas.getContext('2d', { willReadFrequently: true });
      if (!this.ctx) throw new Error('no 2D canvas context');
    })();
    return this.finder;
  }

  /** The frame onto the canvas (consumed): the conversion is part of the timed job. */
  private draw(frame: ImageBitmap): HTMLCanvasElement {
    try {
      if (!this.canvas || !this.ctx) throw new Error('face-api: load() first');
      this.ctx.drawImage(frame, 0, 0, this.canvas.width, this.canvas.height);
      return this.canvas;
    } finally {
      frame.close();
    }
  }

  describe(): string {
    return this.description;
  }

  dispose(): void {
    this.canvas = null;
    this.ctx = null;
  }
}

/** TinyFaceDetector, face-api's default input size 416, score threshold 0.5. */
export class FaceApiTinySystem extends FaceApiSystem {
  protected readonly label = 'TinyFaceDetector 416';
  private readonly opts = new faceapi.TinyFaceDetectorOptions({
    inputSize: 416,
    scoreThreshold: 0.5,
  });

  protected loadDetector(): Promise<void> {
    return faceapi.nets.tinyFaceDetector.loadFromUri(MODELS);
  }

  protected options(): faceapi.FaceDetectionOptions {
    return this.opts;
  }
}

/** SSD MobileNet v1, min confidence 0.5 (face-api's default). */
export class FaceApiSsdSystem extends FaceApiSystem {
  protected readonly label = 'SSD MobileNet v1';
  private readonly opts = new faceapi.SsdMobilenetv1Options({
    minConfidence: 0.5,
  });

  protected loadDetector(): Promise<void> {
    return faceapi.nets.ssdMobilenetv1.loadFromUri(MODELS);
  }

  protected options(): faceapi.FaceDetectionOptions {
    return this.opts;
  }
}
