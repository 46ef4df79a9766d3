import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AUTOCAPTURE_EVENTS, DOWNLOAD_EXTENSIONS, autocapture, readAutocapture } from '../src/autocapture';
import type { PluginContext } from '../src/plugins';
import type { TrackerOptions } from '../src/types';

const MAUTIC = 'https://mautic.example.com';

/** A plugin made with a context whose track and log are spies; `setOption` changes `autocapture` later. */
function make(option: TrackerOptions['autocapture'], consented = true) {
  let current = option;
  const track = vi.fn();
  const log = vi.fn();
  const context: PluginContext = {
    options: () => ({ url: MAUTIC, autocapture: current }) as Required<TrackerOptions>,
    base: () => MAUTIC,
    deviceId: () => undefined,
    remember: () => {},
    log,
    track,
    consented: () => consented,
  };
  const hooks = autocapture(context);
  return { track, log, hooks, setOption: (value: unknown) => void (current = value as never) };
}

/** The events sent, as [category, action, label, value, params]; a value not given (null or undefined, as the core reads them) is undefined. */
const sent = (track: ReturnType<typeof vi.fn>) =>
  track.mock.calls.map(([type, params, , values]) => [type, ...[0, 1, 2, 3].map((i) => (values as unknown[])[i] ?? undefined), params]);

const click = (element: Element, init: MouseEventInit = {}) =>
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, ...init }));

// Plugins made by earlier tests keep their listeners on document; each test reads only its own spies.
// Nothing navigates (happy-dom follows links): a handler registered before any plugin cancels every
// click and submit; autocapture does not look at that.
beforeAll(() => {
  for (const type of ['click', 'auxclick', 'submit']) document.addEventListener(type, (event) => event.preventDefault(), true);
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('readAutocapture (the option)', () => {
  it('true turns every part on with the table’s names; false and {} turn all off', () => {
    expect(readAutocapture(true)).toEqual({
      declarative: true,
      outboundLinks: ['outbound', 'click'],
      downloads: ['download', 'click'],
      forms: ['form', 'submit'],
      extensions: DOWNLOAD_EXTENSIONS,
    });
    expect(readAutocapture(false)).toEqual({ extensions: DOWNLOAD_EXTENSIONS });
    expect(readAutocapture({})).toEqual({ extensions: DOWNLOAD_EXTENSIONS });
    expect(AUTOCAPTURE_EVENTS.forms).toEqual(['form', 'submit']);
  });

  it('renames category and action per part; takes an extension list for downloads', () => {
    expect(readAutocapture({ outboundLinks: { category: 'Exit' }, downloads: { action: 'get', extensions: ['ICS', 'pdf'] }, forms: false })).toEqual({
      outboundLinks: ['Exit', 'click'],
      downloads: ['download', 'get'],
      extensions: ['ics', 'pdf'],
    });
  });

  it('refuses what it does not know', () => {
    for (const bad of ['yes', 1, null, [], { links: true }, { declarative: {} }, { forms: 'x' }, { forms: { extensions: ['pdf'] } }, { forms: { category: 3 } }, { downloads: { extensions: ['.pdf'] } }, { downloads: { extensions: 'pdf' } }, { outboundLinks: { label: 'x' } }]) {
      expect(readAutocapture(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});

describe('autocapture (the plugin)', () => {
  it('declarative: sends the element’s four values and its JSON params, also for elements added later and inside a tagged element', () => {
    const { track } = make({ declarative: true });
    document.body.innerHTML =
      '<button id="b" data-mt-category="cta" data-mt-action="click" data-mt-label="hero" data-mt-value="5" data-mt-params=\'{"plan":"pro"}\'><span id="inner">Go</span></button>';
    click(document.getElementById('inner')!);
    expect(sent(track)).toEqual([['event', 'cta', 'click', 'hero', '5', { plan: 'pro' }]]);
  });

  it('declarative: invalid JSON params → the event without them, and a debug message', () => {
    const { track, log } = make({ declarative: true });
    document.body.innerHTML = '<div id="d" data-mt-category="c" data-mt-action="a" data-mt-params="{oops">x</div>';
    click(document.getElementById('d')!);
    expect(sent(track)).toEqual([['event', 'c', 'a', undefined, undefined, undefined]]);
    expect(log.mock.calls[0][0]).toMatch(/data-mt-params is not a JSON object/);
  });

  it('declarative: inside an open shadow root', () => {
    const { track } = make({ declarative: true });
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<button data-mt-category="shadow" data-mt-action="press">in</button>';
    click(root.querySelector('button')!);
    expect(sent(track)).toEqual([['event', 'shadow', 'press', undefined, undefined, undefined]]);
  });

  it('declarative: Enter on a focusable tagged element that does not click by itself; a button is left to its click', () => {
    const { track } = make({ declarative: true });
    document.body.innerHTML = '<div id="d" role="button" tabindex="0" data-mt-category="k" data-mt-action="enter"></div><button id="b" data-mt-category="b" data-mt-action="a"></button>';
    const key = (id: string, init: KeyboardEventInit) =>
      document.getElementById(id)!.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true, ...init }));
    key('d', { key: 'Enter' });
    key('d', { key: 'Enter', repeat: true });
    key('d', { key: 'a' });
    key('b', { key: 'Enter' });
    expect(sent(track)).toEqual([['event', 'k', 'enter', undefined, undefined, undefined]]);
  });

  it('outbound links: another host only, by click, Ctrl-click and middle click; not a right click', () => {
    const { track } = make({ outboundLinks: true });
    document.body.innerHTML = `<a id="out" href="https://partner.example/page?x=1"><b id="in">Partner</b></a><a id="home" href="/about">About</a><a id="mail" href="mailto:a@b.c">Mail</a>`;
    click(document.getElementById('in')!);
    click(document.getElementById('home')!);
    click(document.getElementById('mail')!);
    click(document.getElementById('out')!, { ctrlKey: true });
    const out = document.getElementById('out')!;
    out.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, button: 1 }));
    out.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, button: 2 }));
    const hit = ['event', 'outbound', 'click', 'https://partner.example/page?x=1', undefined, undefined];
    expect(sent(track)).toEqual([hit, hit, hit]);
  });

  it('downloads: by extension (configurable), before outbound; renamed names', () => {
    const { track, setOption } = make({ downloads: true, outboundLinks: true });
    document.body.innerHTML = `<a id="pdf" href="/files/Report.PDF">pdf</a><a id="ics" href="https://cdn.example/cal.ics">ics</a>`;
    click(document.getElementById('pdf')!);
    click(document.getElementById('ics')!);
    setOption({ downloads: { category: 'file', extensions: ['ics'] } });
    click(document.getElementById('pdf')!);
    click(document.getElementById('ics')!);
    expect(sent(track).map((hit) => hit.slice(1, 4))).toEqual([
      ['download', 'click', location.origin + '/files/Report.PDF'],
      ['outbound', 'click', 'https://cdn.example/cal.ics'],
      ['file', 'click', 'https://cdn.example/cal.ics'],
    ]);
  });

  it('forms: id, else name, else action path; never a field value; not Mautic’s own forms; a tagged form sends its own event', () => {
    const { track } = make({ forms: true, declarative: true });
    document.body.innerHTML = `
      <form id="signup" action="/thanks"><input name="email" value="jane@example.com"><input name="id" value="shadowed"></form>
      <form name="search" action="/find"></form>
      <form action="/go/here?q=1"></form>
      <form id="mautic" action="${MAUTIC}/form/submit?formId=3"></form>
      <form id="tagged" data-mt-category="lead" data-mt-action="signup"></form>`;
    for (const form of document.querySelectorAll('form')) form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(sent(track).map((hit) => hit.slice(1, 4))).toEqual([
      ['form', 'submit', 'signup'],
      ['form', 'submit', 'search'],
      ['form', 'submit', '/go/here'],
      ['lead', 'signup', undefined],
    ]);
    expect(JSON.stringify(track.mock.calls)).not.toContain('jane@example.com');
  });

  it('forms: Mautic’s own form behind /index.php sends nothing either (the check mauticForms uses)', () => {
    const { track } = make({ forms: true });
    document.body.innerHTML = `<form id="m" action="${MAUTIC}/index.php/form/submit?formId=3"></form>`;
    document.getElementById('m')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(track).not.toHaveBeenCalled();
  });

  it('sends nothing while consent is pending or refused, and nothing for parts left off', () => {
    const { track, log } = make(true, false);
    document.body.innerHTML = '<a id="out" href="https://partner.example/">x</a>';
    click(document.getElementById('out')!);
    expect(track).not.toHaveBeenCalled();
    expect(log.mock.calls[0][0]).toMatch(/no consent/);
    const off = make({ forms: true });
    click(document.getElementById('out')!);
    expect(off.track).not.toHaveBeenCalled();
  });

  it('an unset option is off without a debug message', () => {
    const { track, log, hooks } = make(undefined);
    document.body.innerHTML = '<a id="out" href="https://partner.example/">x</a>';
    hooks.hit!('pageview', {});
    click(document.getElementById('out')!);
    expect(track).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('a refused option is said once (at the next hit) and the last good value kept; errors never reach the page', () => {
    const { track, log, hooks, setOption } = make({ outboundLinks: true });
    document.body.innerHTML = '<a id="out" href="https://partner.example/">x</a><a id="bad" href="http://[">bad</a>';
    hooks.hit!('pageview', {});
    setOption({ outboundLinks: 'yes' });
    hooks.hit!('pageview', {});
    expect(log.mock.calls[0][0]).toMatch(/^config: ignored option autocapture/);
    click(document.getElementById('out')!);
    expect(() => click(document.getElementById('bad')!)).not.toThrow();
    expect(track).toHaveBeenCalledOnce();
    expect(log.mock.calls.filter(([message]) => /ignored option/.test(message))).toHaveLength(1);
  });
});
