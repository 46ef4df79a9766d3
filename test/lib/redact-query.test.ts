import { describe, expect, it } from 'vitest';
import { redactQuery } from '../../src/lib/redact-query';

const NAMES = ['token', 'email', 'access_token', 'code'];
const redact = (url: string) => redactQuery(url, NAMES);

describe('redactQuery', () => {
  it('removes listed parameters from the query, keeping every other byte as it was', () => {
    expect(redact('https://a.example/p?token=s3cr%2Bt&utm_source=x&ct=abc%3D%3D')).toBe('https://a.example/p?utm_source=x&ct=abc%3D%3D');
    expect(redact('https://a.example/p?utm_source=x&token=1&q=caf%C3%A9+au+lait&email=a%40b.c')).toBe('https://a.example/p?utm_source=x&q=caf%C3%A9+au+lait');
    expect(redact('https://a.example/p?a=1&&b=%zz&token=x#top')).toBe('https://a.example/p?a=1&&b=%zz#top');
  });

  it('compares names case-insensitively, as written (not decoded), whole names only', () => {
    expect(redact('/p?TOKEN=1&Email=2&tokens=3&my_token=4&tok%65n=5')).toBe('/p?tokens=3&my_token=4&tok%65n=5');
  });

  it('drops the ? of a query left empty, and keeps a URL with nothing listed byte for byte', () => {
    expect(redact('/p?token=1&email=2')).toBe('/p');
    expect(redact('/p?token=1#section')).toBe('/p#section');
    for (const url of ['/p', '/p?', '/p?&', '/p?a', '/p#', 'https://a.example/p?x=%E9&y=a+b#frag?z=1', '']) expect(redact(url)).toBe(url);
  });

  it('keeps a pair without = (a flag, or an anchor named like a secret)', () => {
    expect(redact('/p?token&a=1#email')).toBe('/p?token&a=1#email');
  });

  it('a ? inside the query is data: a value holding a URL is one value, as the server reads it', () => {
    expect(redact('/login?next=/a?b=1&token=x&c=2')).toBe('/login?next=/a?b=1&c=2');
    expect(redact('/login?next=/a?token=x&c=2')).toBe('/login?next=/a?token=x&c=2');
  });

  it('removes them from the fragment too: a hash route\'s own query, or an OAuth fragment', () => {
    expect(redact('/app#/reset?token=abc&step=2')).toBe('/app#/reset?step=2');
    expect(redact('/app#/reset?token=abc')).toBe('/app#/reset');
    expect(redact('/cb#access_token=abc&state=xyz')).toBe('/cb#state=xyz');
    expect(redact('/cb?code=1#access_token=abc')).toBe('/cb');
  });

  it('removes nothing with an empty list', () => {
    expect(redactQuery('/p?token=1#access_token=2', [])).toBe('/p?token=1#access_token=2');
  });
});
