/** True for an object that is not an array (and not null): params, callbacks, options, a JSON answer. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value == 'object' && !Array.isArray(value);
}
