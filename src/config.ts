import type { TrackerOptions } from './types.js';
import { debugLog } from './lib/debug-log.js';
import { REDACTED_QUERY } from './redaction.js';

/** A compile-time constant of every build (`defines` in scripts/variants.mjs); undefined in unit tests. */
declare const SCRIPT_TAG: boolean;

/**
 * True in the script-tag bundles (`dist/mt.js`, `dist/mt.full.js`), false in the npm build and in
 * unit tests. Code under `!IN_SCRIPT_TAG` is what only the npm API needs (no page during
 * server-side rendering, `destroy()`, promises): the build drops it from the bundles, which always
 * run in a page and have none of that API.
 */
export const IN_SCRIPT_TAG: boolean = typeof SCRIPT_TAG == 'boolean' && SCRIPT_TAG;

/** A string that matches `pattern` (a RegExp would take an array or a number as its text). */
const matches = (value: unknown, pattern: RegExp): boolean => typeof value == 'string' && pattern.test(value);

/**
 * The Mautic base URL a `url` option stands for, or '' when it is none. Accepted: an http(s) URL
 * (never `javascript:` or `data:`), or a path starting with `/`, `./` or `../` (a bare word is more
 * likely a host without its scheme, or no URL at all), resolved once against the page, so a later
 * SPA route cannot move it; without a page (server-side rendering) only an absolute URL. Stored
 * without trailing slashes, and on an https page http is upgraded as Mautic's script does (the
 * browser would block the mixed-content request anyway).
 */
export function baseUrl(value: unknown): string {
  try {
    const page = IN_SCRIPT_TAG || typeof location != 'undefined' ? location : undefined;
    const base = new URL(value as string, page && page.href).href.replace(/\/+$/, '');
    if (matches(value, /^(https?:|\.{0,2}\/)/i) && /^https?:/.test(base)) {
      return page && page.protocol == 'https:' ? base.replace(/^http:/, 'https:') : base;
    }
  } catch (_) {
    // Not a URL at all.
  }
  return '';
}

/**
 * How an option is checked: `accept`, which returns false to refuse a value, true to take it as
 * given, or the value to store instead (the resolved URL); and what the value must be, for the
 * debug log.
 */
type Rule = [accept: (value: unknown, creating: boolean) => unknown, must: string];

const FLAG: Rule = [(value) => typeof value == 'boolean', 'true or false'];
const FUNCTION: Rule = [(value) => typeof value == 'function', 'a function'];

/** Compile-time constant: false in `dist/mt.js` (scripts/variants.mjs), undefined elsewhere. */
declare const PLUGINS: boolean | undefined;
/** Whether this build has plugins (false in `dist/mt.js`): their options, and code that only serves them. */
export const HAS_PLUGINS: boolean = !IN_SCRIPT_TAG || typeof PLUGINS == 'undefined' || PLUGINS;

/**
 * Every option and its rule: an unknown key, or a value its rule refuses, changes nothing. No
 * prototype, so an inherited name (`constructor`, `__proto__`) is an unknown key.
 */
const RULES: Record<keyof TrackerOptions, Rule> = Object.assign(Object.create(null), {
  url: [baseUrl, 'an http(s) URL or a / ./ ../ path'],
  debug: FLAG,
  // Beyond 2^31-1 ms a browser timer fires at once, as with 0.
  timeout: [(value: unknown) => typeof value == 'number' && value >= 500 && value < 2 ** 31, 'ms, 500 to 2^31-1'],
  eventsInPageUrl: FLAG,
  autoPageviews: FLAG,
  hashRouting: FLAG,
  requireConsent: FLAG,
  respectDoNotTrack: FLAG,
  storage: [(value: unknown) => matches(value, /^(local|session|none)$/), 'local, session or none'],
  pixelForPersonalData: FLAG,
  // It ends storage keys and cookie names; both are fixed when the tracker is created, which in the
  // script-tag bundles takes no options from the page (createTracker's only).
  name: [(value: unknown, creating: boolean) => !IN_SCRIPT_TAG && creating && matches(value, /^[\w-]{0,32}$/), 'at creation: up to 32 of A-Za-z0-9_-'],
  sanitizeContent: FUNCTION,
  beforeSend: FUNCTION,
  // Kept in lower case: the names of a URL are compared in lower case.
  redactQuery: [(value: unknown) => Array.isArray(value) && value.every((name) => typeof name == 'string') && value.map((name: string) => name.toLowerCase()), 'a list of names'],
  // Options of plugins, each checked in detail by its plugin when it acts (autocapture.ts,
  // cross-domain.ts). `dist/mt.js` has no plugin and so none of these: there they are unknown
  // options, and debug mode says which build has them.
  ...(HAS_PLUGINS && {
    autocapture: [() => true, ''],
    crossDomain: [Array.isArray, 'an array of hosts'],
    crossDomainReplace: FLAG,
  }),
});

/**
 * The options of a new tracker. Those not set are off: flags false, no `name`, no `sanitizeContent`,
 * no `beforeSend`.
 */
export const DEFAULT_OPTIONS = { url: '', timeout: 3000, storage: 'local', redactQuery: REDACTED_QUERY } as Required<TrackerOptions>;

/**
 * Copies the options of `update` that pass their rule over `current`; each refused one gets a debug
 * line, logged after the merge, so a `debug: true` in the same call already applies. Merging onto
 * DEFAULT_OPTIONS is the tracker's creation (the only time `name` may be set).
 */
export function mergeOptions(current: Required<TrackerOptions>, update: TrackerOptions): Required<TrackerOptions> {
  const next: Record<string, unknown> = { ...current };
  const refused: [string, unknown][] = [];
  // for…in, unlike Object.keys, does not throw on a null or undefined update.
  for (const key in update) {
    const value = (update as Record<string, unknown>)[key];
    const rule = RULES[key as keyof TrackerOptions];
    // Whether the tracker is being created matters to `name` only, which the script-tag bundles never take.
    const accepted = rule && rule[0](value, !IN_SCRIPT_TAG && current == DEFAULT_OPTIONS);
    if (accepted) next[key] = accepted === true ? value : accepted;
    // A plugin's option in `dist/mt.js`: named apart from a typo, which is unknown in every build.
    else refused.push(['config: ignored option ' + key + ' (' + (rule ? rule[1] : !HAS_PLUGINS && /^(autocapture|crossDomain)/.test(key) ? 'only in mt.full.js' : 'unknown') + ')', value]);
  }
  if (next.debug) refused.map(([message, value]) => debugLog(message, value));
  return next as Required<TrackerOptions>;
}
