import type { PluginContext } from '../plugins.js';

/**
 * A getter of what a plugin makes of option `name`: `read` turns the option into its settings (or
 * undefined or false: refused). The option is read again only when it changed; a refused value is
 * said once in the debug log, as the core says a refused option (`config: ignored option <name>
 * (<must>)`), and the last good settings are kept, at first `initial`. An unset option is `initial`
 * without a word.
 */
export const watchOption = <T>(context: PluginContext, name: string, read: (value: unknown) => T | undefined | false, initial: T, must: string): () => T => {
  let seen: unknown;
  let settings = initial;
  return () => {
    const value = (context.options() as unknown as Record<string, unknown>)[name];
    if (value !== seen) {
      seen = value;
      const made = read(value);
      if (made) settings = made;
      else context.log('config: ignored option ' + name + ' (' + must + ')', value);
    }
    return settings;
  };
};
