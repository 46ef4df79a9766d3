/** Where a tracker may keep what it remembers. */
export type StorageKind = 'local' | 'session' | 'none';

/** A key/value store that never throws. */
export interface StorageArea {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

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
 * settings, full, or blocked for sandboxed frames (reading `window.localStorage` throws there), and
 * tracking must go on in each case. `none` is a plain in-memory map: kept for the page's life,
 * written nowhere.
 */
export function storageArea(kind: StorageKind): StorageArea {
  const memory: Record<string, string> = {};
  const inMemory: Store = {
    getItem: (key) => (key in memory ? memory[key] : null),
    setItem: (key, value) => void (memory[key] = value),
    removeItem: (key) => void delete memory[key],
  };
  // Looked up at each use: a store that throws (or is missing) now may work later, and the other way round.
  const attempt = <T>(action: (store: Store) => T): T | null => {
    try {
      return action(kind == 'none' ? inMemory : (window as unknown as Record<string, Store>)[kind + 'Storage']);
    } catch (_) {
      return null;
    }
  };
  return {
    get: (key) => attempt((store) => store.getItem(key)),
    set: (key, value) => void attempt((store) => store.setItem(key, value)),
    remove: (key) => void attempt((store) => store.removeItem(key)),
  };
}
