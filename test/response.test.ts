import { describe, expect, it } from 'vitest';
import { readResponse } from '../src/response';

describe('readResponse (a CORS 200)', () => {
  it('with success is recorded', () => {
    expect(readResponse('{"success":1,"id":3,"device_id":"d"}')).toStrictEqual({
      ok: true,
      transport: 'cors',
      status: 200,
      response: { success: 1, id: 3, device_id: 'd' },
    });
  });

  it('success:0 is not recorded', () => {
    expect(readResponse('{"success":0}')).toStrictEqual({
      ok: false,
      transport: 'cors',
      status: 200,
      reason: 'not-tracked',
      response: { success: 0 },
    });
  });

  it.each(['<html>', '', '[]', 'null', '"text"'])('a body %j is a bad response', (body) => {
    expect(readResponse(body)).toStrictEqual({ ok: false, transport: 'cors', status: 200, reason: 'bad-response' });
  });
});
