// What the peers (Human, face-api) share: putting the tfjs each one bundles on 'wasm' or
// 'webgl', with its wasm files from node_modules, single-threaded like LocalSight (ADR 0008).

import type { Backend } from './system';

/**
 * tfjs' WASM binaries from @tensorflow/tfjs-backend-wasm 4.22.0: the dev server serves
 * node_modules, bench-peers.mjs copies them into its build under the same path (PEER_FILES).
 */
export const TFJS_WASM_DIR =
  '/node_modules/@tensorflow/tfjs-backend-wasm/dist/';

/** The part of a bundled tfjs namespace the peers' typings leave out. */
export interface BundledTf {
  version: Record<string, string>;
  setBackend(name: string): Promise<boolean>;
  getBackend(): string;
  ready(): Promise<void>;
  env(): {
    set(flag: string, value: boolean | number): void;
    getAsync(flag: string): Promise<unknown>;
  };
  setWasmPaths?(prefix: string): void;
}

/**
 * tfjs' threaded WASM build starts its pthreads as blob: workers, which the CSP blocks
 * (worker-src 'self'); LocalSight runs single-threaded SIMD for the same reason. Call before
 * the backend starts.
 */
export function singleThreadWasm(tf: BundledTf): void {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

/** Starts `backend` on a bundled tfjs (face-api: the caller's own path; Human does it itself). */
export async function startBackend(
  tf: BundledTf,
  backend: Backend,
): Promise<void> {
  if (backend === 'wasm') {
    if (!tf.setWasmPaths)
      throw new Error('this tfjs bundle has no wasm backend');
    tf.setWasmPaths(TFJS_WASM_DIR);
    singleThreadWasm(tf);
  }
  if (!(await tf.setBackend(backend))) {
    throw new Error(`tfjs backend ${backend} failed to start`);
  }
  await tf.ready();
  if (tf.getBackend() !== backend) {
    throw new Error(`tfjs runs ${tf.getBackend()}, not ${backend}`);
  }
}

/** "tfjs 4.22.0 wasm (SIMD, single thread)" or "tfjs 4.22.0 webgl". */
export async function describeTf(tf: BundledTf): Promise<string> {
  const name = tf.getBackend();
  const version = tf.version['tfjs-core'] ?? tf.version.tfjs ?? '?';
  if (name !== 'wasm') return `tfjs ${version} ${name}`;
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `tfjs ${version} wasm (${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'threads' : 'single thread'})`;
}
