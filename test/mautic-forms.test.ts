import { describe, expect, it, vi } from 'vitest';
import { mauticForms } from '../src/mautic-forms';

const MAUTIC = 'https://mautic.example.com';
const ID = 'abcdefghij0123456789xyz';

/** What the one plugin's context says (its listeners stay on the document, so it is made once). */
let context: { deviceId?: string; consented: boolean; base: string; respectDoNotTrack: boolean };
function plugin(over: Partial<typeof context> = {}): void {
  context = { deviceId: ID, consented: true, base: MAUTIC, respectDoNotTrack: false, ...over };
}
const log = vi.fn();
mauticForms({
  options: () => ({ respectDoNotTrack: context.respectDoNotTrack }) as never,
  base: () => context.base,
  deviceId: () => context.deviceId,
  remember: vi.fn(),
  log,
  track: vi.fn(),
  consented: () => context.consented,
});

/** Submits a new form with `action` and returns the device ids it carries. */
function submitForm(action: string): string[] {
  document.body.innerHTML = `<form action="${action}" method="post" enctype="multipart/form-data"><input name="mauticform[email]"></form>`;
  const form = document.querySelector('form')!;
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  return Array.from(form.querySelectorAll<HTMLInputElement>('input[name="mautic_device_id"]')).map((field) => field.value);
}

describe('mauticForms', () => {
  it('a form to {url}/form/submit (also /ajax, also behind /index.php) carries the device id, once', () => {
    plugin();
    expect(submitForm(`${MAUTIC}/form/submit?formId=3`)).toEqual([ID]);
    expect(submitForm(`${MAUTIC}/form/submit/ajax`)).toEqual([ID]);
    expect(submitForm(`${MAUTIC}/index.php/form/submit?formId=3`)).toEqual([ID]);
    const form = document.querySelector('form')!;
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(form.querySelectorAll('input[name="mautic_device_id"]')).toHaveLength(1);
  });

  it('other forms get nothing: another host, another path, a look-alike', () => {
    plugin();
    expect(submitForm('https://shop.example.net/form/submit')).toEqual([]);
    expect(submitForm(`${MAUTIC}/contact`)).toEqual([]);
    expect(submitForm(`${MAUTIC}/form/submitted`)).toEqual([]);
    expect(submitForm(`${MAUTIC}.evil.example/form/submit`)).toEqual([]);
  });

  it('a Mautic in a folder: only its own endpoint', () => {
    plugin({ base: 'https://example.com/mautic' });
    expect(submitForm('https://example.com/mautic/form/submit?formId=1')).toEqual([ID]);
    expect(submitForm('https://example.com/form/submit?formId=1')).toEqual([]);
  });

  it("nothing without consent (the core's consented() also says no under Do Not Track), without a device id, without a url", () => {
    plugin({ consented: false });
    expect(submitForm(`${MAUTIC}/form/submit`)).toEqual([]);
    plugin({ deviceId: undefined });
    expect(submitForm(`${MAUTIC}/form/submit`)).toEqual([]);
    plugin({ base: '' });
    expect(submitForm(`${MAUTIC}/form/submit`)).toEqual([]);
  });

  it("debug mode tells a device id added from a page's own field kept", () => {
    plugin();
    log.mockClear();
    submitForm(`${MAUTIC}/form/submit?formId=3`);
    document.body.innerHTML = `<form action="${MAUTIC}/form/submit?formId=3" method="post"><input type="hidden" name="mautic_device_id" value="page"></form>`;
    document.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(log.mock.calls.map(([line]) => line)).toEqual(['form: device id added', "form: the page's own mautic_device_id kept"]);
  });
});
