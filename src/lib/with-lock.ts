/**
 * Runs `task` while holding the named Web Lock, shared by every tab of the site, or not at all when
 * another tab holds it (that tab is doing the work). Without Web Locks (or with a broken
 * implementation) the task runs unguarded. Resolves when the task ended or was skipped; never
 * rejects, for a task that never rejects.
 */
export function withLock(name: string, task: () => Promise<void>): Promise<unknown> {
  try {
    return (navigator as Navigator & { locks: LockManager }).locks.request(name, { ifAvailable: true }, (lock) => lock && task()).catch(() => {});
  } catch (_) {
    return task();
  }
}
