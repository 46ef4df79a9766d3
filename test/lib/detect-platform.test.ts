import { describe, expect, it } from 'vitest';
import { detectPlatform } from '../../src/lib/detect-platform';

describe('detectPlatform', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', 'MacOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)', 'MacOS'],
    ['Mozilla/5.0 (X11; Linux x86_64)', 'Linux'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8)', 'Linux'],
    ['Mozilla/5.0 (X11; FreeBSD amd64)', 'UNIX'],
    ['curl/8', 'Unknown OS'],
  ])('platform of %s is %s', (agent, platform) => {
    expect(detectPlatform(agent)).toBe(platform);
  });
});
