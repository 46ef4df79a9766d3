/**
 * The `platform` value Mautic expects, derived from a user-agent string. Mautic's script checks
 * "Win", "Mac", "X11", "Linux" in that order and the last match wins; testing in reverse order with
 * the first match winning gives the same answers: Android ("Linux") reports Linux, iOS
 * ("like Mac OS X") reports MacOS.
 */
export function detectPlatform(userAgent: string): string {
  return /Linux/.test(userAgent)
    ? 'Linux'
    : /X11/.test(userAgent)
      ? 'UNIX'
      : /Mac/.test(userAgent)
        ? 'MacOS'
        : /Win/.test(userAgent)
          ? 'Windows'
          : 'Unknown OS';
}
