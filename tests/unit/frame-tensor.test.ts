// FrameTensorizer in node on the CPU and WASM backends: RGBA bytes become a float RGB tensor,
// the buffer it reuses across frames (WASM) never changes a tensor already made, and releasing
// a frame frees its tensor, also one still being made.

import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FrameTensorizer } from '../../src/model/tfjs/frame-tensor';
import type { BackendName, RawFrame } from '../../src/shared/types';

/** A 3×2 frame whose every byte is a function of its index and `seed`; alpha 255. */
function frame(seed: number): RawFrame {
  const data = new Uint8Array(3 * 2 * 4);
  for (let i = 0; i < data.length; i++)
    data[i] = i % 4 === 3 ? 255 : (i * 7 + seed) % 256;
  return { data, width: 3, height: 2 };
}

/** What the tensor should hold: RGB of `frame(seed)`, row by row. */
function rgb(seed: number): number[] {
  const { data } = frame(seed);
  return Array.from(data).filter((_, i) => i % 4 !== 3);
}

beforeAll(() => {
  setWasmPaths(
    fileURLToPath(
      new URL(
        '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/',
        import.meta.url,
      ),
    ),
  );
});

describe.each<BackendName>(['cpu', 'wasm'])(
  'FrameTensorizer on %s',
  (backend) => {
    beforeAll(async () => {
      expect(await tf.setBackend(backend)).toBe(true);
    });

    it('makes a float32 [h,w,3] tensor of the RGB bytes, and frees it on release', async () => {
      const before = tf.memory().numTensors;
      const tensorizer = new FrameTensorizer(backend);
      const prepared = tensorizer.prepare(frame(1));
      const tensor = await prepared.tensor();
      expect(await prepared.tensor()).toBe(tensor); // made once
      expect(tensor.dtype).toBe('float32');
      expect(tensor.shape).toEqual([2, 3, 3]);
      expect(Array.from(await tensor.data())).toEqual(rgb(1));
      tensorizer.release(prepared);
      expect(tf.memory().numTensors).toBe(before);
    });

    it('keeps an earlier frame tensor intact while later frames reuse the buffers', async () => {
      const tensorizer = new FrameTensorizer(backend);
      const first = tensorizer.prepare(frame(1));
      const a = await first.tensor();
      const second = tensorizer.prepare(frame(2));
      const b = await second.tensor();
      expect(Array.from(await a.data())).toEqual(rgb(1));
      expect(Array.from(await b.data())).toEqual(rgb(2));
      tensorizer.release(first);
      tensorizer.release(second);
    });

    it('frees a tensor that was still being made when its frame was released', async () => {
      const before = tf.memory().numTensors;
      const tensorizer = new FrameTensorizer(backend);
      const prepared = tensorizer.prepare(frame(3));
      const pending = prepared.tensor();
      tensorizer.release(prepared);
      await pending;
      expect(tf.memory().numTensors).toBe(before);
    });
  },
);
