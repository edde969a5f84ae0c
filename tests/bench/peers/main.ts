// Entry of the peer benchmark page: ?system=localsight-mediapipe|localsight-tfjs|human|
// faceapi-tiny|faceapi-ssd
// &backend=wasm|webgl&runs=N. Publishes window.benchResult when done.

// The app's Trusted Types policy, first, as src/main.ts installs it: the dev server sends the
// app's CSP (require-trusted-types-for 'script'), so without it LocalSight's worker is refused.
import '../../../src/app/trusted-types';
import { emptyResult, runBench } from './harness';
import type { Backend, BenchResult, FaceSystem } from './system';

const SYSTEMS: Record<string, () => Promise<FaceSystem>> = {
  'localsight-mediapipe': async () =>
    new (await import('./localsight')).LocalSightSystem('mediapipe'),
  'localsight-tfjs': async () =>
    new (await import('./localsight')).LocalSightSystem('tfjs'),
  human: async () => new (await import('./human')).HumanSystem(),
  'faceapi-tiny': async () =>
    new (await import('./faceapi')).FaceApiTinySystem(),
  'faceapi-ssd': async () => new (await import('./faceapi')).FaceApiSsdSystem(),
};

declare global {
  interface Window {
    benchResult?: BenchResult;
  }
}

const params = new URLSearchParams(location.search);
const name = params.get('system') ?? '';
const backend = (params.get('backend') ?? 'wasm') as Backend;
const runs = Number(params.get('runs') ?? 5);
const make = SYSTEMS[name];
if (!make) {
  window.benchResult = {
    ...emptyResult(name, backend),
    error: `unknown system "${name}"; known: ${Object.keys(SYSTEMS).join(', ')}`,
  };
} else {
  window.benchResult = await runBench(name, await make(), backend, runs);
}
