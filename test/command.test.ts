import { describe, expect, it } from 'vitest';
import { afterEach, vi } from 'vitest';
import { callbacksIn, readSend, refuse as refuseAndLog, runCommand } from '../src/command';
import type { TrackerCore } from '../src/tracker';
import { eventParams } from '../src/hit';
import { flattenParams } from '../src/lib/flatten-params';

const args = (...values: unknown[]) => values;
const refuse = (input: ArrayLike<unknown>, why: string) => refuseAndLog(input, why, () => {});

/**
 * What runCommand makes of a call: the core call it stands for (method name, then arguments; a
 * `send` read by readSend), or why it was refused (from its debug line).
 */
function parse(input: ArrayLike<unknown>): unknown[] | string {
  let result: unknown[] | string = 'nothing';
  const core: TrackerCore = {
    configure: (options) => void (result = ['configure', options]),
    consent: (decision) => void (result = ['consent', decision]),
    reset: () => void (result = ['reset']),
    track(type, rest) {
      const read = readSend(type, rest);
      result = typeof read == 'string' ? read : ['track', ...read];
    },
    log: (message) => void (result = message.replace(/^ignored: /, '')),
    destroy() {},
  };
  runCommand(core, input);
  return result;
}

/** A `send` command's parts by name, to compare with expectations. */
type Sent = { type: unknown; params: any; callbacks: any; eventValues: (string | undefined)[] | undefined };
function parseCommand(input: ArrayLike<unknown>): Sent | string | unknown[] {
  const command = parse(input);
  if (typeof command == 'string' || command[0] != 'track') return command;
  const [, type, params, callbacks, eventValues] = command;
  return { type, params, callbacks, eventValues };
}

describe('parseCommand', () => {
  it('reads a pageview with params and callbacks', () => {
    const onload = () => {};
    expect(parse(args('send', 'pageview', { a: 1 }, { onload }))).toEqual(['track', 'pageview', { a: 1 }, { onload }, undefined]);
    expect(parseCommand(args('send', 'pageview', { a: 1 }, { onload }))).toEqual({
      type: 'pageview',
      params: { a: 1 },
      callbacks: { onload },
      eventValues: undefined,
    });
  });

  it('reads a bare pageview, as the snippet queues it', () => {
    expect(parseCommand(args('send', 'pageview'))).toMatchObject({ type: 'pageview', params: undefined, callbacks: {} });
  });

  it('reads an event with four positional values, params and callbacks', () => {
    const callbacks = { onerror: () => {} };
    expect(parseCommand(args('send', 'event', 'video', 'play', 'intro', 42, { p: 1 }, callbacks))).toMatchObject({
      type: 'event',
      eventValues: ['video', 'play', 'intro', '42'],
      params: { p: 1 },
      callbacks,
    });
  });

  it('lets params follow the last positional value given', () => {
    expect(parseCommand(args('send', 'event', 'video', 'play', { p: 1 }))).toMatchObject({
      eventValues: ['video', 'play'],
      params: { p: 1 },
    });
  });

  it('keeps maatoo’s documented empty strings as given, and skips missing label and value', () => {
    expect(parseCommand(args('send', 'event', '', '', '', '', {}))).toMatchObject({ eventValues: ['', '', '', ''] });
    expect(parseCommand(args('send', 'event', ' ', 0))).toMatchObject({ eventValues: [' ', '0'] });
    expect(parseCommand(args('send', 'event', { eventCategory: '', eventAction: '' }))).toMatchObject({ eventValues: ['', '', undefined, undefined] });
    // Not given (null or undefined): eventParams leaves both out.
    expect(parseCommand(args('send', 'event', 'c', 'a', null, undefined, {}))).toMatchObject({
      eventValues: ['c', 'a', null, undefined],
    });
  });

  it('reads an event given as one object: the four values by our names, every other key a param', () => {
    const callbacks = { onload: () => {} };
    const command = parseCommand(
      args('send', 'event', { category: 'video', action: 'play', label: 'intro', value: 42, position: 12 }, callbacks),
    ) as Sent;
    expect(command).toMatchObject({ type: 'event', eventValues: ['video', 'play', 'intro', '42'], callbacks });
    expect({ ...command.params }).toEqual({ position: 12 });
  });

  it('reads analytics.js’ field names, in the event object and in a fields object with hitType', () => {
    const fields = { eventCategory: 'video', eventAction: 'play', eventLabel: 'intro', eventValue: 42, position: 12 };
    for (const input of [args('send', 'event', fields), args('send', { hitType: 'event', ...fields })]) {
      const command = parseCommand(input) as Sent;
      expect(command).toMatchObject({ type: 'event', eventValues: ['video', 'play', 'intro', '42'] });
      expect({ ...command.params }).toEqual({ position: 12 });
    }
    const pageview = parseCommand(args('send', { hitType: 'pageview', email: 'a@b.c' }, { onerror: () => {} })) as Sent;
    expect(pageview).toMatchObject({ type: 'pageview', eventValues: undefined });
    expect({ ...pageview.params }).toEqual({ email: 'a@b.c' });
    expect(typeof pageview.callbacks.onerror).toBe('function');
  });

  it('reads callbacks given where params may stand, so they still run', () => {
    const callbacks = { onload: () => {}, onerror: () => {} };
    for (const input of [
      args('send', 'event', 'video', 'play', callbacks),
      args('send', 'event', 'video', 'play', 'intro', 42, callbacks),
      args('send', 'pageview', callbacks),
    ]) {
      const command = parseCommand(input) as Sent;
      expect(command.callbacks).toBe(callbacks);
      expect(command.params).toBeUndefined();
    }
    // An object with other keys is params, even with an onload among them.
    const mixed = { onload: () => {}, plan: 'pro' };
    expect((parseCommand(args('send', 'pageview', mixed)) as Sent).params).toBe(mixed);
  });

  it('sends no hitType as a param of an event object, and refuses numbers that are not finite', () => {
    const command = parseCommand(args('send', 'event', { hitType: 'event', category: 'a', action: 'b', n: 1 })) as Sent;
    expect({ ...command.params }).toEqual({ n: 1 });
    expect(parseCommand(args('send', 'event', 1.5, NaN))).toBe('event needs category and action');
    expect(parseCommand(args('send', 'event', { category: 'a', action: 'b', value: Infinity }))).toBe('event values must be text or finite numbers');
  });

  it('takes the first name of the table that is given, and reads no field name as a param', () => {
    const command = parseCommand(
      args('send', 'event', { category: 'ours', eventCategory: 'theirs', action: null, eventAction: 'play' }),
    ) as Sent;
    expect(command.eventValues).toEqual(['ours', 'play', undefined, undefined]);
    expect({ ...command.params }).toEqual({});
  });

  it('sends the same wire params for the same event in every shape', () => {
    const wire = (input: unknown[]) => {
      const command = parseCommand(input) as Sent;
      return { ...eventParams(command.eventValues!), ...flattenParams(command.params, () => {}) };
    };
    const expected = wire(args('send', 'event', 'video', 'play', 'intro', 42, { position: 12 }));
    expect(expected).toEqual({ event_category: 'video', event_action: 'play', event_label: 'intro', event_value: '42', position: '12' });
    for (const input of [
      args('send', 'event', 'video', 'play', 'intro', '42', { position: 12 }),
      args('send', 'event', { category: 'video', action: 'play', label: 'intro', value: 42, position: 12 }),
      args('send', 'event', { eventCategory: 'video', eventAction: 'play', eventLabel: 'intro', eventValue: 42, position: 12 }),
      args('send', { hitType: 'event', eventCategory: 'video', eventAction: 'play', eventLabel: 'intro', eventValue: 42, position: 12 }),
    ]) {
      expect(wire(input), JSON.stringify(input)).toEqual(expected);
    }
  });

  it('in an object-shaped event, a getter that throws costs only its own key', () => {
    const fields = Object.defineProperty({ category: 'c', action: 'a', kept: 1 }, 'broken', {
      enumerable: true,
      get() {
        throw new Error('hostile');
      },
    });
    const skipped: string[] = [];
    const command = parseCommand(args('send', 'event', fields)) as Sent;
    expect(flattenParams(command.params, (key, why) => skipped.push(key + ' ' + why))).toEqual({ kept: '1' });
    expect(skipped).toEqual(['broken unreadable']);
  });

  it('reads config', () => {
    expect(parse(args('config', { debug: true }))).toEqual(['configure', { debug: true }]);
  });

  it('reads reset, whatever follows it', () => {
    expect(parse(args('reset'))).toEqual(['reset']);
    expect(parse(args('reset', 'now'))).toEqual(['reset']);
  });

  it('reads consent', () => {
    expect(parse(args('consent', 'grant'))).toEqual(['consent', 'grant']);
    expect(parse(args('consent', 'maybe'))).toBe('consent needs grant, deny or revoke');
    // Text only, as npm consent() reads it: an array that reads as 'grant' is no decision.
    expect(parse(args('consent', ['grant']))).toBe('consent needs grant, deny or revoke');
  });

  it.each([
    [args(), 'unknown command'],
    [args('track', 'pageview'), 'unknown command'],
    [args('send'), 'unknown hit type'],
    [args('send', 'screenview'), 'unknown hit type'],
    [args('send', 'pageview', 'params'), 'params must be an object'],
    [args('send', 'pageview', ['array']), 'params must be an object'],
    [args('send', 'pageview', {}, 'callbacks'), 'callbacks must be an object'],
    [args('send', 'event', { only: 'params' }), 'event needs category and action'],
    [args('send', 'event', 'category only'), 'event needs category and action'],
    [args('send', 'event', undefined, undefined), 'event needs category and action'],
    [args('send', 'event', null, 'play'), 'event needs category and action'],
    [args('send', 'event', 'video', undefined, 'label'), 'event needs category and action'],
    [args('send', 'event', { category: 'video', label: 'no action' }), 'event needs category and action'],
    [args('send', 'event', { eventCategory: 'video', eventAction: null }), 'event needs category and action'],
    [args('send', 'event', { category: 'video', action: 'play', value: true }), 'event values must be text or finite numbers'],
    [args('send', 'event', { category: { name: 'video' }, action: 'play' }), 'event values must be text or finite numbers'],
    [args('send', { hitType: 'screenview' }), 'unknown hit type'],
    [args('send', { eventCategory: 'video', eventAction: 'play' }), 'unknown hit type'],
    [args('send', 'event', { category: 'c', action: 'a' }, 'callbacks'), 'callbacks must be an object'],
    [args('config'), 'config needs an object'],
    [args('config', 'debug'), 'config needs an object'],
  ])('refuses %j with a reason', (input, reason) => {
    expect(parseCommand(input)).toBe(reason);
  });

  it('refuses arguments it cannot read, without throwing', () => {
    const trap = () => {
      throw new Error('trap');
    };
    expect(parseCommand(args('send', new Proxy({}, { get: trap })))).toBe('unreadable arguments');
    expect(parseCommand(args('send', 'event', new Proxy({}, { ownKeys: trap })))).toBe('unreadable arguments');
  });

  it('works on an arguments object, as the snippet queues them', () => {
    function queue(..._: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      return arguments;
    }
    expect(parseCommand(queue('send', 'pageview'))).toMatchObject({ type: 'pageview' });
  });
});

describe('refuse', () => {
  afterEach(() => vi.useRealTimers());

  it('tells the callbacks of a refused call, on a later task, with reason invalid', () => {
    vi.useFakeTimers();
    const onerror = vi.fn();
    const detail = refuse(args('send', 'event', 'video', { onerror }), 'event needs category and action');
    expect(detail).toMatchObject({ ok: false, type: 'event', transport: 'none', reason: 'invalid', message: 'event needs category and action' });
    expect(onerror).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(onerror).toHaveBeenCalledWith(detail);
  });

  it('finds callbacks only in objects made of onload / onerror functions', () => {
    expect(callbacksIn(args('send', 'event', { onload: 'no' }))).toBeUndefined();
    expect(callbacksIn(args('send', 'event', window))).toBeUndefined();
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no'); } });
    expect(callbacksIn(args('send', hostile))).toBeUndefined();
  });
});
