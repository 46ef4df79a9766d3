import { describe, expect, it, vi } from 'vitest';
import { REDACTED_QUERY, redact } from '../src/redaction';
import { DEFAULT_OPTIONS } from '../src/config';
import { buildHit } from '../src/hit';
import type { TrackerOptions } from '../src/types';

/** Redacts a fresh hit with these options; resolves with the hit (or null) and the debug lines. */
function run(options: TrackerOptions, params: Record<string, string> = {}) {
  const lines: unknown[][] = [];
  const hit = buildHit('pageview', 0, params);
  const result = redact(hit, { ...DEFAULT_OPTIONS, ...options } as Required<TrackerOptions>, (...line) => void lines.push(line));
  return { result, lines };
}

describe('redaction: redactQuery, then beforeSend', () => {
  it('removes the default names from page_url and page_referrer, keeps ct and utm_*', () => {
    const { result } = run({}, {
      page_url: 'https://site.example/p?token=abc&utm_source=news&ct=XYZ%3D&Password=1&id_token=2&phone=3#x',
      page_referrer: 'https://idp.example/cb?code=42&state=s',
    });
    expect(result!.params.page_url).toBe('https://site.example/p?utm_source=news&ct=XYZ%3D#x');
    expect(result!.params.page_referrer).toBe('https://idp.example/cb?state=s');
    expect(REDACTED_QUERY).toEqual(expect.arrayContaining(['token', 'access_token', 'password', 'pass', 'pwd', 'secret', 'key', 'apikey', 'api_key', 'session', 'sid', 'code', 'email']));
    expect(REDACTED_QUERY.filter((name) => name == 'ct' || name.startsWith('utm_') || name != name.toLowerCase())).toEqual([]);
  });

  it('an option list replaces the default; [] removes nothing', () => {
    expect(run({ redactQuery: ['ssn'] }, { page_url: '/p?ssn=1&token=2' }).result!.params.page_url).toBe('/p?token=2');
    expect(run({ redactQuery: [] }, { page_url: '/p?ssn=1&token=2' }).result!.params.page_url).toBe('/p?ssn=1&token=2');
  });

  it('beforeSend gets a copy of the final params (after redaction) and the type; what it returns is sent, as text', () => {
    const hook = vi.fn((params: Record<string, string>) => ({ ...params, page_title: 'x', n: 3, nested: { a: true }, gone: null }));
    const { result } = run({ beforeSend: hook }, { page_url: '/p?token=1&a=2' });
    expect(hook).toHaveBeenCalledWith(expect.objectContaining({ page_url: '/p?a=2', counter: '0' }), 'pageview');
    expect({ ...result!.params }).toMatchObject({ page_url: '/p?a=2', page_title: 'x', n: '3', 'nested[a]': 'true' });
    expect(result!.params).not.toHaveProperty('gone');
  });

  it('beforeSend returning null drops the hit', () => {
    expect(run({ beforeSend: () => null }).result).toBeNull();
  });

  it('a hook that throws, or returns no object, changes nothing and is logged; its edits to the copy do not count', () => {
    const answers = [
      (params: Record<string, string>) => {
        params.page_title = 'half done';
        throw new Error('oops');
      },
      (params: Record<string, string>) => void (params.page_title = 'forgot return'),
      () => 'text',
      () => [['a', '1']],
    ];
    for (const beforeSend of answers) {
      const { result, lines } = run({ beforeSend: beforeSend as never }, { page_title: 'T' });
      expect(result!.params.page_title).toBe('T');
      expect(lines[0][0]).toBe('beforeSend failed: hit sent as it was');
    }
  });

  it('a returned value that is no data is skipped and logged, the rest sent', () => {
    const { result, lines } = run({ beforeSend: (params) => ({ ...params, fn: (() => 1) as never }) });
    expect(result!.params).not.toHaveProperty('fn');
    expect(lines).toEqual([['beforeSend: skipped fn', 'function']]);
  });
});
