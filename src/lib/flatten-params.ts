import type { WireParams } from '../types.js';

/**
 * Turns caller params into the flat text pairs a form body carries, without losing data silently:
 * - arrays of plain values become comma-joined text (`tags=a,b`), as Mautic expects;
 * - nested objects (and arrays holding objects) use PHP bracket keys (`a[b]=1`), which PHP decodes
 *   back into arrays;
 * - Dates become ISO text; numbers, booleans and bigints their text;
 * - `undefined` and `null` are skipped (sending `null` would write the text "null" into a contact
 *   field); functions, symbols, invalid dates and circular references are skipped and reported;
 * - only data is walked: plain objects (prototype `Object.prototype` or `null`, of any realm),
 *   arrays and Dates. Anything else (`window`, DOM nodes, events, Map, Set, class instances, typed
 *   arrays, Promises, boxed primitives, errors) is skipped and reported unread, as are top-level
 *   params that are no plain object: reading a host object's properties runs its getters;
 * - a getter that throws costs only its own key;
 * - nesting deeper than 10 levels, keys beyond the first 500, and arrays that can never fit in
 *   `maxChars` once joined are skipped (hostile or runaway input must not hang the page).
 * `onSkip` hears about every reported skip, for debug mode.
 */
export function flattenParams(params: unknown, onSkip: (key: string, why: string) => void, maxChars: number): WireParams {
  // No prototype, so a `__proto__` key is stored as data instead of changing the object.
  const flat: WireParams = Object.create(null);
  const path: unknown[] = [];
  let count = 0;

  /** Walks the own keys of plain data under `key` ('' for the params themselves). */
  const walk = (key: string, value: any): void => {
    // Listed before the push: a Proxy whose ownKeys throws leaves the path as it was.
    const names = Object.keys(value);
    path.push(value);
    for (const name of names) {
      if (count > 500) break;
      visit(key ? key + '[' + name + ']' : name, () => value[name]);
    }
    path.pop();
  };

  /**
   * Keeps one value (`read()`: a getter that throws costs only its own key) as text, or walks it;
   * reports why it was skipped. The params themselves (`top`) must be a plain object.
   */
  const visit = (key: string, read: () => any, top?: boolean): void => {
    let why: any;
    try {
      const value = read();
      const type = typeof value;
      if (value == null) return;
      // Each step reads nothing of a value it has not found to be data.
      if (!top && ++count > 500) why = count == 501 && 'more than 500 keys';
      else if (type == 'function' || type == 'symbol') why = type;
      else if (type != 'object' && !top) flat[key] = String(value);
      else if (path.indexOf(value) >= 0) why = 'cycle';
      else if (path.length > 9) why = 'too deep';
      else if (Array.isArray(value) && !top) {
        // Not looped over when too long (a million slots); else at least its joined length, NaN if an item does not join.
        const joined = value.length > maxChars ? Infinity : value.reduce((sum: number, item) => sum + (item == null || /^[nb]/.test(typeof item) ? 1 : typeof item == 'string' ? item.length + 1 : NaN), 0);
        if (joined > maxChars) why = 'too large';
        else if (joined >= 0) flat[key] = value.join(',');
        else walk(key, value);
      } else {
        const proto = Object.getPrototypeOf(value);
        // A plain object's prototype is null, or has none itself (also an iframe's Object.prototype).
        if (!proto || !Object.getPrototypeOf(proto)) walk(key, value);
        else {
          // Named from its prototype, never read from the object.
          why = 'not plain data (' + proto.constructor.name + ')';
          // A Date of any realm: toISOString throws a TypeError on any other, a RangeError if invalid.
          if (!top) (flat[key] = Date.prototype.toISOString.call(value)), (why = 0);
        }
      }
    } catch (error) {
      why = why ? (error instanceof RangeError ? 'invalid date' : why) : 'unreadable';
    }
    if (why) onSkip(key, why);
  };

  visit('', () => params, true);
  return flat;
}

