import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NAVIGATED, patchHistory } from '../src/navigation';

let heard: ReturnType<typeof vi.fn>;
beforeEach(() => {
  history.replaceState(null, '', '/start');
  heard = vi.fn();
  addEventListener(NAVIGATED, heard);
  return () => removeEventListener(NAVIGATED, heard);
});

describe('patchHistory', () => {
  it('makes pushState and replaceState announce themselves, after the original ran', () => {
    patchHistory();
    const paths: string[] = [];
    heard.mockImplementation(() => paths.push(location.pathname));
    history.pushState(null, '', '/a');
    history.replaceState(null, '', '/b');
    expect(paths).toEqual(['/a', '/b']);
  });

  it('wraps once per page: a second call (another tracker, another copy of the bundle) keeps the wrapper', () => {
    patchHistory();
    const patched = [history.pushState, history.replaceState];
    patchHistory();
    expect([history.pushState, history.replaceState]).toEqual(patched);
    history.pushState(null, '', '/once');
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('returns what the original returns, and lets its exceptions through to the caller', () => {
    patchHistory();
    expect(history.pushState(null, '', '/c')).toBeUndefined();
    expect(() => history.pushState(null, '', 'https://elsewhere.example/')).toThrow();
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
