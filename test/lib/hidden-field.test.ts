import { describe, expect, it } from 'vitest';
import { setHiddenField } from '../../src/lib/hidden-field';

describe('setHiddenField', () => {
  it('adds one hidden field, and updates it on a later submit instead of adding another', () => {
    document.body.innerHTML = '<form id="f"><input name="email"></form>';
    const form = document.getElementById('f') as HTMLFormElement;
    expect(setHiddenField(form, 'mautic_device_id', 'first')).toBe(true);
    expect(setHiddenField(form, 'mautic_device_id', 'second')).toBe(true);
    const fields = form.querySelectorAll('input[name="mautic_device_id"]');
    expect(fields).toHaveLength(1);
    expect((fields[0] as HTMLInputElement).type).toBe('hidden');
    expect((fields[0] as HTMLInputElement).value).toBe('second');
  });

  it('never touches a field of that name the page has', () => {
    document.body.innerHTML = '<form id="f"><input type="hidden" name="mautic_device_id" value="page"></form>';
    const form = document.getElementById('f') as HTMLFormElement;
    expect(setHiddenField(form, 'mautic_device_id', 'ours')).toBe(false);
    expect(Array.from(form.querySelectorAll('input')).map((field) => field.value)).toEqual(['page']);
  });
});
