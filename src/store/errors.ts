// The errors the counts store raises, so callers can tell a full disk from a newer app from a
// closed connection. Imports src/shared only.

export { StoreValidationError } from '../shared/aggregates';

/** The database was written by a newer LocalSight; this code will not read or change it. */
export class StoreVersionError extends Error {
  override name = 'StoreVersionError';
  constructor(
    readonly dbName: string,
    readonly foundVersion: number | null,
    readonly knownVersion: number,
  ) {
    super(
      `The counts database "${dbName}" was written by a newer LocalSight ` +
        `(schema ${foundVersion ?? 'unknown'}, this version knows up to ${knownVersion}); ` +
        'refusing to touch it. Update the app, or wipe the data.',
    );
  }
}

/** The browser refused to store more: the site's storage quota is used up. */
export class StoreQuotaError extends Error {
  override name = 'StoreQuotaError';
  constructor(cause: unknown) {
    super(
      'The browser refused to save the counts: storage for this site is full. ' +
        'Export and purge old counts, or free disk space. Nothing from this batch was saved.',
      { cause },
    );
  }
}

/** The connection is gone: closed, wiped, or closed for another tab's upgrade. */
export class StoreClosedError extends Error {
  override name = 'StoreClosedError';
}

// Chrome and Safari name it QuotaExceededError; old Firefox used its own name.
const QUOTA_NAMES = ['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED'];

export function isNamed(err: unknown, ...names: string[]): boolean {
  // Not `instanceof Error`: DOMExceptions from another realm (or a polyfill) fail that.
  const name: unknown =
    typeof err === 'object' && err && Reflect.get(err, 'name');
  return typeof name === 'string' && names.includes(name);
}

/**
 * Maps a failed request or transaction to a store error. A quota failure often arrives as
 * an AbortError on the request while the transaction's own `error` says why, so both count.
 */
export function toStoreError(err: unknown, txError?: unknown): unknown {
  if (isNamed(err, ...QUOTA_NAMES) || isNamed(txError, ...QUOTA_NAMES)) {
    return new StoreQuotaError(isNamed(err, ...QUOTA_NAMES) ? err : txError);
  }
  return err;
}
