import type { TrackerOptions } from './types.js';
import { REDACTED_QUERY } from './redaction.js';

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
    const page = typeof location != 'undefined' ? location : undefined;
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
 * How an option is checked: its default; `accept`, which returns false to refuse a value, true to
 * take it as given, or the value to store instead (the resolved URL); and what the value must be,
 * for the debug log.
 */
type Rule = [fallback: unknown, accept: (value: unknown, creating: boolean) => unknown, must: string];

/** A tracker name: it ends storage keys and cookie names. */
export const isTrackerName = (value: unknown): boolean => matches(value, /^[\w-]{0,32}$/);

const FLAG: Rule = [false, (value) => typeof value == 'boolean', 'true or false'];

/** Every option, with its default and its rule: an unknown key, or a value its rule refuses, changes nothing. */
const RULES: Record<keyof TrackerOptions, Rule> = {
  url: ['', baseUrl, 'an http(s) URL or a / ./ ../ path'],
  debug: FLAG,
  timeout: [
    3000,
    // Beyond 2^31-1 ms a browser timer fires at once, as with 0.
    (value) => typeof value == 'number' && value >= 500 && value < 2 ** 31,
    'ms, 500 to 2^31-1',
  ],
  eventsInPageUrl: FLAG,
  autoPageviews: FLAG,
  hashRouting: FLAG,
  requireConsent: FLAG,
  respectDoNotTrack: FLAG,
  storage: ['local', (value) => matches(value, /^(local|session|none)$/), 'local, session or none'],
  pixelForPersonalData: FLAG,
  // It ends storage keys and cookie names; both are fixed when the tracker is created.
  name: ['', (value, creating) => creating && isTrackerName(value), 'at creation: up to 32 of A-Za-z0-9_-'],
  sanitizeContent: [undefined, (value) => typeof value == 'function', 'a function'],
  beforeSend: [undefined, (value) => typeof value == 'function', 'a function'],
  // Kept in lower case: the names of a URL are compared in lower case.
  redactQuery: [REDACTED_QUERY, (value) => Array.isArray(value) && value.every((name) => typeof name == 'string') && value.map((name) => name.toLowerCase()), 'a list of names'],
};

/** Every option with its default. */
export const DEFAULT_OPTIONS = {} as Required<TrackerOptions>;
for (const key in RULES) (DEFAULT_OPTIONS as Record<string, unknown>)[key] = RULES[key as keyof TrackerOptions][0];

/**
 * Copies the options of `update` that pass their rule over `current`; adds a message for each
 * refused one to `refused`. Merging onto DEFAULT_OPTIONS is the tracker's creation (the only time `name`
 * may be set).
 */
export function mergeOptions(
  current: Required<TrackerOptions>,
  update: TrackerOptions,
  refused: string[],
): Required<TrackerOptions> {
  const next: Record<string, unknown> = { ...current };
  // for…in, unlike Object.keys, does not throw on a null or undefined update.
  for (const key in update) {
    const value = (update as Record<string, unknown>)[key];
    const rule = RULES.hasOwnProperty(key) && RULES[key as keyof TrackerOptions];
    const accepted = rule && rule[1](value, current == DEFAULT_OPTIONS);
    if (accepted) next[key] = accepted === true ? value : accepted;
    else refused.push('config: ignored option ' + key + ' (' + (rule ? rule[2] : 'unknown') + ')');
  }
  return next as Required<TrackerOptions>;
}
