import { describe, expect, it, vi } from 'vitest';
import { debugLog } from '../../src/lib/debug-log';

describe('debugLog', () => {
  it('writes a prefixed line, with the data when there is some', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    debugLog('pageview queued', { a: 1 });
    debugLog('consent: grant');
    expect(info.mock.calls).toEqual([
      ['[mautic-tracker] pageview queued', { a: 1 }],
      ['[mautic-tracker] consent: grant', ''],
    ]);
  });

  it('never throws, whatever the page did to console', () => {
    vi.spyOn(console, 'info').mockImplementation(() => {
      throw new Error('broken console');
    });
    expect(() => debugLog('x')).not.toThrow();
    vi.stubGlobal('console', undefined);
    expect(() => debugLog('x')).not.toThrow();
  });
});
