import { describe, expect, it, vi } from 'vitest';
import { dispatchDocumentEvent } from '../../src/lib/dispatch-document-event';

describe('dispatchDocumentEvent', () => {
  it('fires a CustomEvent on document with the detail', () => {
    const heard = vi.fn();
    document.addEventListener('mauticPageEventDelivered', heard);
    dispatchDocumentEvent('mauticPageEventDelivered', { params: { a: '1' } });
    document.removeEventListener('mauticPageEventDelivered', heard);
    expect(heard.mock.calls[0][0].detail).toEqual({ params: { a: '1' } });
  });

  it('never throws: not for a listener that throws, nor without CustomEvent', () => {
    const throwing = () => {
      throw new Error('listener bug');
    };
    document.addEventListener('eventAddedToMauticQueue', throwing);
    expect(() => dispatchDocumentEvent('eventAddedToMauticQueue', [])).not.toThrow();
    document.removeEventListener('eventAddedToMauticQueue', throwing);
    vi.stubGlobal('CustomEvent', undefined);
    expect(() => dispatchDocumentEvent('eventAddedToMauticQueue', [])).not.toThrow();
  });
});
