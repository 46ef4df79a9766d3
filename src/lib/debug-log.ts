/**
 * Writes a debug line to the console. Callers decide whether debug mode is on; this only makes
 * sure a missing or broken `console` can never throw into the host page.
 */
export function debugLog(message: string, data?: unknown): void {
  try {
    console.info('[mautic-tracker] ' + message, data === undefined ? '' : data);
  } catch (_) {
    // A page that replaced console with something that throws loses the log line, nothing else.
  }
}
