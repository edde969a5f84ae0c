// FramePump: one frame in flight; a failed frame is dropped and the pump goes on, and only
// MAX_FRAME_FAILURES failures in a row stop it with the last error.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrameSource } from '../../src/capture/frame-source';
import { FramePump } from '../../src/capture/frame-pump';
import {
  FAILURE_PAUSE_MS,
  MAX_FRAME_FAILURES,
} from '../../src/shared/constants';
import type { DetectResult, FrameImage } from '../../src/shared/types';

const RESULT: DetectResult = {
  dropped: false,
  tracks: [],
  people: [],
  inView: 0,
  peopleError: null,
  attributesError: null,
  objects: [],
  profilesSeen: [],
  matchMs: 0,
  visits: [],
  frameWidth: 4,
  frameHeight: 4,
  inferenceMs: 1,
  attributeMs: 0,
  attributeFaces: 0,
  tensors: 0,
};

/** A source with a frame always ready; t counts grabs. */
function source(): FrameSource {
  let t = 0;
  return {
    kind: 'sample',
    label: 'test',
    element: null as unknown as HTMLCanvasElement,
    size: () => ({ width: 4, height: 4 }),
    nextFrame: () => new Promise((resolve) => setTimeout(resolve, 1)),
    time: () => ({ t: ++t, wall: t }),
    grab: () => Promise.resolve({ close() {} } as unknown as FrameImage),
    onEnd: null,
    stop() {},
  };
}

describe('FramePump', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('drops a failed frame and goes on, then stops after failures in a row', async () => {
    // Frames 2 and 3 fail (a transient fault), then 4..6 succeed, then every frame fails.
    let n = 0;
    const analyse = vi.fn(() => {
      n += 1;
      if (n === 2 || n === 3 || n >= 7)
        return Promise.reject(new Error(`frame ${n} failed`));
      return Promise.resolve(RESULT);
    });
    const onResult = vi.fn();
    const onError = vi.fn();
    const pump = new FramePump(source(), { analyse, onResult, onError });
    pump.start();
    await vi.advanceTimersByTimeAsync(20 * FAILURE_PAUSE_MS);
    expect(onResult).toHaveBeenCalledTimes(4); // frames 1, 4, 5, 6
    expect(onError).toHaveBeenCalledOnce();
    expect((onError.mock.calls[0] as unknown[])[0]).toEqual(
      new Error(`frame ${6 + MAX_FRAME_FAILURES} failed`),
    );
    expect(analyse).toHaveBeenCalledTimes(6 + MAX_FRAME_FAILURES);
    expect(pump.running).toBe(false);
  });

  it('stops at once without reporting when stopped during the pause', async () => {
    const analyse = vi.fn(() => Promise.reject(new Error('boom')));
    const onError = vi.fn();
    const pump = new FramePump(source(), {
      analyse,
      onResult: () => {},
      onError,
    });
    pump.start();
    await vi.advanceTimersByTimeAsync(5);
    expect(analyse).toHaveBeenCalledOnce();
    pump.stop();
    await vi.advanceTimersByTimeAsync(10 * FAILURE_PAUSE_MS);
    expect(analyse).toHaveBeenCalledOnce();
    expect(onError).not.toHaveBeenCalled();
  });
});
