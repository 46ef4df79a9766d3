import { describe, expect, it, vi } from 'vitest';
import { encodeForm } from '../../src/lib/encode-form';

describe('encodeForm', () => {
  it('encodes keys and values with encodeURIComponent, in order', () => {
    expect(encodeForm({ 'a[b]': 'x y&z', page_url: 'https://s.example/?q=1#h', emoji: '👋' })).toBe(
      'a%5Bb%5D=x%20y%26z&page_url=https%3A%2F%2Fs.example%2F%3Fq%3D1%23h&emoji=%F0%9F%91%8B',
    );
  });

  it('replaces a lone surrogate instead of throwing', () => {
    const spy = vi.fn();
    expect(() => spy(encodeForm({ broken: 'a\ud800b' }))).not.toThrow();
    expect(spy).toHaveBeenCalledWith('broken=a%EF%BF%BDb');
  });
});
