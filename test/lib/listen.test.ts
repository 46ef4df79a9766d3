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
});
