// Local asset URLs of the model layer, relative to the app's base URL. Never a hub or CDN:
// library defaults that point off the origin (face-detection's model URLs, tfjs's wasm path)
// are overridden with these.

export const ASSET_MANIFEST_PATH = 'asset-manifest.json';

export const FACE_DETECTOR_MODEL_PATHS = {
  full: 'models/facemesh-detection-full.json',
  short: 'models/facemesh-detection-short.json',
} as const;

export const TFJS_WASM_DIR = 'wasm/tfjs/';

/** Renderer strings of software rasterisers, on which tfjs WASM beats WebGL by 7-13x. */
export const SOFTWARE_RENDERER_PATTERN =
  /swiftshader|llvmpipe|softpipe|software|basic render/i;
