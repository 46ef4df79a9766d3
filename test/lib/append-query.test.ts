import { describe, expect, it } from 'vitest';
import { appendQuery } from '../../src/lib/append-query';

describe('appendQuery', () => {
  it('starts a query, or adds to the one there', () => {
    expect(appendQuery('https://s/p', 'a=1')).toBe('https://s/p?a=1');
    expect(appendQuery('https://s/p?x=1', 'a=1')).toBe('https://s/p?x=1&a=1');
  });

  it('keeps the fragment last, also one holding ? or #', () => {
    expect(appendQuery('https://s/p?x=1#f', 'a=1')).toBe('https://s/p?x=1&a=1#f');
    expect(appendQuery('https://s/p#/route?q=1#more', 'a=1')).toBe('https://s/p?a=1#/route?q=1#more');
  });
});
