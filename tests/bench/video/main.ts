// Entry of the video benchmark page (issue 7, video mode): ?system=localsight|human
// &backend=wasm|webgl&seconds=N&warmup=N[&engine=mediapipe|tfjs][&rate=R: footage playback rate].
// Publishes window.benchResult.

// The app's Trusted Types policy, first, as src/main.ts installs it: the dev server sends the
// app's CSP (require-trusted-types-for 'script'), so without it LocalSight's worker is refused.
import '../../../src/app/trusted-types';
import type { EngineName } from '../../../src/shared/types';
import type { Backend } from '../peers/system';
import {
  emptyResult,
  runVideoBench,
  type VideoBenchResult,
  type VideoSystem,
} from './harness';

const params = new URLSearchParams(location.search);
const engine = (params.get('engine') ?? 'mediapipe') as EngineName;

const SYSTEMS: Record<string, () => Promise<VideoSystem>> = {
  localsight: async () =>
    new (await import('./localsight')).LocalSightVideo(engine),
  human: async () => new (await import('./human')).HumanVideo(),
};

// The per-frame page declares window.benchResult as its own BenchResult type; both pages are
// type-checked together, so this one publishes through a cast instead of a second declaration.
const publish = (result: VideoBenchResult): void => {
  (window as unknown as { benchResult: VideoBenchResult }).benchResult = result;
};

const name = params.get('system') ?? '';
const backend = (params.get('backend') ?? 'wasm') as Backend;
const seconds = Number(params.get('seconds') ?? 30);
const warmup = Number(params.get('warmup') ?? 10);
const rate = Number(params.get('rate') ?? 1);
const make = SYSTEMS[name];
if (!make) {
  publish({
    ...emptyResult(name, backend),
    error: `unknown system "${name}"; known: ${Object.keys(SYSTEMS).join(', ')}`,
  });
} else {
  publish(
    await runVideoBench(name, await make(), backend, warmup, seconds, rate),
  );
}
