import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storageArea, storageAreas } from '../../src/lib/storage-area';

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('storageArea', () => {
  it.each([
    ['local', () => localStorage],
    ['session', () => sessionStorage],
  ] as const)('%s: reads, writes and removes in its Web Storage', (kind, storage) => {
    const area = storageArea(kind);
    area.set('k', 'v');
    expect(storage().getItem('k')).toBe('v');
    expect(area.get('k')).toBe('v');
    area.remove('k');
    expect(area.get('k')).toBeNull();
  });

  it('none: keeps values in memory only, per area', () => {
    const area = storageArea('none');
    area.set('k', 'v');
    expect(area.get('k')).toBe('v');
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(storageArea('none').get('k')).toBeNull();
    area.remove('k');
    expect(area.get('k')).toBeNull();
  });

  it('never throws: storage that throws on use, or whose global throws', () => {
    const spies = [
      vi.spyOn(localStorage, 'getItem').mockImplementation(() => {
        throw new DOMException('denied', 'SecurityError');
      }),
      vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
        throw new DOMException('full', 'QuotaExceededError');
      }),
    ];
    const area = storageArea('local');
    expect(area.get('k')).toBeNull();
    expect(() => area.set('k', 'v')).not.toThrow();
    spies.forEach((spy) => spy.mockRestore()); // happy-dom's storage is not restored by restoreMocks
    vi.stubGlobal('sessionStorage', null);
    expect(storageArea('session').get('k')).toBeNull();
  });
});

describe('storageAreas', () => {
  it('gives the kind the option names now, and one area per kind for the tracker’s life', () => {
    let kind: 'local' | 'none' = 'none';
    const area = storageAreas(() => kind);
    area().set('k', 'memory');
    expect(area('none').get('k')).toBe('memory');
    kind = 'local';
    expect(area().get('k')).toBeNull();
    expect(area('none')).toBe(area('none'));
  });
});
