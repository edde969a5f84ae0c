// GpuWatch: once a watched canvas reports its WebGL context lost, checks throw and work in
// flight is abandoned with GPU_LOST_ERROR (a tfjs read on a lost context may never settle).

import { describe, expect, it } from 'vitest';
import { GpuWatch } from '../../src/model/gpu-watch';
import { GPU_LOST_ERROR } from '../../src/shared/constants';

/** A stand-in WebGL context: a canvas for the event, and isContextLost. */
function context() {
  const gl = {
    canvas: new EventTarget(),
    lostNow: false,
    isContextLost: () => gl.lostNow,
  };
  return gl;
}
const lose = (gl: ReturnType<typeof context>) =>
  gl.canvas.dispatchEvent(new Event('webglcontextlost'));

describe('GpuWatch', () => {
  it('passes work through while the context lives', async () => {
    const watch = new GpuWatch();
    watch.watch(context());
    watch.watch(null); // no GPU in use: ignored
    expect(() => watch.check()).not.toThrow();
    await expect(watch.race(Promise.resolve(42))).resolves.toBe(42);
    await expect(
      watch.race(Promise.reject(new Error('model'))),
    ).rejects.toThrow('model');
  });

  it('abandons work that never settles once a watched context is lost', async () => {
    const gl = context();
    const watch = new GpuWatch();
    watch.watch(gl);
    const stuck = watch.race(new Promise<number>(() => {}));
    lose(gl);
    const err = await stuck.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe(GPU_LOST_ERROR);
    expect(watch.lost).toBe(true);
    expect(() => watch.check()).toThrow('context was lost');
    // Later work is refused at once.
    await expect(watch.race(Promise.resolve(1))).rejects.toMatchObject({
      name: GPU_LOST_ERROR,
    });
  });

  it('sees a loss the context reports before its event arrives', () => {
    const gl = context();
    const watch = new GpuWatch();
    watch.watch(gl);
    expect(watch.lost).toBe(false);
    gl.lostNow = true; // a call failed ("Failed to compile fragment shader"); no event yet
    expect(() => watch.check()).toThrow('context was lost');
  });

  it('explains a failed call by a loss that shows a moment later', async () => {
    const gl = context();
    const watch = new GpuWatch();
    watch.watch(gl);
    await expect(watch.explain(100)).resolves.toBeUndefined(); // no loss: nothing to say
    setTimeout(() => lose(gl), 20);
    await expect(watch.explain()).rejects.toMatchObject({
      name: GPU_LOST_ERROR,
    });
  });
});
