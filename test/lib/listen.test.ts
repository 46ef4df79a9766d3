import { describe, expect, it } from 'vitest';
import { listen } from '../../src/lib/listen';

describe('listen', () => {
  it('hears each type in the capture phase, before the page and despite its stopPropagation', () => {
    const heard: string[] = [];
    document.body.innerHTML = '<button id="b"></button>';
    const button = document.getElementById('b')!;
    button.addEventListener('click', (event) => {
      heard.push('page');
      event.stopPropagation();
    });
    listen(document, 'click auxclick', (event) => void heard.push(event.type));
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    button.dispatchEvent(new MouseEvent('auxclick', { bubbles: true }));
    expect(heard).toEqual(['click', 'page', 'auxclick']);
  });

  it('keeps what the handler throws out of the page', () => {
    listen(document, 'keydown', () => {
      throw new Error('boom');
    });
    expect(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true }))).not.toThrow();
  });

  it('a signal takes every listener away again when it aborts', () => {
    const heard: string[] = [];
    const stop = new AbortController();
    listen(document, 'click keyup', (event) => void heard.push(event.type), stop.signal);
    document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    stop.abort();
    document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true }));
    expect(heard).toEqual(['click']);
  });
});
