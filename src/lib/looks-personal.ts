/**
 * Keys that name personal data in Mautic's contact and company fields (email, first/last/company
 * name, phone, mobile, fax, address lines, city, zip code, birthday…). Hits carrying one are kept off
 * GET URLs, which server logs and proxies record, unless the site allows it.
 */
const PERSONAL_KEY = /e-?mail|name|phone|mobile|fax|address|street|city|zip|postal|birth/i;

/** True when any key of the params names personal data. */
export function looksPersonal(params: Record<string, string>): boolean {
  return Object.keys(params).some((key) => PERSONAL_KEY.test(key));
}
