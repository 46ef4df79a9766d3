/**
 * The host (and port) of a referrer URL, as Mautic's own script sends it: the text between the
 * second and third slash, or '' when there is no referrer.
 */
export function referrerHost(referrer: string): string {
  return referrer.split('/')[2] || '';
}
