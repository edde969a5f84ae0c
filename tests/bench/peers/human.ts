// @vladmandic/human in the peer benchmark's per-frame mode: the full job on every face of every
// frame, caching off (human-config.ts). loadHuman is shared with the video mode (tests/bench/video).

import { Human, type Config } from '@vladmandic/human';
import { humanConfig, type HumanCaching } from './human-config';
import { describeTf, singleThreadWasm, type BundledTf } from './peer-tfjs';
import type { Backend, FaceSystem } from './system';

/**
 * Human on `backend` with `config` (humanConfig's by default), its models loaded; description:
 * what runs, for the report.
 */
export async function loadHuman(
  backend: Backend,
  caching: HumanCaching,
  config: Partial<Config> = humanConfig(backend, caching),
): Promise<{ human: Human; description: string }> {
  const human = new Human(config);
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

  /**
   * Boxes first: Human with its face detector alone (description and emotion off), one detect;
   * load() then turns them on and loads them (Human.load merges the configuration).
   */
  async firstBoxes(backend: Backend, frame: ImageBitmap): Promise<number> {
    const config = humanConfig(backend, 'off');
    ({ human: this.human, description: this.description } = await loadHuman(
      backend,
      'off',
      {
        ...config,
        face: {
          ...config.face,
          description: { enabled: false },
          emotion: { enabled: false },
        },
      },
    ));
    return this.analyse(frame);
  }

  async load(backend: Backend): Promise<void> {
    if (this.human) await this.human.load(humanConfig(backend, 'off'));
    else
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
