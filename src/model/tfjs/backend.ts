// Picks the TensorFlow.js backend: WebGL, then WASM, then CPU, and says why.
// A software-rendered WebGL (SwiftShader, llvmpipe) is skipped under 'auto': WASM is 7-13x faster there.

import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName, BackendPreference } from '../../shared/types';
import { SOFTWARE_RENDERER_PATTERN } from '../constants';

const ORDER: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** The WebGL renderer string, or null when WebGL is unavailable in this realm. */
export function webglRenderer(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as
      WebGL2RenderingContext | WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(
      gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER),
    );
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

async function describe(name: BackendName): Promise<string> {
  if (name !== 'wasm') return name.toUpperCase();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `WASM (${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'threads' : 'single thread'})`;
}

export async function selectBackend(
  preference: BackendPreference,
  wasmDirUrl: string,
): Promise<{ backend: BackendName; reason: string }> {
  setWasmPaths(wasmDirUrl);
  // tfjs' threaded WASM build starts its pthreads from `factory.toString()` in a blob: worker;
  // once bundled and minified that source refers to renamed outer variables and every
  // pthread dies with "ReferenceError: e is not defined", so init never settles. It would also
  // need blob: in script-src and worker-src. Single-thread SIMD it is (ADR 0008).
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const candidates =
    preference === 'auto'
      ? ORDER
      : [preference, ...ORDER.filter((b) => b !== preference)];
  const notes: string[] = [];
  for (const name of candidates) {
    if (name === 'webgl' && preference === 'auto') {
      const renderer = webglRenderer();
      if (renderer === null) {
        notes.push('WebGL is unavailable');
        continue;
      }
      if (SOFTWARE_RENDERER_PATTERN.test(renderer)) {
        notes.push('WebGL is software-rendered here, slower than WASM');
        continue;
      }
    }
    try {
      // Its own chunk (370 kB minified), fetched only where WebGL is tried: a device where
      // WASM runs (no GPU, a software renderer) does not parse it at start (issue 19).
      if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
      // The CPU backend too (its own chunk, 86 kB minified, its kernels registered when it
      // loads): only where neither WebGL nor WASM runs (issue 19).
      if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
      if (await tf.setBackend(name)) {
        await tf.ready();
        const label = await describe(name);
        const why =
          preference === name
            ? 'requested'
            : notes.length
              ? notes.join('; ')
              : 'fastest available';
        return { backend: name, reason: `${label}: ${why}` };
      }
      notes.push(`${name} failed to start`);
    } catch (err) {
      notes.push(
        `${name} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  throw new Error(
    `No TensorFlow.js backend could start (${notes.join('; ')}).`,
  );
}
