import { describe, expect, it, vi } from 'vitest';
import { doNotTrackApplies } from '../src/do-not-track';

const respect = { respectDoNotTrack: true };

describe('doNotTrackApplies', () => {
  it('is false when the browser asks nothing', () => {
    expect(doNotTrackApplies(respect)).toBe(false);
  });

  it('is true for Do Not Track (only "1") and for Global Privacy Control, when the tracker respects them', () => {
    const dnt = vi.spyOn(navigator as Navigator & { doNotTrack: string | null }, 'doNotTrack', 'get');
    dnt.mockReturnValue('1');
    expect(doNotTrackApplies(respect)).toBe(true);
    expect(doNotTrackApplies({})).toBeFalsy();
    expect(doNotTrackApplies({ respectDoNotTrack: false })).toBeFalsy();
    dnt.mockReturnValue('0');
    expect(doNotTrackApplies(respect)).toBe(false);
    vi.stubGlobal('navigator', { doNotTrack: null, globalPrivacyControl: true });
    expect(doNotTrackApplies(respect)).toBe(true);
  });
});
