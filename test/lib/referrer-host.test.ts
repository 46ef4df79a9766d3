import { describe, expect, it } from 'vitest';
import { referrerHost } from '../../src/lib/referrer-host';

describe('referrerHost', () => {
  it('keeps host and port only, as Mautic’s script sends it', () => {
    expect(referrerHost('https://a.example:8443/x?y=1')).toBe('a.example:8443');
    expect(referrerHost('http://b.example')).toBe('b.example');
  });

  it('is empty without a referrer', () => {
    expect(referrerHost('')).toBe('');
  });
});
