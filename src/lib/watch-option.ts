import type { PluginContext } from '../plugins.js';

/**
 * A getter of what a plugin makes of option `name`: `read` turns the option into its settings (or
 * undefined: refused). The option is read again only when it changed; a refused value is said once
 * (`refusal`, in the debug log) and the last good settings are kept, at first `initial`. An unset
 * option is `initial` without a word.
 */
export function watchOption<T>(context: PluginContext, name: string, read: (value: unknown) => T | undefined, initial: T, refusal: string): () => T {
  let seen: unknown;
  let settings = initial;
  return () => {
    const value = (context.options() as unknown as Record<string, unknown>)[name];
    if (value !== seen) {
      seen = value;
      const made = read(value);
      if (made) settings = made;
      else context.log(refusal, value);
    }
    return settings;
  };
}
