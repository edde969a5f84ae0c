// Notices when a WebGL context the models draw on is lost (the GPU process crashed or reset,
// the driver ran out of memory). From then on every result would be an error or silently
// empty, and a tfjs read can wait forever on a fence that never signals, so the engine races
// each model call against the loss and throws GPU_LOST_ERROR.
// Worker realm: no DOM; OffscreenCanvas dispatches the event in workers too.

import { GPU_LOST_ERROR } from '../shared/constants';

function gpuLostError(): Error {
  const err = new Error('The graphics (WebGL) context was lost');
  err.name = GPU_LOST_ERROR;
  return err;
}

/** What GpuWatch needs of a WebGL context (WebGLRenderingContext and WebGL2 both fit). */
export interface WatchedContext {
  readonly canvas: EventTarget;
  isContextLost(): boolean;
}

export class GpuWatch {
  private _lost = false;
  private _onLost: (() => void)[] = [];
  private readonly _contexts: WatchedContext[] = [];

  /**
   * True once a watched context is lost. The event comes a task later than the first failing
   * call (tfjs: "Failed to compile fragment shader"), so the contexts are asked too.
   */
  get lost(): boolean {
    if (!this._lost && this._contexts.some((gl) => gl.isContextLost()))
      this._markLost();
    return this._lost;
  }

  /** Watches one context; null (no GPU in use) is ignored. */
  watch(gl: WatchedContext | null | undefined): void {
    if (!gl) return;
    this._contexts.push(gl);
    gl.canvas.addEventListener('webglcontextlost', () => this._markLost());
  }

  private _markLost(): void {
    this._lost = true;
    for (const settle of this._onLost.splice(0)) settle();
  }

  /** Throws GPU_LOST_ERROR once a watched context is lost. */
  check(): void {
    if (this.lost) throw gpuLostError();
  }

  /**
   * After a model call failed: waits up to `ms` for a loss to show (Chromium reports it a
   * moment after the first failing call) and throws GPU_LOST_ERROR if one does.
   */
  async explain(ms = 1000): Promise<void> {
    if (this._contexts.length === 0) return;
    for (let waited = 0; !this.lost && waited < ms; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    this.check();
  }

  /** `work`, or GPU_LOST_ERROR as soon as a watched context is lost (work may never settle). */
  race<T>(work: Promise<T>): Promise<T> {
    if (this._contexts.length === 0) return work; // no GPU in use: nothing can be lost
    if (this.lost) return Promise.reject(gpuLostError());
    let settle = () => {};
    const lost = new Promise<never>((_, reject) => {
      settle = () => reject(gpuLostError());
      this._onLost.push(settle);
    });
    return Promise.race([work, lost]).finally(() => {
      this._onLost = this._onLost.filter((s) => s !== settle);
    });
  }
}
