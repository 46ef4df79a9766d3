import type { WireParams } from '../types.js';

/**
 * Encodes flat params as `key=value&…` with encodeURIComponent, the encoding Mautic's own script
 * uses for both the POST body and the pixel's query string.
 */
export function encodeForm(params: WireParams): string {
  return Object.keys(params)
    .map((key) => encodeText(key) + '=' + encodeText(params[key]))
    .join('&');
}

/**
 * encodeURIComponent throws on a lone surrogate half (broken text from a truncated string). Such a
 * string is sent with every surrogate replaced by U+FFFD rather than not at all.
 */
export function encodeText(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch (_) {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}
