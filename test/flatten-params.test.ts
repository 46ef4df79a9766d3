import { describe, expect, it, vi } from 'vitest';
import { flattenParams } from '../src/lib/flatten-params';
import { encodeForm } from '../src/lib/encode-form';

const flatten = (params: unknown) => {
  const skipped: string[] = [];
  const flat = flattenParams(params, (key, why) => skipped.push(`${key}: ${why}`));
  return { flat: { ...flat }, skipped };
};

describe('flattenParams', () => {
  it('keeps text, numbers, booleans and bigints as text', () => {
    expect(flatten({ a: 'x', b: 1.5, c: false, d: 10n }).flat).toEqual({ a: 'x', b: '1.5', c: 'false', d: '10' });
  });

  it('joins arrays of plain values with commas, as Mautic expects for tags', () => {
    expect(flatten({ tags: ['vip', '-old', 3, null] }).flat).toEqual({ tags: 'vip,-old,3,' });
  });

  it('uses PHP bracket keys for nested objects and arrays of objects', () => {
    expect(flatten({ a: { b: { c: 1 } }, list: [{ sku: 'A' }, { sku: 'B' }] }).flat).toEqual({
      'a[b][c]': '1',
      'list[0][sku]': 'A',
      'list[1][sku]': 'B',
    });
  });

  it('sends dates as ISO text and reports invalid ones', () => {
    const { flat, skipped } = flatten({ when: new Date(Date.UTC(2026, 0, 2)), bad: new Date('nope') });
    expect(flat).toEqual({ when: '2026-01-02T00:00:00.000Z' });
    expect(skipped).toEqual(['bad: invalid date']);
  });

  it('skips undefined and null silently, functions and symbols with a report', () => {
    const { flat, skipped } = flatten({ u: undefined, n: null, f() {}, s: Symbol('x'), keep: 1 });
    expect(flat).toEqual({ keep: '1' });
    expect(skipped).toEqual(['f: function', 's: symbol']);
  });

  it('cuts cycles but keeps an object that is merely shared', () => {
    const shared = { v: 1 };
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    const { flat, skipped } = flatten({ one: shared, two: shared, cyclic });
    expect(flat).toEqual({ 'one[v]': '1', 'two[v]': '1', 'cyclic[name]': 'x' });
    expect(skipped).toEqual(['cyclic[self]: cycle']);
  });

  it('a getter that throws costs only its own key', () => {
    const params = { ok: 1, get broken() { throw new Error('no'); }, after: 2 };
    const { flat, skipped } = flatten(params);
    expect(flat).toEqual({ ok: '1', after: '2' });
    expect(skipped).toEqual(['broken: unreadable']);
  });

  it('stores a __proto__ key as data without touching any prototype', () => {
    const { flat } = flatten(JSON.parse('{"__proto__": {"polluted": "yes"}, "a": 1}'));
    expect(flat).toEqual({ a: '1', '__proto__[polluted]': 'yes' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts no params at all', () => {
    expect(flatten(undefined).flat).toEqual({});
  });
});

describe('encodeForm', () => {
  it('encodes keys and values with encodeURIComponent, in order', () => {
    expect(encodeForm({ 'a[b]': 'x y&z', page_url: 'https://s.example/?q=1#h', emoji: '👋' })).toBe(
      'a%5Bb%5D=x%20y%26z&page_url=https%3A%2F%2Fs.example%2F%3Fq%3D1%23h&emoji=%F0%9F%91%8B',
    );
  });

  it('replaces a lone surrogate instead of throwing', () => {
    const spy = vi.fn();
    expect(() => spy(encodeForm({ broken: 'a\ud800b' }))).not.toThrow();
    expect(spy).toHaveBeenCalledWith('broken=a%EF%BF%BDb');
  });
});
