import { describe, expect, it } from 'vitest';
import { readResponse, unsent } from '../src/response';

describe('readResponse', () => {
  it('a CORS 200 with success is recorded', () => {
    expect(readResponse({ transport: 'cors', status: 200, body: '{"success":1,"id":3,"device_id":"d"}' })).toEqual({
      ok: true,
      transport: 'cors',
      status: 200,
      response: { success: 1, id: 3, device_id: 'd' },
    });
  });

  it.each([408, 429, 503])('a %i the transport found unavailable keeps the wait the server asked for', (status) => {
    expect(readResponse({ transport: 'cors', status, body: '', retryAfter: 2000, reason: 'unavailable' })).toEqual({
      ok: false,
      transport: 'cors',
      status,
      reason: 'unavailable',
      retryAfter: 2000,
    });
  });

  it('success:0 is not recorded', () => {
    expect(readResponse({ transport: 'cors', status: 200, body: '{"success":0}' })).toMatchObject({
      ok: false,
      reason: 'not-tracked',
      response: { success: 0 },
    });
  });

  it.each(['<html>', '', '[]', 'null', '"text"'])('a 200 with body %j is a bad response', (body) => {
    expect(readResponse({ transport: 'cors', status: 200, body })).toMatchObject({ ok: false, reason: 'bad-response' });
  });

  it('keeps the reason the transport found, and leaves the body and the pixel’s load out', () => {
    expect(readResponse({ transport: 'cors', status: 0, reason: 'hidden' })).toStrictEqual({ ok: false, transport: 'cors', status: 0, reason: 'hidden' });
    expect(readResponse({ transport: 'cors', status: 503, body: 'busy', retryAfter: 2000, reason: 'unavailable' })).toStrictEqual({
      ok: false,
      transport: 'cors',
      status: 503,
      reason: 'unavailable',
      retryAfter: 2000,
    });
    expect(readResponse({ transport: 'pixel', status: 500, loaded: true, reason: undefined })).toStrictEqual({ ok: true, transport: 'pixel', status: 500 });
  });

  it('the pixel is recorded when it loaded, failed otherwise', () => {
    expect(readResponse({ transport: 'pixel', loaded: true, status: 500 })).toEqual({ ok: true, transport: 'pixel', status: 500 });
    expect(readResponse({ transport: 'pixel', loaded: false })).toMatchObject({ ok: false, reason: 'failed' });
  });
});

describe('unsent', () => {
  it('is a failure without transport, queued only when kept', () => {
    expect(unsent('no-endpoint')).toEqual({ ok: false, transport: 'none', reason: 'no-endpoint' });
    expect(unsent('offline', true)).toEqual({ ok: false, transport: 'none', reason: 'offline', queued: true });
  });
});
