// Small browser helpers for the shell: localStorage that tolerates being unavailable, a file
// download through an object URL, and error messages in words.

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Saves `text` as a file through a temporary object URL. */
export function download(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  // Revoked later: Chromium reads the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** localStorage, tolerating browsers where it is unavailable (private modes, blocked storage). */
export function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function removeStorage(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing was stored, then.
  }
}

/** Saves `value`; false when the browser refused (storage full, blocked, unavailable). */
export function writeStorage(key: string, value: string): boolean {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false; // the caller says so: settings then last for this page only
  }
}
