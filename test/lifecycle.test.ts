import { beforeEach, describe, expect, it, vi } from 'vitest';

type Lifecycle = typeof import('../src/lifecycle');
let page: Lifecycle;

/** A fresh copy of the module for each test, as each copy of the bundle has its own. */
beforeEach(async () => {
  vi.resetModules();
  page = await import('../src/lifecycle');
  history.replaceState(null, '', '/start');
});

// happy-dom's PageTransitionEvent is a plain Event: `persisted` is set by hand.
const transition = (name: string, persisted: boolean) => dispatchEvent(Object.assign(new Event(name), { persisted }));
const hide = (persisted = false) => transition('pagehide', persisted);
const show = (persisted: boolean) => transition('pageshow', persisted);
const visibility = (state: 'hidden' | 'visible') => {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(state);
  document.dispatchEvent(new Event('visibilitychange'));
};

describe('the page lifecycle', () => {
  it('touches no browser global until a first subscription, then registers every listener once', () => {
    const onWindow = vi.spyOn(window, 'addEventListener');
    const onDocument = vi.spyOn(document, 'addEventListener');
    expect(onWindow).not.toHaveBeenCalled();
    page.onPage('hidden', () => {});
    const registered = onWindow.mock.calls.map(([name]) => name);
    expect(registered).toEqual(['pagehide', 'pageshow', 'online']);
    expect(onDocument.mock.calls.map(([name]) => name)).toEqual(['visibilitychange']);
    page.onPage('shown', () => {});
    page.onPage('hidden', () => {});
    expect(onWindow).toHaveBeenCalledTimes(registered.length);
    expect(onDocument).toHaveBeenCalledTimes(1);
    // Navigation listeners come with the first navigated subscriber, once.
    page.onPage('navigated', () => {});
    page.onPage('navigated', () => {});
    expect(onWindow.mock.calls.map(([name]) => name).slice(registered.length)).toEqual(['mautic-tracker:navigated', 'popstate', 'hashchange']);
  });

  it('at pagehide, unloading is set before any hidden listener runs; pageshow clears it first', () => {
    const seen: [string, boolean][] = [];
    page.onPage('hidden', () => seen.push(['hidden', page.unloading]));
    page.onPage('shown', () => seen.push(['shown', page.unloading]));
    expect(page.unloading).toBe(false);
    hide(true);
    show(true);
    expect(seen).toEqual([
      ['hidden', true],
      ['shown', false],
    ]);
  });

  it('shown: visible again, or restored from the back/forward cache (a first pageshow is no return)', () => {
    const shown = vi.fn();
    const hidden = vi.fn();
    page.onPage('shown', shown);
    page.onPage('hidden', hidden);
    show(false);
    expect(shown).not.toHaveBeenCalled();
    visibility('hidden');
    visibility('visible');
    expect([hidden.mock.calls.length, shown.mock.calls.length]).toEqual([1, 1]);
    show(true);
    expect(shown).toHaveBeenCalledTimes(2);
  });

  it('passes online on, with the browser event', () => {
    const online = vi.fn();
    page.onPage('online', online);
    const event = new Event('online');
    dispatchEvent(event);
    expect(online).toHaveBeenCalledWith(event);
  });

  it('calls subscribers in the order they subscribed', () => {
    const order: number[] = [];
    page.onPage('hidden', () => order.push(1));
    page.onPage('hidden', () => order.push(2));
    hide();
    expect(order).toEqual([1, 2]);
    show(true);
  });

  it('navigated: pushState, replaceState, popstate and hashchange; unsubscribing stops only that listener', () => {
    const stopped = vi.fn();
    const kept = vi.fn();
    const stop = page.onPage('navigated', stopped);
    page.onPage('navigated', kept);
    history.pushState(null, '', '/a');
    stop();
    history.replaceState(null, '', '/b');
    dispatchEvent(new PopStateEvent('popstate'));
    dispatchEvent(new HashChangeEvent('hashchange'));
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(kept).toHaveBeenCalledTimes(4);
    expect(location.pathname).toBe('/b'); // the original methods still ran
  });

  it('patches history only for a navigated subscriber', () => {
    const push = history.pushState;
    page.onPage('hidden', () => {});
    expect(history.pushState).toBe(push);
  });
});
