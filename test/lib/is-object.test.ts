import { describe, expect, it } from 'vitest';
import { isObject } from '../../src/lib/is-object';

describe('isObject', () => {
  it('is true for objects that are not arrays: params, callbacks, options, a JSON answer', () => {
    expect([{}, { a: 1 }, Object.create(null), new Date()].every(isObject)).toBe(true);
  });

  it('is false for arrays, null and every primitive', () => {
    expect([[], null, undefined, 'text', 1, true, () => {}].some(isObject)).toBe(false);
  });
});
