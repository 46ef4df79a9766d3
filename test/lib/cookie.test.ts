import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readCookie, writeCookie } from '../../src/lib/cookie';

// happy-dom ignores max-age=0: cookies of the test are removed by a past expiry.
const clear = (name: string) => (document.cookie = name + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/');
beforeEach(() => {
  clear('tracker_test');
});

describe('cookies', () => {
  it('writes a site cookie, encoded, and reads it back decoded', () => {
    writeCookie('tracker_test', 'a b;c');
    expect(document.cookie).toContain('tracker_test=a%20b%3Bc');
    expect(readCookie('tracker_test')).toBe('a b;c');
  });

  it('reads null for a cookie that is not there, and only the exact name', () => {
    document.cookie = 'xtracker_test=1; path=/';
    expect(readCookie('tracker_test')).toBeNull();
    clear('xtracker_test');
  });

  it('deletes with remove (max-age=0), and is secure on https pages only', () => {
    const written: string[] = [];
    vi.spyOn(document, 'cookie', 'set').mockImplementation((value: string) => void written.push(value));
    writeCookie('a', '1');
    vi.stubGlobal('location', { protocol: 'https:' });
    writeCookie('b', '2', true);
    expect(written).toEqual(['a=1; path=/', 'b=2; path=/; max-age=0; secure']);
  });

  it('never throws where document.cookie does (sandboxed frames, opaque origins)', () => {
    vi.spyOn(document, 'cookie', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    vi.spyOn(document, 'cookie', 'set').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(readCookie('tracker_test')).toBeNull();
    expect(() => writeCookie('tracker_test', 'v')).not.toThrow();
  });
});
