import { describe, expect, it } from 'vitest';
import { randomId } from '../../src/lib/random-id';

describe('randomId', () => {
  it('is short text that differs from call to call', () => {
    const ids = new Set(Array.from({ length: 1000 }, randomId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{9,20}$/);
  });
});
