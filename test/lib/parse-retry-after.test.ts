import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/lib/parse-retry-after';

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
