import type { Callbacks, ConsentDecision, HitType, Params, TrackerOptions } from './types.js';

/** A `send` command: one hit to deliver. */
export interface SendCommand {
  name: 'send';
  type: HitType;
  params?: Params;
  callbacks: Callbacks;
  /** Event positional values (category, action, label, value); undefined where not given. */
  eventValues?: (string | undefined)[];
}

/** A `config` command: options for every later hit. */
export interface ConfigCommand {
  name: 'config';
  options: TrackerOptions;
}

/** A `consent` command: the visitor's decision. */
export interface ConsentCommand {
  name: 'consent';
  decision: ConsentDecision;
}

/** A command read from `mt(...)` arguments. */
export type Command = SendCommand | ConfigCommand | ConsentCommand;

/**
 * Reads the arguments of one `mt(...)` call (or one entry of the snippet's queue).
 * Returns the command, or why the call is ignored (for debug mode, which also logs the arguments).
 * Accepted shapes:
 * - `('send', 'pageview', params?, callbacks?)`
 * - `('send', 'event', category, action, label?, value?, params?, callbacks?)`; params may come right
 *   after the last positional value given, e.g. `('send', 'event', 'video', 'play', {…})`
 * - `('config', options)`
 * - `('consent', 'grant' | 'deny' | 'revoke')`
 */
export function parseCommand(args: ArrayLike<unknown>): Command | string {
  const name = args[0] as string;
  const type = args[1] as HitType;
  if (name == 'config') {
    return isObject(type) ? { name, options: type as TrackerOptions } : 'config needs an object';
  }
  if (name == 'consent') {
    return /^(grant|deny|revoke)$/.test(type) ? { name, decision: type as ConsentDecision } : 'consent needs grant, deny or revoke';
  }
  if (name != 'send') return 'unknown command';
  if (type != 'pageview' && type != 'event') return 'unknown hit type';

  let position = 2;
  let eventValues: (string | undefined)[] | undefined;
  if (type == 'event') {
    eventValues = [];
    while (eventValues.length < 4 && position < args.length && isPositional(args[position])) {
      const value = args[position++];
      eventValues.push(value == null ? undefined : String(value));
    }
    if (eventValues[0] === undefined || eventValues[1] === undefined) {
      return 'event needs category and action';
    }
  }
  const params = args[position];
  const callbacks = args[position + 1];
  if (params != null && !isObject(params)) return 'params must be an object';
  if (callbacks != null && !isObject(callbacks)) return 'callbacks must be an object';
  return {
    name,
    type,
    params: (params as Params) || undefined,
    callbacks: (callbacks as Callbacks) || {},
    eventValues,
  };
}

function isObject(value: unknown): boolean {
  return !!value && typeof value == 'object' && !Array.isArray(value);
}

function isPositional(value: unknown): boolean {
  return value == null || typeof value == 'string' || typeof value == 'number';
}

