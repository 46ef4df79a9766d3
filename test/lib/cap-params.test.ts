import { describe, expect, it, vi } from 'vitest';
import { capParams } from '../../src/lib/cap-params';

describe('capParams', () => {
  it('keeps params that fit as they are', () => {
    const params = { a: '1', b: 'two words' };
    const dropped: string[] = [];
    expect(capParams(params, 8192, (key) => dropped.push(key))).toBe(params);
    expect(params).toEqual({ a: '1', b: 'two words' });
    expect(dropped).toEqual([]);
  });

  it('drops the largest first, counting encoded characters, until the rest fits', () => {
    const dropped: string[] = [];
    // Encoded, "é" is 6 characters: 'b' is the largest once encoded, though not as text.
    const kept = capParams({ a: 'x'.repeat(40), b: 'é'.repeat(20), c: 'y' }, 60, (key) => dropped.push(key));
    expect(dropped).toEqual(['b']);
    expect(kept).toEqual({ a: 'x'.repeat(40), c: 'y' });
  });

  it('drops a 1 MB string with a message without ever encoding it', () => {
    const encode = vi.spyOn(globalThis, 'encodeURIComponent');
    const big = 'x'.repeat(1e6);
    const dropped: string[] = [];
    const kept = capParams({ ['k'.repeat(9000)]: '1', big, small: 'a b' }, 8192, (key) => dropped.push(key.slice(0, 3)));
    expect({ ...kept }).toEqual({ small: 'a b' });
    expect(dropped.sort()).toEqual(['big', 'kkk']);
    expect(encode.mock.calls.every(([text]) => String(text).length < 8192)).toBe(true);
    encode.mockRestore();
  });
});
