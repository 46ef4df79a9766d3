import { describe, expect, it, vi } from 'vitest';
import { doNotTrack } from '../src/do-not-track';

describe('doNotTrack', () => {
  it('is false when the browser asks nothing', () => {
    expect(doNotTrack()).toBe(false);
  });

  it('is true for Do Not Track (only "1") and for Global Privacy Control', () => {
    const dnt = vi.spyOn(navigator as Navigator & { doNotTrack: string | null }, 'doNotTrack', 'get');
    dnt.mockReturnValue('1');
    expect(doNotTrack()).toBe(true);
    dnt.mockReturnValue('0');
    expect(doNotTrack()).toBe(false);
    vi.stubGlobal('navigator', { doNotTrack: null, globalPrivacyControl: true });
    expect(doNotTrack()).toBe(true);
  });
});
