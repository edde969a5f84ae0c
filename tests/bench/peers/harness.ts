// Runs one system through the per-frame protocol in the page: letterbox the six demo photos
// into 640x480 frames, load, answer the first frame, warm up, then time `runs` passes over
// all six while a PerformanceObserver counts main-thread long tasks; then the model floor
// (where the system has one) over the same passes.

import {
  FRAME,
  PHOTOS,
  type Backend,
  type BenchResult,
  type FaceSystem,
} from './system';

/** A photo scaled to fit 640x480 (aspect kept, black bars), as a fresh bitmap. */
export async function letterboxed(url: string): Promise<ImageBitmap> {
  const photo = await createImageBitmap(await (await fetch(url)).blob());
  const canvas = new OffscreenCanvas(FRAME.width, FRAME.height);
  const ctx = canvas.getContext('2d')!;
  const scale = Math.min(
    FRAME.width / photo.width,
    FRAME.height / photo.height,
  );
  const w = Math.round(photo.width * scale);
  const h = Math.round(photo.height * scale);
  ctx.fillRect(0, 0, FRAME.width, FRAME.height);
  ctx.drawImage(photo, (FRAME.width - w) / 2, (FRAME.height - h) / 2, w, h);
  photo.close();
  return canvas.transferToImageBitmap();
}

/** A result with nothing measured yet, for `name` on `backend`. */
export function emptyResult(name: string, backend: Backend): BenchResult {
  return {
    system: name,
    backend,
    description: '',
    msPerFrame: [],
    faces: [],
    firstBoxMs: 0,
    firstResultMs: 0,
    loadMs: 0,
    split: {},
    floorPasses: [],
    longTasks: 0,
    longTaskMs: 0,
    heapBytes: null,
    error: null,
  };
}

export async function runBench(
  name: string,
  system: FaceSystem,
  backend: Backend,
  runs: number,
): Promise<BenchResult> {
  const result = emptyResult(name, backend);
  try {
    const frames = await Promise.all(PHOTOS.map(letterboxed));
    // Each analyse call gets its own copy: LocalSight transfers (and so consumes) the bitmap.
    const copy = (i: number) => createImageBitmap(frames[i]!);
    const t0 = performance.now();
    // Boxes first where the system can show them before the rest has loaded.
    if (system.firstBoxes) {
      await system.firstBoxes(backend, await copy(0));
      result.firstBoxMs = performance.now(); // since navigation start
    }
    await system.load(backend);
    result.loadMs = performance.now() - t0;
    await system.analyse(await copy(0));
    result.firstResultMs = performance.now();
    result.firstBoxMs ||= result.firstResultMs;
    result.description = system.describe();
    await system.settled?.();
    for (let i = 0; i < frames.length; i++) await system.analyse(await copy(i));
    // Give the event loop back between frames, as a live page does, so a long task is one
    // frame's blocking and not the whole loop (analyse may only await microtasks).
    const yieldToLoop = () => new Promise((resolve) => setTimeout(resolve, 0));
    await yieldToLoop();
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        result.longTasks += 1;
        result.longTaskMs += entry.duration;
      }
    });
    observer.observe({ type: 'longtask', buffered: false });
    const splits: Record<string, number[]> = {};
    for (let run = 0; run < runs; run++) {
      for (let i = 0; i < frames.length; i++) {
        const frame = await copy(i);
        await yieldToLoop();
        const start = performance.now();
        const faces = await system.analyse(frame);
        result.msPerFrame.push(performance.now() - start);
        result.faces[i] = faces;
        for (const [key, ms] of Object.entries(system.lastSplit?.() ?? {}))
          (splits[key] ??= []).push(ms);
      }
    }
    // Long tasks are reported asynchronously; let the last ones arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    for (const [key, values] of Object.entries(splits))
      result.split[key] = values.sort((a, b) => a - b)[values.length >> 1]!;
    const memory = (
      performance as unknown as { memory?: { usedJSHeapSize: number } }
    ).memory;
    result.heapBytes = memory?.usedJSHeapSize ?? null;
    // The model floor after the timed runs, over the same frames, the same number of passes.
    for (let run = 0; system.floor && run < runs; run++) {
      const pass: Record<string, number> = {};
      for (let i = 0; i < frames.length; i++) {
        for (const [key, ms] of Object.entries(
          await system.floor(await copy(i)),
        ))
          pass[key] = (pass[key] ?? 0) + ms;
      }
      result.floorPasses.push(pass);
    }
    system.dispose();
  } catch (err) {
    result.error =
      err instanceof Error ? `${err.message}\n${err.stack}` : String(err);
  }
  return result;
}
