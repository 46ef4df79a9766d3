import { describe, expect, it, vi } from 'vitest';
import { createConsent } from '../src/consent';
import { storageArea } from '../src/lib/storage-area';
import type { Hit } from '../src/hit';
import type { TrackerOptions } from '../src/types';

let serial = 0;
const hit = (type: Hit['type'] = 'pageview'): Hit => ({ id: 'h' + serial++, type, at: Date.now(), params: { n: String(serial) } });

/** A consent guard over a memory area, with what it released, forgot and logged. */
function consent(options: TrackerOptions = {}, area = storageArea('none'), suffix = '') {
  const released: Hit[] = [];
  const logged: string[] = [];
  const forget = vi.fn();
  const guard = createConsent(suffix, area, () => options as Required<TrackerOptions>, (line) => logged.push(line), (h) => released.push(h), forget);
  return { guard, released, logged, forget, area };
}

describe('consent', () => {
  it('lets every hit through when consent is not required and nothing was decided', () => {
    const { guard, logged } = consent();
    expect(guard.admit(hit())).toBeUndefined();
    expect(logged).toEqual([]);
  });

  it('with requireConsent, holds hits until a grant, then releases them in order', () => {
    const { guard, released, logged } = consent({ requireConsent: true });
    const first = hit();
    const second = hit('event');
    expect(guard.admit(first)).toBe(true);
    expect(guard.admit(second)).toBe(true);
    expect(released).toEqual([]);
    guard.decide('grant');
    expect(released).toEqual([first, second]);
    expect(logged).toEqual(['pageview held until consent', 'event held until consent', 'consent: grant, held hits: 2']);
    expect(guard.admit(hit())).toBeUndefined();
  });

  it('a deny drops the held hits and refuses later ones, also without requireConsent', () => {
    const { guard, released, logged } = consent({ requireConsent: true });
    guard.admit(hit());
    guard.decide('deny');
    expect(released).toEqual([]);
    expect(logged.pop()).toBe('consent: deny, held hits: 1');
    expect(guard.admit(hit())).toBe(false);

    const optional = consent();
    optional.guard.decide('deny');
    expect(optional.guard.admit(hit())).toBe(false);
  });

  it('remembers the decision under its key (a named tracker’s has its suffix), read when first needed', () => {
    const area = storageArea('none');
    consent({ requireConsent: true }, area, '_shop').guard.decide('grant');
    expect(area.get('mautic_tracker_consent_shop')).toBe('grant');
    expect(consent({ requireConsent: true }, area, '_shop').guard.admit(hit())).toBeUndefined();
    expect(consent({ requireConsent: true }, area).guard.admit(hit())).toBe(true);
  });

  it('a revoke is a deny that also forgets what was stored', () => {
    const { guard, forget, area } = consent();
    guard.decide('revoke');
    expect(forget).toHaveBeenCalledOnce();
    expect(area.get('mautic_tracker_consent')).toBe('deny');
    expect(guard.admit(hit())).toBe(false);
  });

  it('holds at most 100 hits, dropping the oldest', () => {
    const { guard, released } = consent({ requireConsent: true });
    const hits = Array.from({ length: 105 }, () => hit());
    hits.forEach((h) => guard.admit(h));
    guard.decide('grant');
    expect(released).toEqual(hits.slice(5));
  });

  it('clear() (destroy) forgets the held hits: a later grant releases none', () => {
    const { guard, released } = consent({ requireConsent: true });
    guard.admit(hit());
    guard.clear();
    guard.decide('grant');
    expect(released).toEqual([]);
  });

  it('without a page (server-side rendering) a decision changes nothing', () => {
    const { guard, forget, area } = consent({ requireConsent: true });
    vi.stubGlobal('document', undefined);
    guard.decide('revoke');
    vi.unstubAllGlobals();
    expect(forget).not.toHaveBeenCalled();
    expect(area.get('mautic_tracker_consent')).toBeNull();
  });
});
