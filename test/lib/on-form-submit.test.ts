import { describe, expect, it, vi } from 'vitest';
import { onFormSubmit } from '../../src/lib/on-form-submit';

const submit = (form: Element): void => void form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

describe('onFormSubmit', () => {
  it('hears forms added later, before the page’s own handler, with the resolved action and method', () => {
    const heard: string[] = [];
    onFormSubmit((form, action, method) => void heard.push(form.id + ' ' + action.href + ' ' + method));
    document.body.innerHTML = '<form id="late" action="https://mautic.example.com/form/submit?formId=1" method="POST"><input name="action" value="x"></form>';
    const form = document.getElementById('late')!;
    form.addEventListener('submit', () => heard.push('page handler'));
    submit(form);
    expect(heard).toEqual(['late https://mautic.example.com/form/submit?formId=1 post', 'page handler']);
  });

  it('a form without action or method goes to the page, by get', () => {
    const handler = vi.fn();
    onFormSubmit(handler);
    document.body.innerHTML = '<form id="plain"></form>';
    submit(document.getElementById('plain')!);
    const [, action, method] = handler.mock.calls[0];
    expect(action.href).toBe(location.href);
    expect(method).toBe('get');
  });

  it('forms in an open shadow root are heard once something in the root was focused', () => {
    const handler = vi.fn();
    onFormSubmit(handler);
    const host = document.createElement('div');
    document.body.replaceChildren(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<form action="https://mautic.example.com/form/submit"><input id="email"></form>';
    const input = root.getElementById('email')!;
    input.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    submit(root.querySelector('form')!);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][1].pathname).toBe('/form/submit');
  });
});
