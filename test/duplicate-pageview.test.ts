import { describe, expect, it } from 'vitest';
import { createDuplicatePageviews } from '../src/duplicate-pageview';
import type { Hit } from '../src/hit';

const hit = (type: Hit['type'], at: number, params: Record<string, string> = {}): Hit => ({
  id: String(at),
  type,
  at,
  params: { page_url: 'https://site.example/', counter: String(at), ...params },
});

describe('duplicate pageviews', () => {
  it('a pageview equal but for its counter within 2 s shares the earlier one’s delivery', () => {
    const duplicates = createDuplicatePageviews<string>();
    expect(duplicates.get(hit('pageview', 1000))).toBeUndefined();
    duplicates.set(hit('pageview', 1000), 'first delivery');
    expect(duplicates.get(hit('pageview', 2999))).toBe('first delivery');
    expect(duplicates.get(hit('pageview', 3000))).toBeUndefined();
  });

  it('other params make another pageview; events are never duplicates', () => {
    const duplicates = createDuplicatePageviews<string>();
    duplicates.set(hit('pageview', 1000), 'first');
    expect(duplicates.get(hit('pageview', 1001, { email: 'a@b.c' }))).toBeUndefined();
    duplicates.set(hit('event', 1002), 'event');
    expect(duplicates.get(hit('event', 1003))).toBeUndefined();
    expect(duplicates.get(hit('pageview', 1004))).toBe('first');
  });

  it('compares with the last pageview that left only', () => {
    const duplicates = createDuplicatePageviews<string>();
    duplicates.set(hit('pageview', 1000), 'first');
    duplicates.set(hit('pageview', 1500, { page_url: 'https://site.example/b' }), 'second');
    expect(duplicates.get(hit('pageview', 1600))).toBeUndefined();
  });
});
