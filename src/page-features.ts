import type { WireParams } from './types.js';
import type { PluginContext, TrackerPlugin } from './plugins.js';
import { encodeForm } from './lib/encode-form.js';
import { cleanContent } from './lib/clean-content.js';
import { isObject } from './lib/is-object.js';
import { REQUEST_LIMIT_MS } from './transport.js';

/** Elements Mautic fills with dynamic web content. */
const SLOT_SELECTOR = '.mautic-slot,[data-slot="dwc"]';

/** True for an added element that is, or contains, a slot. */
const holdsSlot = (node: Node): boolean =>
  node.nodeType == 1 && ((node as Element).matches(SLOT_SELECTOR) || !!(node as Element).querySelector(SLOT_SELECTOR));

/** The name of the one Trusted Types policy through which all our HTML and script URLs go. */
export const TRUSTED_TYPES_POLICY = 'mautic-tracker';

type Policy = {
  createHTML(html: string): unknown;
  createScriptURL(url: string): unknown;
};

/** Our Trusted Types policy once asked for: null where the browser has none, or the CSP refused ours. */
let policy: Policy | null | undefined;

/** Our Trusted Types policy, made the first time HTML or a script URL needs it (one per page). */
const trusted = (): Policy | null => {
  if (policy === undefined) {
    try {
      // HTML is parsed into an inert document and cleaned node by node before any of it reaches
      // the page (cleanContent); script URLs come only through loadScript, which lets only the
      // Mautic host's through. No one else holds this policy.
      const same = (text: string) => text;
      policy = (window as unknown as { trustedTypes: { createPolicy(name: string, rules: Policy): Policy } }).trustedTypes
        // Throws without Trusted Types (no trustedTypes), or when the CSP refuses the name.
        .createPolicy(TRUSTED_TYPES_POLICY, { createHTML: same, createScriptURL: same });
    } catch (_) {
      // No Trusted Types in this browser, or the page's CSP does not allow our policy: HTML
      // features then stay off where Trusted Types are enforced.
      policy = null;
    }
  }
  return policy;
};

/** True when `url` is on the Mautic host. */
const fromMautic = (context: PluginContext, url: string): boolean => {
  try {
    // base() is absolute, or '' (no url: throws, so false).
    return new URL(url, location.href).origin == new URL(context.base()).origin;
  } catch (_) {
    return false;
  }
};

/** Loads a script, only from the Mautic host. */
const loadScript = (context: PluginContext, url: string): void => {
  if (!fromMautic(context, url)) return context.log('script refused, not on the Mautic host: ' + url);
  // A script made by createElement is async already.
  const script = document.createElement('script');
  const source = trusted();
  (script as { src: unknown }).src = source ? source.createScriptURL(url) : url;
  document.head.appendChild(script);
};

/**
 * A CORS GET to Mautic as the POST is sent: credentials, X-Requested-With, bounded in time. Rejects
 * when no answer comes (network, CORS, the bound).
 */
const ask = (context: PluginContext, path: string): Promise<Response> => {
  const controller = new AbortController();
  // Bounded as a hit's request is, not by `timeout` (a callback's bound): a slow Mautic's content
  // still comes. The bound covers reading the answer too; aborting a request done does nothing.
  setTimeout(() => controller.abort(), REQUEST_LIMIT_MS);
  return fetch(context.base() + path, {
    credentials: 'include',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
    signal: controller.signal,
  });
};

/**
 * Calls `fill` whenever slots are added to the page (an SPA rendering, a lazy section), so they are
 * filled for the current URL. Only added elements are searched: a page that changes its DOM all the
 * time must not pay for a search of the whole document on every change.
 */
function watchSlots(fill: () => void): void {
  // Every browser that runs our ES2018 bundle has MutationObserver, and hits leave only in a page.
  new MutationObserver((changes) => {
    if (changes.some((change) => [...change.addedNodes].some(holdsSlot))) fill();
  }).observe(document.documentElement, { childList: true, subtree: true });
}

/**
 * Puts dynamic content into a slot: the site's `sanitizeContent` first, then event-handler
 * attributes renamed (so a strict CSP has nothing to report), parsed in an inert template through
 * our policy, cleaned node by node (`cleanContent`: what guarantees nothing runs), moved in; scripts
 * from the Mautic host are loaded anew.
 */
function insertContent(slot: Element, html: string, context: PluginContext): void {
  const hook = context.options().sanitizeContent;
  // Every `on…=` inside a tag, in one pass over each tag.
  const source = (hook ? String(hook(html)) : html).replace(/<[^>]*/g, (tag) => tag.replace(/(\s)(on[a-z]+\s*=)/gi, '$1data-blocked-$2'));
  const policy = trusted();
  if ((window as { trustedTypes?: unknown }).trustedTypes && !policy) {
    return context.log('dynamic content: not inserted, Trusted Types refused mautic-tracker');
  }
  // A template's content is inert: nothing in it loads or runs until it is cleaned and moved.
  const template = document.createElement('template');
  (template as { innerHTML: unknown }).innerHTML = policy ? policy.createHTML(source) : source;
  const scripts = cleanContent(template.content, (url) => fromMautic(context, url), (what) => context.log('dynamic content: removed ' + what));
  slot.replaceChildren(template.content);
  scripts.forEach((url) => loadScript(context, url));
}

/**
 * Loads the script of each focus item among the campaign `events` of an answer: once per page
 * (`loaded` holds the ids of those loaded), and only from the Mautic host (`loadScript`).
 */
function loadFocusItems(context: PluginContext, events: unknown, loaded: Record<string, boolean>): void {
  const focus = isObject(events) && events.focus_item;
  if (!Array.isArray(focus)) return;
  for (const item of focus as { id?: string; js?: unknown }[]) {
    const id = item && item.id;
    if (id == null || typeof item.js != 'string' || loaded[id]) continue;
    loaded[id] = true;
    loadScript(context, item.js);
  }
}

/**
 * Mautic's page features for `dist/mt.full.js`, done safely and for single-page apps:
 * - **Dynamic web content.** Each `.mautic-slot` / `[data-slot="dwc"]` element (name in
 *   `data-slot-name`, else `data-param-slot-name`) is filled from `GET {base}/dwc/{slot}?{params}`,
 *   with the pageview's params and the device id, sent in parallel with the pageview — except for
 *   a visitor without a device id yet: Mautic makes a contact for every request without one, so
 *   the slots then wait for the pageview's answer (one visitor, one contact). `204` keeps the fallback
 *   HTML; `200 {content}` replaces it, after `sanitizeContent` and the built-in clean-up. Slots are
 *   filled again after each pageview of another URL (SPA), and slots added to the page later are
 *   filled for the current URL — never twice for the same URL.
 * - **Focus items** and other campaign events in the `events` of every answer: each focus item's
 *   script is loaded once per page, and only from the Mautic host.
 * - **The contact after a pixel hit**: the first time a hit went by pixel, `GET {base}/mtc` once, so
 *   identity is stored even when CORS POSTs fail.
 * All HTML and script URLs go through the Trusted Types policy `mautic-tracker` where the browser
 * has Trusted Types.
 */
export function pageFeatures(context: PluginContext): TrackerPlugin {
  const filled = new WeakMap<Element, string>();
  const focusLoaded: Record<string, boolean> = {};
  let pageParams: WireParams | undefined;
  let askedContact = false;

  /** Fills every slot not filled yet for the current page URL, once the visitor has a device id. */
  const fill = (): void => {
    const deviceId = context.deviceId();
    if (!pageParams || !deviceId) return;
    const params: WireParams = { ...pageParams, mautic_device_id: deviceId };
    const visitor = context.visitor();
    document.querySelectorAll(SLOT_SELECTOR).forEach((slot) => {
      const data = (slot as HTMLElement).dataset;
      const name = data.slotName || data.paramSlotName;
      if (!name || filled.get(slot) == params.page_url) return;
      filled.set(slot, params.page_url);
      ask(context, '/dwc/' + encodeURIComponent(name) + '?' + encodeForm(params)).then(async (response) => {
        if (response.status != 200) return; // 204: Mautic keeps the fallback HTML
        try {
          const answer = await response.json();
          // Asked for a visitor since forgotten (logout) or changed: not theirs to show; asked again.
          if (visitor != context.visitor()) return void filled.delete(slot);
          // `visitor`: when the request was sent. An answer that is no object throws: unusable.
          context.remember(answer, visitor);
          if (typeof answer.content == 'string') insertContent(slot, answer.content, context);
        } catch (_) {
          context.log('dynamic content: unusable answer for slot ' + name);
        }
      }, () => context.log('dynamic content: no answer for slot ' + name));
    });
  };

  return {
    hit(type, params) {
      if (type != 'pageview') return;
      // The first pageview starts watching for slots added later.
      if (!pageParams) watchSlots(fill);
      pageParams = params;
      fill();
    },
    delivered(outcome) {
      fill(); // slots that waited for the first answer's device id
      loadFocusItems(context, outcome.response && outcome.response.events, focusLoaded);
      if (outcome.ok && outcome.transport == 'pixel' && !askedContact) {
        askedContact = true;
        const visitor = context.visitor();
        // No answer, or one that is no JSON object (remember throws on null): nothing is kept.
        ask(context, '/mtc')
          .then((response) => response.json())
          .then((answer) => context.remember(answer, visitor))
          .catch(() => {});
      }
    },
  };
}
