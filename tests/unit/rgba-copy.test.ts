import { describe, expect, it } from 'vitest';
import { copyToConvertsToRgba } from '../../src/shared/rgba-copy';

interface Init {
  format: string;
  codedWidth: number;
  codedHeight: number;
}

/** A VideoFrame stand-in; `convert` says what its copyTo does with { format: 'RGBA' }. */
function fakeVideoFrame(convert: 'converts' | 'ignores' | 'throws' | 'swaps') {
  let closed = 0;
  class FakeFrame {
    constructor(
      private readonly _bytes: Uint8Array,
      private readonly _init: Init,
    ) {}
    copyTo(out: Uint8Array): Promise<{ offset: number; stride: number }[]> {
      if (convert === 'throws')
        return Promise.reject(new TypeError('unsupported'));
      const w = this._init.codedWidth;
      if (convert === 'ignores') {
        // The frame's own layout, as WebKitGTK 2.50 writes it.
        out.set(this._bytes);
        return Promise.resolve(
          this._init.format === 'I420'
            ? [
                { offset: 0, stride: w },
                { offset: 4, stride: w / 2 },
                { offset: 5, stride: w / 2 },
              ]
            : [{ offset: 0, stride: w * 4 }],
        );
      }
      // Red as RGBA, or (swaps) as BGRA written under the RGBA name.
      const px = convert === 'converts' ? [250, 10, 5, 255] : [5, 10, 250, 255];
      for (let i = 0; i < 4; i++) out.set(px, i * 4);
      return Promise.resolve([{ offset: 0, stride: w * 4 }]);
    }
    close(): void {
      closed++;
    }
  }
  return {
    VF: FakeFrame as unknown as typeof VideoFrame,
    closed: () => closed,
  };
}

describe('copyToConvertsToRgba', () => {
  it('trusts an engine whose copyTo converts both samples to red RGBA', async () => {
    const fake = fakeVideoFrame('converts');
    await expect(copyToConvertsToRgba(fake.VF)).resolves.toBe(true);
    expect(fake.closed()).toBe(2);
  });

  it('refuses an engine that ignores the format and writes I420 planes (WebKitGTK 2.50)', async () => {
    const fake = fakeVideoFrame('ignores');
    await expect(copyToConvertsToRgba(fake.VF)).resolves.toBe(false);
    expect(fake.closed()).toBeGreaterThan(0);
  });

  it('refuses a conversion that leaves the channels in BGRA order', async () => {
    await expect(
      copyToConvertsToRgba(fakeVideoFrame('swaps').VF),
    ).resolves.toBe(false);
  });

  it('refuses an engine whose copyTo rejects the option, and one with no WebCodecs', async () => {
    await expect(
      copyToConvertsToRgba(fakeVideoFrame('throws').VF),
    ).resolves.toBe(false);
    await expect(copyToConvertsToRgba(undefined)).resolves.toBe(false);
  });
});
