import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/lib/backoff-delay';

describe('backoffDelay', () => {
  it('doubles per attempt, half fixed and half jitter', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, () => 1))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('is capped at five minutes', () => {
    expect(backoffDelay(30, () => 1)).toBe(300_000);
    expect(backoffDelay(30, () => 0)).toBe(150_000);
  });
});

