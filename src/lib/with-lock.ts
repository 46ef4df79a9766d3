/**
 * Runs `task` while holding the named Web Lock, shared by every tab of the site, or not at all when
 * another tab holds it (that tab is doing the work). Without Web Locks the task runs unguarded.
 * Resolves when the task ended or was skipped; never rejects.
 */
export function withLock(name: string, task: () => Promise<void>): Promise<void> {
  try {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (locks) {
      return locks.request(name, { ifAvailable: true }, (lock) => (lock ? task() : undefined)).then(
        () => {},
        () => {},
      );
    }
  } catch (_) {
    // A broken Web Locks implementation: fall through to running unguarded.
  }
  return task().catch(() => {});
}
