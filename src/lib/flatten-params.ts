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

  /** Runs `read`, and reports a key it skipped; a getter that throws costs only its own key. */
  const report = (key: string, read: () => string | false | void): void => {
    let why: string | false | void;
    try {
      why = read();
    } catch (_) {
      why = 'unreadable';
    }
    if (why) onSkip(key, why);
  };

  /** Walks the own keys of plain data under `key` ('' for the params themselves). */
  const walk = (key: string, value: any): void => {
    // Listed before the push: a Proxy whose ownKeys throws leaves the path as it was.
    const names = Object.keys(value);
    path.push(value);
    for (const name of names) {
      if (count > MAX_KEYS) break;
      const child = key ? key + '[' + name + ']' : name;
      report(child, () => visit(child, value[name]));
    }
    path.pop();
  };

  /** Keeps one value as text, or walks it; returns why it was skipped, when it was reported. */
  const visit = (key: string, value: any): string | false | void => {
    const type = typeof value;
    let joined: number;
    let what: string | false;
    if (value == null) return;
    if (++count > MAX_KEYS) return count == MAX_KEYS + 1 && 'more than ' + MAX_KEYS + ' keys';
    if (type == 'function' || type == 'symbol') return type;
    if (type != 'object') flat[key] = String(value);
    else if (path.indexOf(value) >= 0) return 'cycle';
    else if (path.length >= MAX_DEPTH) return 'too deep';
    else if (Array.isArray(value)) {
      // Its length first: a million-slot array is no reason to loop a million times.
      if (value.length > maxChars || (joined = joinedLength(value)) > maxChars) return 'too large';
      if (joined >= 0) flat[key] = value.join(',');
      else walk(key, value);
    } else if (!(what = describeNonPlain(value))) walk(key, value);
    else {
      // A Date of any realm: only a real Date has the time toISOString reads (others throw a
      // TypeError), and an invalid one throws a RangeError.
      try {
        flat[key] = Date.prototype.toISOString.call(value);
      } catch (error) {
        return error instanceof RangeError ? 'invalid date' : what;
      }
    }
  };

  report('', () => params != null && (describeNonPlain(params) || walk('', params)));
  return flat;
}

const MAX_KEYS = 500;
const MAX_DEPTH = 10;

/**
 * False for a plain object: its prototype is null, or has none itself (an `Object.prototype`, also
 * of an iframe's realm). Otherwise what it is, read from its prototype, never from the object.
 */
function describeNonPlain(value: object): string | false {
  const proto = Object.getPrototypeOf(value);
  return !!proto && !!Object.getPrototypeOf(proto) && 'not plain data (' + proto.constructor.name + ')';
}

/**
 * How long an array of plain values is at least once joined and sent (its commas, its text and one
 * character of key), or NaN when an item does not join as it is (functions, symbols, objects).
 */
function joinedLength(items: unknown[]): number {
  return items.reduce<number>(
    (chars, item) => (item == null || /^(nu|bo|bi)/.test(typeof item) ? chars : typeof item == 'string' ? chars + item.length : NaN),
    items.length,
  );
}
