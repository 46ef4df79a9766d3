/**
 * Fires a CustomEvent on `document` for integrations written against Mautic's script
 * (`mauticPageEventDelivered`, `eventAddedToMauticQueue`). Listeners that throw, or a browser
 * without CustomEvent, cannot break tracking.
 */
export function dispatchDocumentEvent(name: string, detail: unknown): void {
  try {
    document.dispatchEvent(new CustomEvent(name, { detail }));
  } catch (_) {
    // No document or no CustomEvent: nothing listens, nothing to do.
  }
}
