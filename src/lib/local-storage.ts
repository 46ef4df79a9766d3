/**
 * localStorage access that never throws: storage can be missing, disabled by the visitor's
 * settings, full, or blocked for sandboxed frames, and tracking must go on in each case.
 */
export function readLocalStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch (_) {
    return null;
  }
}

/** Writes a value; a browser that refuses it (full, disabled) is ignored. */
export function writeLocalStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch (_) {
    // The cookie and the in-memory copy still hold the value.
  }
}
