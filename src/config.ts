import type { TrackerOptions } from './types.js';

/**
 * The Mautic base URL without trailing slashes; on an https page an http base is upgraded, as
 * Mautic's script does (the browser would block the mixed-content request anyway).
 */
export function normaliseBaseUrl(url: string): string {
  const base = url.replace(/\/+$/, '');
  return location.protocol == 'https:' ? base.replace(/^http:/, 'https:') : base;
}

/** Every option with its default; a value of another type than its default's is refused. */
export const DEFAULT_OPTIONS: Required<TrackerOptions> = {
  url: '',
  debug: false,
  timeout: 3000,
  eventsInPageUrl: false,
  autoPageviews: false,
  hashRouting: false,
  requireConsent: false,
  respectDoNotTrack: false,
  storage: 'local',
  pixelForPersonalData: false,
  name: '',
  sanitizeContent: undefined as unknown as (html: string) => string,
};

/** Values an option must take beyond its type. */
const ALLOWED: Record<string, RegExp> = { storage: /^(local|session|none)$/ };

/** Copies the options a caller may set, ignoring unknown keys and values of the wrong type. */
export function mergeOptions(
  current: Required<TrackerOptions>,
  update: TrackerOptions,
  onIgnored: (key: string) => void,
): Required<TrackerOptions> {
  const next: Record<string, unknown> = { ...current };
  for (const key of Object.keys(update)) {
    const value = (update as Record<string, unknown>)[key];
    const valid = key == 'sanitizeContent' ? typeof value == 'function' : typeof value == typeof next[key];
    if (valid && !(ALLOWED[key] && !ALLOWED[key].test(value as string))) next[key] = value;
    else onIgnored(key);
  }
  return next as Required<TrackerOptions>;
}
