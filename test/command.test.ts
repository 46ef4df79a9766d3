import { describe, expect, it } from 'vitest';
import { parseCommand } from '../src/command';

const args = (...values: unknown[]) => values;

describe('parseCommand', () => {
  it('reads a pageview with params and callbacks', () => {
    const onload = () => {};
    expect(parseCommand(args('send', 'pageview', { a: 1 }, { onload }))).toEqual({
      name: 'send',
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

  it('keeps maatoo’s documented empty strings and skips missing label and value', () => {
    expect(parseCommand(args('send', 'event', '', '', '', '', {}))).toMatchObject({ eventValues: ['', '', '', ''] });
    expect(parseCommand(args('send', 'event', 'c', 'a', null, undefined, {}))).toMatchObject({
      eventValues: ['c', 'a', undefined, undefined],
    });
  });

  it('reads config', () => {
    expect(parseCommand(args('config', { debug: true }))).toEqual({ name: 'config', options: { debug: true } });
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
    [args('config'), 'config needs an object'],
    [args('config', 'debug'), 'config needs an object'],
  ])('refuses %j with a reason', (input, reason) => {
    expect(parseCommand(input)).toBe(reason);
  });

  it('works on an arguments object, as the snippet queues them', () => {
    function queue(..._: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      return arguments;
    }
    expect(parseCommand(queue('send', 'pageview'))).toMatchObject({ type: 'pageview' });
  });
});
