import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cookie } from '../../src/lib/cookie';

// happy-dom ignores max-age=0: cookies of the test are removed by a past expiry.
const clear = (name: string) => (document.cookie = name + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/');
beforeEach(() => {
  clear('tracker_test');
});

describe('cookie', () => {
  it('writes a site cookie and reads it back', () => {
    cookie('tracker_test', 'abc123');
    expect(document.cookie).toContain('tracker_test=abc123');
    expect(cookie('tracker_test')).toBe('abc123');
  });

  it('reads undefined for a cookie that is not there, and only the exact name', () => {
    document.cookie = 'xtracker_test=1; path=/';
    expect(cookie('tracker_test')).toBeUndefined();
    clear('xtracker_test');
  });

  it('deletes with an empty value (max-age=0), and is secure on https pages only', () => {
    const written: string[] = [];
    vi.spyOn(document, 'cookie', 'set').mockImplementation((value: string) => void written.push(value));
    cookie('a', '1');
    vi.stubGlobal('location', { protocol: 'https:' });
    cookie('b', '');
    expect(written).toEqual(['a=1; path=/', 'b=; path=/; max-age=0; secure']);
  });

  it('never throws where document.cookie does (sandboxed frames, opaque origins)', () => {
    vi.spyOn(document, 'cookie', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    vi.spyOn(document, 'cookie', 'set').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(cookie('tracker_test')).toBeUndefined();
    expect(() => cookie('tracker_test', 'v')).not.toThrow();
  });
});
