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
 * settings, full, or blocked for sandboxed frames (reading `window.localStorage` throws there), and
 * tracking must go on in each case. `none` is a plain in-memory map: kept for the page's life,
 * written nowhere.
 */
export function storageArea(kind: StorageKind): StorageArea {
  const memory: Record<string, string> = Object.create(null);
  const area: Record<string, (key: string, value?: string) => any> = {};
  for (const method of ['get', 'set', 'remove']) {
    // The store is looked up at each use: one that throws (or is missing) now may work later.
    area[method] = (key, value) => {
      try {
        return kind != 'none'
          ? (window as any)[kind + 'Storage'][method + 'Item'](key, value)
          : method == 'get'
            ? key in memory ? memory[key] : null
            : method == 'set' ? (memory[key] = value!) : delete memory[key];
      } catch (_) {
        return null;
      }
    };
  }
  return area as unknown as StorageArea;
}
