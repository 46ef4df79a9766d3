import { describe, expect, it } from 'vitest';
import { looksPersonal } from '../../src/lib/looks-personal';

describe('looksPersonal', () => {
  it.each(['email', 'e-mail', 'firstname', 'lastname', 'company_name', 'phone', 'mobile', 'fax', 'address1', 'street', 'city', 'zipcode', 'postal_code', 'birthday', 'EMAIL'])(
    '%s is personal data',
    (key) => {
      expect(looksPersonal({ page_url: 'https://s/', [key]: 'x' })).toBe(true);
    },
  );

  it('automatic keys and ordinary params are not', () => {
    expect(looksPersonal({ page_title: 'T', page_url: 'https://s/', counter: '0', plan: 'pro', tags: 'a,b' })).toBe(false);
  });
});
