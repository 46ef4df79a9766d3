import { describe, expect, it, vi } from 'vitest';
import { createOutbox } from '../src/outbox';
import type { Outcome } from '../src/response';
import type { Hit } from '../src/hit';

const hit = (n: number): Hit => ({ type: 'pageview', params: { n: String(n), mautic_device_id: '' } });

/** A transport whose deliveries the test ends by hand. */
function manualDeliver() {
  const pending: { params: Record<string, string>; finish: (outcome: Outcome) => void }[] = [];
  const deliver = vi.fn(
    (params: Record<string, string>) => new Promise<Outcome>((finish) => pending.push({ params, finish })),
  );
  return { deliver, pending };
}

const flush = () => new Promise((resolve) => setTimeout(resolve));

describe('outbox', () => {
  it('sends one hit at a time while no device id is known', async () => {
    let deviceId: string | undefined;
    const { deliver, pending } = manualDeliver();
    const delivered = vi.fn();
    const outbox = createOutbox(deliver, () => deviceId);
    outbox.add(hit(1), delivered);
    outbox.add(hit(2), delivered);
    outbox.add(hit(3), delivered);
    expect(deliver).toHaveBeenCalledTimes(1);
    expect(pending[0].params).not.toHaveProperty('mautic_device_id');

    // The first answer brings an id: the rest leave together, with it.
    deviceId = 'device0000000000000001';
    pending[0].finish({ ok: true, transport: 'cors', status: 200 });
    await flush();
    expect(deliver).toHaveBeenCalledTimes(3);
    expect(pending.slice(1).map((p) => [p.params.n, p.params.mautic_device_id])).toEqual([
      ['2', deviceId],
      ['3', deviceId],
    ]);
    expect(delivered).toHaveBeenCalledTimes(1);
  });

  it('keeps serialising while answers bring no id (pixel, failures)', async () => {
    const { deliver, pending } = manualDeliver();
    const outbox = createOutbox(deliver, () => undefined);
    outbox.add(hit(1), () => {});
    outbox.add(hit(2), () => {});
    pending[0].finish({ ok: false, transport: 'pixel', reason: 'failed' });
    await flush();
    expect(deliver).toHaveBeenCalledTimes(2);
    outbox.add(hit(3), () => {});
    expect(deliver).toHaveBeenCalledTimes(2); // hit 2 still in flight
  });

  it('sends in parallel and in order once an id is known', () => {
    const { deliver } = manualDeliver();
    const outbox = createOutbox(deliver, () => 'device0000000000000001');
    [1, 2, 3].forEach((n) => outbox.add(hit(n), () => {}));
    expect(deliver.mock.calls.map(([params]) => params.n)).toEqual(['1', '2', '3']);
  });

  it('reports each outcome with the params that went out', async () => {
    const { deliver, pending } = manualDeliver();
    const delivered = vi.fn();
    createOutbox(deliver, () => 'device0000000000000001').add(hit(1), delivered);
    pending[0].finish({ ok: true, transport: 'cors', status: 200 });
    await flush();
    expect(delivered).toHaveBeenCalledWith(
      { ok: true, transport: 'cors', status: 200 },
      { n: '1', mautic_device_id: 'device0000000000000001' },
    );
  });
});
