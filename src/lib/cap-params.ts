import type { WireParams } from '../types.js';
import { encodeText } from './encode-form.js';

/**
 * Keeps caller params within `maxChars` once encoded, dropping the largest first (each reported), so
 * a runaway value cannot make a request that the server or a proxy refuses, or fill the outbox.
 */
export function capParams(params: WireParams, maxChars: number, onDrop: (key: string) => void): WireParams {
  let total = 0;
  const sizes = Object.keys(params).map((key): [string, number] => {
    const value = params[key];
    // Encoding never makes text shorter: a pair already too long as it is goes without being encoded
    // (a megabyte would cost milliseconds for nothing); its raw size still puts it first in line.
    const raw = key.length + value.length + 2;
    const size = raw > maxChars ? raw : encodeText(key + value).length + 2;
    total += size;
    return [key, size];
  });
  // Largest first, until the rest fits.
  sizes.sort((a, b) => b[1] - a[1]);
  for (const [key, size] of sizes) {
    if (total <= maxChars) break;
    total -= size;
    onDrop(key);
    delete params[key];
  }
  return params;
}
