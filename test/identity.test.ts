import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdentity as createWithArea } from '../src/identity';
import { storageArea } from '../src/lib/storage-area';

/** The default mode: localStorage and cookies. */
const createIdentity = () => createWithArea(() => storageArea('local'), () => true);

const DEVICE = 'abcdefghij0123456789xyz';

function clearCookies() {
  for (const cookie of document.cookie.split('; ')) {
    const name = cookie.split('=')[0];
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

beforeEach(() => {
  localStorage.clear();
  clearCookies();
});

describe('identity', () => {
  it('knows no device id on a first visit', () => {
    expect(createIdentity().deviceId()).toBeUndefined();
  });

  it('stores the ids of a response in localStorage and site cookies', () => {
    createIdentity().remember({ success: 1, id: 42, device_id: DEVICE });
    expect(localStorage.getItem('mautic_device_id')).toBe(DEVICE);
    expect(localStorage.getItem('mtc_id')).toBe('42');
    expect(document.cookie).toContain(`mtc_id=42`);
    expect(document.cookie).toContain(`mautic_device_id=${DEVICE}`);
    expect(createIdentity().deviceId()).toBe(DEVICE);
  });

  it('takes sid when device_id is absent, and always the latest id', () => {
    const identity = createIdentity();
    identity.remember({ sid: DEVICE });
    identity.remember({ device_id: 'newer0device0id00000000' });
    expect(identity.deviceId()).toBe('newer0device0id00000000');
  });

  it('sees an id another tab stored, and never takes its own refused write for one', () => {
    const identity = createIdentity();
    identity.remember({ device_id: DEVICE });
    localStorage.setItem('mautic_device_id', 'othertab0device0id00000'); // as another tab does
    expect(identity.deviceId()).toBe('othertab0device0id00000');
    localStorage.setItem('mautic_device_id', '<bad>');
    expect(identity.deviceId()).toBe('othertab0device0id00000');
    // Storage full: the new id is kept in memory; the old value left in storage does not win.
    const full = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    identity.remember({ device_id: 'newer0device0id00000000' });
    full.mockRestore();
    expect(identity.deviceId()).toBe('newer0device0id00000000');
  });

  it('costs a page no storage listener, nor a cookie read when storage holds the id', () => {
    localStorage.setItem('mautic_device_id', DEVICE);
    const listen = vi.spyOn(window, 'addEventListener');
    const cookie = vi.spyOn(document, 'cookie', 'get');
    const identity = createIdentity();
    expect(identity.deviceId()).toBe(DEVICE);
    identity.remember({ success: 1 });
    expect(listen).not.toHaveBeenCalled();
    expect(cookie).not.toHaveBeenCalled();
    listen.mockRestore();
    cookie.mockRestore();
  });

  it('forgets an id another tab removed (its reset), instead of writing it back from memory', () => {
    const identity = createIdentity();
    identity.remember({ id: 4, device_id: DEVICE });
    expect(identity.deviceId()).toBe(DEVICE);
    localStorage.removeItem('mautic_device_id'); // as the other tab's reset does
    expect(identity.deviceId()).toBeUndefined();
  });

  it('forget(): both ids leave memory and the given storage areas', () => {
    const identity = createIdentity();
    identity.remember({ id: 4, device_id: DEVICE });
    identity.forget([storageArea('local')]);
    expect([identity.deviceId(), localStorage.getItem('mautic_device_id'), localStorage.getItem('mtc_id')]).toEqual([undefined, null, null]);
  });

  it('an answer to a request sent before forget() brings no id back (visitor(): the visitor the request was sent for)', () => {
    const identity = createIdentity();
    const before = identity.visitor();
    identity.forget([storageArea('local')]);
    expect(identity.visitor()).not.toBe(before);
    identity.remember({ id: 4, device_id: DEVICE }, before);
    expect([identity.deviceId(), localStorage.getItem('mautic_device_id'), localStorage.getItem('mtc_id'), document.cookie.includes(DEVICE)]).toEqual([undefined, null, null, false]);
    // One sent after it is kept, as is one that names no visitor (it was just received).
    identity.remember({ id: 4, device_id: DEVICE }, identity.visitor());
    expect(identity.deviceId()).toBe(DEVICE);
  });

  it("an answer to a request sent before another tab's reset, or its newer id, is not kept", () => {
    const identity = createIdentity();
    identity.remember({ id: 4, device_id: DEVICE });
    let sent = identity.visitor();
    // Another tab of the site logs out: its reset removes the ids.
    localStorage.removeItem('mautic_device_id');
    localStorage.removeItem('mtc_id');
    identity.remember({ id: 4, device_id: DEVICE }, sent);
    expect([identity.deviceId(), localStorage.getItem('mautic_device_id'), localStorage.getItem('mtc_id')]).toEqual([undefined, null, null]);
    // It has stored its new visitor's id already: an old answer does not overwrite it.
    identity.remember({ id: 4, device_id: DEVICE });
    sent = identity.visitor();
    localStorage.setItem('mautic_device_id', 'newvisitor0000000000002');
    identity.remember({ id: 4, device_id: DEVICE }, sent);
    expect([identity.deviceId(), localStorage.getItem('mautic_device_id')]).toEqual(['newvisitor0000000000002', 'newvisitor0000000000002']);
    // This tab's own answers do not count as a change: each is kept.
    sent = identity.visitor();
    identity.remember({ device_id: 'newer0device0id00000000' }, sent);
    identity.remember({ id: 5, device_id: 'newer0device0id00000000' }, sent);
    expect([identity.deviceId(), localStorage.getItem('mtc_id')]).toEqual(['newer0device0id00000000', '5']);
  });

  it('falls back to the cookie when localStorage has nothing', () => {
    document.cookie = `mautic_device_id=${DEVICE}; path=/`;
    expect(createIdentity().deviceId()).toBe(DEVICE);
  });

  it('never sends a tampered stored value as a device id', () => {
    localStorage.setItem('mautic_device_id', '"><script>alert(1)</script>');
    expect(createIdentity().deviceId()).toBeUndefined();
  });

  it('ignores responses without usable ids', () => {
    const identity = createIdentity();
    identity.remember({ success: 0 });
    identity.remember({ id: null, device_id: 'bad id!' });
    expect(identity.deviceId()).toBeUndefined();
    expect(localStorage.getItem('mtc_id')).toBeNull();
  });

  it('keeps working in memory when storage and cookies throw', () => {
    // happy-dom's storage object needs instance spies, restored by hand.
    const spies = [
      vi.spyOn(localStorage, 'getItem').mockImplementation(() => {
        throw new DOMException('denied', 'SecurityError');
      }),
      vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
        throw new DOMException('full', 'QuotaExceededError');
      }),
    ];
    vi.spyOn(document, 'cookie', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    vi.spyOn(document, 'cookie', 'set').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    // The stubs really are in force:
    expect(() => localStorage.setItem('x', 'y')).toThrow();
    expect(() => document.cookie).toThrow();
    const identity = createIdentity();
    expect(() => identity.remember({ id: 1, device_id: DEVICE })).not.toThrow();
    expect(identity.deviceId()).toBe(DEVICE);
    spies.forEach((spy) => spy.mockRestore());
  });
});
