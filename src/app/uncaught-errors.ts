// Records the page's uncaught errors and unhandled promise rejections: each one is counted on
// the host as `data-uncaught-errors` and told to the user, so every engine (WebKit's automation
// shows no console) leaves evidence of a fault in the app itself. Page realm; imports nothing.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Longest error message quoted to the user; the rest is cut with an ellipsis. */
const MAX_MESSAGE = 200;

/** Where a message comes from: an uncaught throw (ErrorEvent) or a rejection's reason. */
export type Uncaught =
  | { kind: 'error'; error: unknown; message: string }
  | { kind: 'rejection'; reason: unknown };

const nameOf = (v: unknown): string =>
  typeof v === 'object' && v !== null && 'name' in v ? String(v.name) : '';

/**
 * The error's message, or null when it is benign:
 * - an AbortError: only an operation the app aborted on purpose ends so (an AbortController
 *   it fired, a video's play() cut short by the pause() or load() of stopping a source);
 * - "ResizeObserver loop …": the browser postponed some size notifications to the next frame,
 *   which it still delivers; every engine reports this as an error event, with no error
 *   object, although nothing failed (https://github.com/WICG/resize-observer/issues/38).
 */
export function uncaughtMessage(u: Uncaught): string | null {
  const value = u.kind === 'error' ? u.error : u.reason;
  if (nameOf(value) === 'AbortError') return null;
  if (
    u.kind === 'error' &&
    value == null &&
    /^ResizeObserver loop/.test(u.message)
  )
    return null;
  let text: string;
  if (value instanceof Error) text = value.message || value.name;
  else if (u.kind === 'error' && u.message) text = u.message;
  else if (value === undefined)
    text = 'a promise was rejected without a reason';
  else text = String(value);
  text = text.trim() || 'no message';
  return text.length > MAX_MESSAGE
    ? `${text.slice(0, MAX_MESSAGE - 1)}…`
    : text;
}

/** What the user is told of an uncaught error with `message`. */
export function uncaughtNotice(message: string): string {
  const end = /[.!?…]$/.test(message) ? '' : '.';
  return `Something went wrong: ${message}${end} Counts already stored are safe; pick the source again if the stage stops.`;
}

/**
 * Counts uncaught errors from when the host connects; `count` is reflected on the host as
 * `data-uncaught-errors` ("0" from the start) without a render, so an error thrown while the
 * host renders cannot feed itself through this counter.
 */
export class UncaughtErrors implements ReactiveController {
  count = 0;

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement,
    private readonly _onError: (notice: string) => void,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    this._reflect();
    window.addEventListener('error', this._onErrorEvent);
    window.addEventListener('unhandledrejection', this._onRejection);
  }

  hostDisconnected(): void {
    window.removeEventListener('error', this._onErrorEvent);
    window.removeEventListener('unhandledrejection', this._onRejection);
  }

  private readonly _onErrorEvent = (e: ErrorEvent): void =>
    this._record({ kind: 'error', error: e.error, message: e.message });

  private readonly _onRejection = (e: PromiseRejectionEvent): void =>
    this._record({ kind: 'rejection', reason: e.reason });

  private _record(u: Uncaught): void {
    const message = uncaughtMessage(u);
    if (message === null) return;
    this.count++;
    this._reflect();
    this._onError(uncaughtNotice(message));
  }

  private _reflect(): void {
    this._host.dataset.uncaughtErrors = String(this.count);
  }
}
