// @vladmandic/human in the peer benchmark's per-frame mode: the full job on every face of every
// frame, caching off (human-config.ts). loadHuman is shared with the video mode (tests/bench/video).

import { Human } from '@vladmandic/human';
import { humanConfig, type HumanCaching } from './human-config';
import { describeTf, singleThreadWasm, type BundledTf } from './peer-tfjs';
import type { Backend, FaceSystem } from './system';

/** Human on `backend`, its models loaded; description: what runs, for the report. */
export async function loadHuman(
  backend: Backend,
  caching: HumanCaching,
): Promise<{ human: Human; description: string }> {
  const human = new Human(humanConfig(backend, caching));
  const tf = human.tf as BundledTf;
  // Human reads this flag when it picks the wasm binary; the threaded one needs blob: workers.
  if (backend === 'wasm') singleThreadWasm(tf);
  await human.load();
  if (tf.getBackend() !== backend) {
    throw new Error(`Human runs tfjs ${tf.getBackend()}, not ${backend}`);
  }
  return {
    human,
    description: `Human ${human.version}, ${await describeTf(tf)}`,
  };
}

export class HumanSystem implements FaceSystem {
  private human: Human | null = null;
  private description = '';

  async load(backend: Backend): Promise<void> {
    ({ human: this.human, description: this.description } = await loadHuman(
      backend,
      'off',
    ));
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
