import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../src/lib/backoff-delay';
import { parseRetryAfter } from '../src/lib/parse-retry-after';

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

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
  });
  it('is 0 when absent, past or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBe(0);
    expect(parseRetryAfter('Thu, 26 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBe(0);
  });
});
