/** Where a tracker may keep what it remembers. */
export type StorageKind = 'local' | 'session' | 'none';

/** A key/value store that never throws. */
export interface StorageArea {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/**
 * The storage areas of one tracker, each made when first asked for and kept (the memory of `none`
 * lasts as long as the tracker): the one its `storage` option names (`kind()`), or one of the given kind.
 */
export function storageAreas(kind: () => StorageKind): (which?: StorageKind) => StorageArea {
  const areas: Partial<Record<StorageKind, StorageArea>> = {};
  return (which = kind()) => areas[which] || (areas[which] = storageArea(which));
}

/**
 * localStorage or sessionStorage behind a guard: storage can be missing, disabled by the visitor's
 * settings, full, or blocked for sandboxed frames (reading the global throws), and tracking must go on
 * in each case. `none` is a plain in-memory map: kept for the page's life, written nowhere.
 */
export function storageArea(kind: StorageKind): StorageArea {
  const memory: Record<string, string> = {};
  const attempt = <T>(action: (storage: Storage) => T, fallback: T): T => {
    try {
      // A missing storage (null) throws here too.
      return action(kind == 'local' ? localStorage : sessionStorage);
    } catch (_) {
      return fallback;
    }
  };
  return kind == 'none'
    ? {
        get: (key) => (key in memory ? memory[key] : null),
        set: (key, value) => void (memory[key] = value),
        remove: (key) => void delete memory[key],
      }
    : {
        get: (key) => attempt((storage) => storage.getItem(key), null),
        set: (key, value) => attempt((storage) => storage.setItem(key, value), undefined),
        remove: (key) => attempt((storage) => storage.removeItem(key), undefined),
      };
}
