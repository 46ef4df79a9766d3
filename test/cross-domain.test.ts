import { afterEach, describe, expect, it, vi } from 'vitest';
import { crossDomain, replaceParam } from '../src/cross-domain';
import { linkUrl } from '../src/lib/event-link';

const ID = 'abcdefghij0123456789xyz';
const now = (): number => Math.floor(Date.now() / 1000);

/**
 * What every plugin made in this file hears from its context: their listeners stay on the document,
 * so all of them read the same settings.
 */
let context: { deviceId?: string; consented: boolean; crossDomain: unknown; crossDomainReplace: boolean };
const remember = vi.fn((answer: { device_id?: string }) => void (context.deviceId = answer.device_id));
const log = vi.fn();
function made(over: Partial<typeof context> = {}) {
  context = { deviceId: ID, consented: true, crossDomain: ['shop.example.net', '*.example.org'], crossDomainReplace: false, ...over };
  return crossDomain({
    options: () => ({ crossDomain: context.crossDomain, crossDomainReplace: context.crossDomainReplace }) as never,
    base: () => 'https://mautic.example.com',
    deviceId: () => context.deviceId,
    remember,
    log,
    track: vi.fn(),
    consented: () => context.consented,
  });
}

afterEach(() => {
  remember.mockClear();
  log.mockClear();
});

/** Clicks a new link to `href` (with `init`, e.g. a middle button) and returns the href it then has. */
function click(href: string, type = 'click', init: MouseEventInit = {}): string {
  document.body.innerHTML = `<a href="${href}"><span>go</span></a>`;
  const link = document.querySelector('a')!;
  link.addEventListener('click', (event) => event.preventDefault()); // stay on the test page
  link.querySelector('span')!.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, composed: true, ...init }));
  return link.href;
}

describe('replaceParam', () => {
  it('removes every mt_did and adds the new one before the fragment, other pairs as written', () => {
    expect(replaceParam('https://a.example/p?x=1%20&mt_did=old.1&y=2#top', 'mt_did=new.2')).toBe('https://a.example/p?x=1%20&y=2&mt_did=new.2#top');
    expect(replaceParam('https://a.example/p?mt_did=a.1&mt_did=b.2')).toBe('https://a.example/p');
    expect(replaceParam('https://a.example/p#h?mt_did=x')).toBe('https://a.example/p#h?mt_did=x');
  });
});

describe('crossDomain: leaving', () => {
  it('links to listed hosts get mt_did=<id>.<unix seconds> at click time: click, middle click, Ctrl-click', () => {
    made();
    const href = click('https://shop.example.net/cart?x=1#pay');
    expect(href).toMatch(new RegExp(`^https://shop\\.example\\.net/cart\\?x=1&mt_did=${ID}\\.(\\d+)#pay$`));
    expect(Math.abs(Number(href.match(/\.(\d+)#/)![1]) - now())).toBeLessThanOrEqual(1);
    expect(click('https://www.example.org/', 'auxclick', { button: 1 })).toContain('mt_did=' + ID);
    expect(click('https://example.org/', 'click', { ctrlKey: true })).toContain('mt_did=' + ID);
  });

  it('a link clicked twice carries one mt_did', () => {
    made();
    document.body.innerHTML = '<a href="https://shop.example.net/">go</a>';
    const link = document.querySelector('a')!;
    link.addEventListener('click', (event) => event.preventDefault());
    link.click();
    link.click();
    expect(link.href.match(/mt_did=/g)).toHaveLength(1);
  });

  it('the id is on the link only while the click is dispatched: then the page has its href back, and other plugins read it undecorated', async () => {
    made();
    document.body.innerHTML = '<a href="https://shop.example.net/cart?x=1">go</a>';
    const link = document.querySelector('a')!;
    let seenByLaterListener = '';
    link.addEventListener('click', (event) => {
      event.preventDefault();
      seenByLaterListener = linkUrl(link)!.href; // as autocapture reads an outbound link's label
    });
    link.click();
    expect(link.getAttribute('href')).toContain('mt_did=' + ID);
    expect(seenByLaterListener).toBe('https://shop.example.net/cart?x=1');
    await new Promise((resolve) => setTimeout(resolve));
    expect(link.getAttribute('href')).toBe('https://shop.example.net/cart?x=1');
  });

  it('a click inside an open shadow root within a link decorates that link', () => {
    made();
    document.body.innerHTML = '<a href="https://shop.example.net/"><span></span></a>';
    const link = document.querySelector('a')!;
    link.addEventListener('click', (event) => event.preventDefault());
    const root = link.querySelector('span')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<i>go</i>';
    root.querySelector('i')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    expect(link.href).toContain('mt_did=' + ID);
  });

  it('other hosts, look-alikes, non-http links get nothing', () => {
    made();
    expect(click('https://evil.example/?shop.example.net')).toBe('https://evil.example/?shop.example.net');
    expect(click('https://shop.example.net.evil.example/')).not.toContain('mt_did');
    expect(click('https://notexample.org/')).not.toContain('mt_did');
    expect(click('mailto:a@shop.example.net')).not.toContain('mt_did');
  });

  it('nothing without consent or device id; an invalid crossDomain is refused with a debug message, the last good hosts stay', () => {
    made({ consented: false });
    expect(click('https://shop.example.net/')).not.toContain('mt_did');
    made({ deviceId: undefined });
    expect(click('https://shop.example.net/')).not.toContain('mt_did');
    made({ crossDomain: ['https://shop.example.net/'] });
    expect(click('https://shop.example.net/')).toContain('mt_did'); // the earlier plugins keep their hosts
    expect(log).toHaveBeenCalledWith('config: ignored option crossDomain (host names or *.domain)', ['https://shop.example.net/']);
  });

  it('GET forms to listed hosts carry mt_did as a hidden field; POST forms do not', () => {
    made();
    document.body.innerHTML =
      '<form id="get" action="https://shop.example.net/search"></form><form id="post" method="post" action="https://shop.example.net/search"></form>';
    for (const form of document.querySelectorAll('form')) form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    const field = document.querySelector<HTMLInputElement>('#get input[name="mt_did"]')!;
    expect(field.type).toBe('hidden');
    expect(field.value).toMatch(new RegExp(`^${ID}\\.\\d+$`));
    expect(document.querySelector('#post input')).toBeNull();
  });
});

describe('crossDomain: arriving', () => {
  it('removes mt_did from the address at once and adopts a fresh id at the first hit, when none is stored', () => {
    history.replaceState(null, '', `/landing?a=1&mt_did=${ID}.${now() - 30}#top`);
    const plugin = made({ deviceId: undefined });
    expect(location.pathname + location.search + location.hash).toBe('/landing?a=1#top');
    expect(remember).not.toHaveBeenCalled(); // nothing stored before a hit is allowed to leave
    plugin.hit!('pageview', {});
    expect(remember).toHaveBeenCalledWith({ device_id: ID });
    plugin.hit!('pageview', {});
    expect(remember).toHaveBeenCalledTimes(1);
  });

  it('a stale, malformed or future id is removed from the address and ignored', () => {
    for (const token of [`${ID}.${now() - 121}`, `${ID}.${now() + 3600}`, `short.${now()}`, `${ID}`, `${ID}.x`, `<script>.${now()}`]) {
      history.replaceState(null, '', `/landing?mt_did=${encodeURIComponent(token)}`);
      const plugin = made({ deviceId: undefined });
      expect(location.search).toBe('');
      // Said at the first hit, when a script tag's queued `debug: true` already applies.
      expect(log).not.toHaveBeenCalled();
      plugin.hit!('pageview', {});
      expect(remember).not.toHaveBeenCalled();
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/mt_did ignored \((stale|malformed)\)/), token);
      log.mockClear();
    }
  });

  it('a stored id is kept, unless crossDomainReplace', () => {
    history.replaceState(null, '', `/landing?mt_did=${ID}.${now()}`);
    made({ deviceId: 'storedvisitor0000000001' }).hit!('pageview', {});
    expect(remember).not.toHaveBeenCalled();
    history.replaceState(null, '', `/landing?mt_did=${ID}.${now()}`);
    made({ deviceId: 'storedvisitor0000000001', crossDomainReplace: true }).hit!('pageview', {});
    expect(remember).toHaveBeenCalledWith({ device_id: ID });
  });

  it('without a document (server-side rendering) it does nothing', () => {
    vi.stubGlobal('document', undefined);
    expect(() => made().hit!('pageview', {})).not.toThrow();
    vi.unstubAllGlobals();
  });
});
