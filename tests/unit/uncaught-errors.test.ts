import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  UncaughtErrors,
  uncaughtMessage,
  uncaughtNotice,
} from '../../src/app/uncaught-errors';

describe('uncaughtMessage', () => {
  it('quotes an Error thrown and not caught', () => {
    const error = new TypeError('x is not a function');
    expect(uncaughtMessage({ kind: 'error', error, message: 'Uncaught' })).toBe(
      'x is not a function',
    );
  });

  it('uses the event message when the error object is missing', () => {
    expect(
      uncaughtMessage({ kind: 'error', error: null, message: 'Script error.' }),
    ).toBe('Script error.');
  });

  it('quotes a rejection with an Error, a string, or no reason', () => {
    expect(
      uncaughtMessage({ kind: 'rejection', reason: new Error('quota') }),
    ).toBe('quota');
    expect(uncaughtMessage({ kind: 'rejection', reason: 'busy' })).toBe('busy');
    expect(uncaughtMessage({ kind: 'rejection', reason: undefined })).toBe(
      'a promise was rejected without a reason',
    );
  });

  it('names an Error with no message by its name', () => {
    expect(
      uncaughtMessage({ kind: 'rejection', reason: new RangeError() }),
    ).toBe('RangeError');
  });

  it('ignores an AbortError: the app aborted that operation itself', () => {
    const abort = new DOMException(
      'The play() request was interrupted',
      'AbortError',
    );
    expect(uncaughtMessage({ kind: 'rejection', reason: abort })).toBeNull();
    expect(
      uncaughtMessage({ kind: 'error', error: abort, message: 'Uncaught' }),
    ).toBeNull();
  });

  it('ignores the ResizeObserver loop report, and only that', () => {
    const message =
      'ResizeObserver loop completed with undelivered notifications.';
    expect(uncaughtMessage({ kind: 'error', error: null, message })).toBeNull();
    // The same words in a real Error are not the browser's report.
    expect(
      uncaughtMessage({ kind: 'error', error: new Error(message), message }),
    ).toBe(message);
  });

  it('cuts a long message', () => {
    const text = uncaughtMessage({
      kind: 'rejection',
      reason: new Error('a'.repeat(500)),
    });
    expect(text).toHaveLength(200);
    expect(text?.endsWith('…')).toBe(true);
  });
});

describe('uncaughtNotice', () => {
  it('says what went wrong, that stored counts are safe, and what to do', () => {
    expect(uncaughtNotice('x is not a function')).toBe(
      'Something went wrong: x is not a function. Counts already stored are safe; pick the source again if the stage stops.',
    );
    expect(uncaughtNotice('Script error.')).toMatch(
      /^Something went wrong: Script error\. Counts/,
    );
  });
});

describe('UncaughtErrors', () => {
  let win: EventTarget;
  let host: ReactiveControllerHost & HTMLElement;
  let controller: ReactiveController | null;

  beforeEach(() => {
    win = new EventTarget();
    vi.stubGlobal('window', win);
    controller = null;
    host = {
      dataset: {},
      addController: (c: ReactiveController) => (controller = c),
    } as unknown as typeof host;
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const fire = (type: string, props: Record<string, unknown>): void => {
    win.dispatchEvent(Object.assign(new Event(type), props));
  };

  it('reflects 0 once connected, then counts and reports each uncaught error', () => {
    const notices: string[] = [];
    const errors = new UncaughtErrors(host, (n) => notices.push(n));
    expect(controller).toBe(errors);
    errors.hostConnected();
    expect(host.dataset.uncaughtErrors).toBe('0');

    fire('error', {
      error: new Error('boom'),
      message: 'Uncaught Error: boom',
    });
    fire('unhandledrejection', { reason: new Error('lost') });
    fire('unhandledrejection', {
      reason: new DOMException('aborted', 'AbortError'),
    });
    expect(errors.count).toBe(2);
    expect(host.dataset.uncaughtErrors).toBe('2');
    expect(notices).toEqual([uncaughtNotice('boom'), uncaughtNotice('lost')]);

    errors.hostDisconnected();
    fire('error', { error: new Error('late'), message: 'late' });
    expect(errors.count).toBe(2);
  });
});
