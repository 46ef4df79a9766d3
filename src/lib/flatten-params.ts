import type { WireParams } from '../types.js';

/**
 * Turns caller params into the flat text pairs a form body carries, without losing data silently:
 * - arrays of plain values become comma-joined text (`tags=a,b`), as Mautic expects;
 * - nested objects (and arrays holding objects) use PHP bracket keys (`a[b]=1`), which PHP decodes
 *   back into arrays;
 * - Dates become ISO text; numbers, booleans and bigints their text;
 * - `undefined` and `null` are skipped (sending `null` would write the text "null" into a contact
 *   field); functions, symbols, invalid dates and circular references are skipped and reported;
 * - a getter that throws costs only its own key;
 * - nesting deeper than 10 levels, and keys beyond the first 500, are skipped (hostile or runaway
 *   input must not hang the page).
 * `onSkip` hears about every reported skip, for debug mode.
 */
export function flattenParams(params: unknown, onSkip: (key: string, why: string) => void): WireParams {
  // No prototype, so a `__proto__` key is stored as data instead of changing the object.
  const flat: WireParams = Object.create(null);
  const path: unknown[] = [];
  let count = 0;

  const visit = (key: string, value: any): void => {
    const type = typeof value;
    if (value == null) return;
    if (++count > MAX_KEYS) {
      if (count == MAX_KEYS + 1) onSkip(key, 'more than ' + MAX_KEYS + ' keys');
    } else if (type == 'function' || type == 'symbol') onSkip(key, type);
    else if (value instanceof Date) {
      if (value.getTime() === value.getTime()) flat[key] = value.toISOString();
      else onSkip(key, 'invalid date');
    } else if (type != 'object') flat[key] = String(value);
    else if (path.indexOf(value) >= 0) onSkip(key, 'cycle');
    else if (path.length >= MAX_DEPTH) onSkip(key, 'too deep');
    else if (Array.isArray(value) && value.every(isPlain)) flat[key] = value.join(',');
    else {
      path.push(value);
      for (const name of Object.keys(value)) {
        const child = key ? key + '[' + name + ']' : name;
        try {
          visit(child, value[name]);
        } catch (_) {
          onSkip(child, 'unreadable');
        }
      }
      path.pop();
    }
  };

  try {
    if (params && typeof params == 'object') visit('', params);
  } catch (_) {
    onSkip('', 'unreadable');
  }
  return flat;
}

const MAX_KEYS = 500;
const MAX_DEPTH = 10;

/** A value that joins into comma-separated text as it is (functions and symbols would not). */
function isPlain(item: unknown): boolean {
  return item == null || /^(st|nu|bo|bi)/.test(typeof item);
}
