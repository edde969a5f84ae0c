// Opens the counts database for a page that must not wait on it: whoever asks waits at most
// `timeoutMs` (the open goes on, and `opened` hears when it lands), and after a failure it is
// tried again only once `retryMs` has passed. Imports this folder only.

import type { CountsStore } from './types';

export interface OpenerOptions {
  open(): Promise<CountsStore>;
  timeoutMs: number;
  retryMs: number;
  /** The database opened (possibly long after the timeout). */
  opened(store: CountsStore): Promise<void>;
  failed(err: unknown): void;
  /** `timeoutMs` passed and it has not opened or failed yet. */
  slow(): void;
}

export class Opener {
  private _inFlight: Promise<void> | null = null;
  private _wait: Promise<void> = Promise.resolve();
  private _retryLater = false;

  constructor(private readonly _options: OpenerOptions) {}

  /** An open is in flight, possibly past its timeout (another tab's upgrade holds it). */
  get pending(): boolean {
    return this._inFlight !== null;
  }

  /**
   * Starts an open unless one is in flight or one failed less than `retryMs` ago. Resolves
   * when the open in flight settles (after `opened` or `failed`) or times out, never rejects.
   */
  open(): Promise<void> {
    if (!this._inFlight && !this._retryLater) this._start();
    return this._wait;
  }

  private _start(): void {
    const { timeoutMs, retryMs } = this._options;
    let settled = false;
    const attempt: Promise<void> = this._options
      .open()
      .then(
        (store) => {
          settled = true;
          return this._options.opened(store);
        },
        (err: unknown) => {
          settled = true;
          this._retryLater = true;
          setTimeout(() => (this._retryLater = false), retryMs);
          this._options.failed(err);
        },
      )
      .finally(() => {
        if (this._inFlight === attempt) this._inFlight = null;
      });
    this._inFlight = attempt;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        if (!settled) this._options.slow();
        resolve();
      }, timeoutMs);
    });
    this._wait = Promise.race([attempt, timeout]).finally(() =>
      clearTimeout(timer),
    );
  }
}
