// @vladmandic/human in the video benchmark, run as Human's own demos run a video: its defaults
// for the input cache and frame skipping (human-config.ts 'defaults'), and
// `await human.detect(video)` in a requestAnimationFrame loop on the main thread
// (demo/typescript/index.ts, detectionLoop).

import type { Human } from '@vladmandic/human';
import { loadHuman } from '../peers/human';
import type { BundledTf } from '../peers/peer-tfjs';
import type { Backend } from '../peers/system';
import type { Footage } from './footage';
import type { FrameAnswer, VideoSystem } from './harness';

type HumanTf = BundledTf & { memory(): { numTensors: number } };

export class HumanVideo implements VideoSystem {
  private _human: Human | null = null;
  private _description = '';
  private _footage: Footage | null = null;
  private _stopped = false;
  /** Called after the current detect call returns. */
  private _betweenFrames: (() => void)[] = [];
  /** Calls that returned an error (e.g. the video not ready): not fresh answers. */
  private _errors = 0;

  async load(backend: Backend): Promise<void> {
    ({ human: this._human, description: this._description } = await loadHuman(
      backend,
      'defaults',
    ));
  }

  async start(
    play: (video: HTMLVideoElement) => Promise<Footage>,
    onAnswer: (answer: FrameAnswer) => void,
    onError: (err: unknown) => void,
  ): Promise<Footage> {
    const human = this._human;
    if (!human) throw new Error('HumanVideo: load() first');
    const video = document.createElement('video');
    const footage = await play(video);
    this._footage = footage;
    const loop = async (): Promise<void> => {
      if (this._stopped) return;
      try {
        if (!video.paused) {
          const shown = footage.shown;
          const t0 = performance.now();
          const result = await human.detect(video);
          const latencyMs = performance.now() - t0;
          if (result.error) this._errors += 1;
          else onAnswer({ latencyMs, faces: result.face.length, shown });
          for (const run of this._betweenFrames.splice(0)) run();
        }
        requestAnimationFrame(() => void loop());
      } catch (err) {
        onError(err);
      }
    };
    void loop();
    return footage;
  }

  tensorsBetweenFrames(): Promise<number> {
    return new Promise((resolve) =>
      this._betweenFrames.push(() =>
        resolve((this._human?.tf as HumanTf).memory().numTensors),
      ),
    );
  }

  counters(): Record<string, number> {
    const perf = this._human?.performance ?? {};
    return {
      // Human's own counts: every detect call, and those it judged unchanged (skipAllowed).
      totalFrames: perf.totalFrames ?? 0,
      cachedFrames: perf.cachedFrames ?? 0,
      errors: this._errors,
    };
  }

  describe(): string {
    return `${this._description}, its default input cache and frame skipping`;
  }

  stop(): void {
    this._stopped = true;
    this._footage?.stop();
  }
}
