import type { WireParams } from '../types.js';
import { encodeText } from './encode-form.js';

/**
 * Keeps caller params within `maxChars` once encoded, dropping the largest first (each reported), so
 * a runaway value cannot make a request that the server or a proxy refuses, or fill the outbox.
 */
export function capParams(params: WireParams, maxChars: number, onDrop: (key: string) => void): WireParams {
  let total = 0;
  // No prototype, so a `__proto__` key is counted as data.
  const sizes: Record<string, number> = Object.create(null);
  for (const key of Object.keys(params)) {
    const value = params[key];
    // Encoding never makes text shorter: a pair already too long as it is goes without being encoded
    // (a megabyte would cost milliseconds for nothing); its raw size still puts it first in line.
    const raw = key.length + value.length + 2;
    total += sizes[key] = raw > maxChars ? raw : encodeText(key + value).length + 2;
  }
  // Largest first, until the rest fits.
  for (const key of Object.keys(sizes).sort((a, b) => sizes[b] - sizes[a])) {
    if (total <= maxChars) break;
    total -= sizes[key];
    onDrop(key);
    delete params[key];
  }
  return params;
}
