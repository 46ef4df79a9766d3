// The public types (src/types.ts) as a caller meets them: what must compile, and what must not
// (each `@ts-expect-error` line fails the compile when it is accepted).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const TYPES = path.resolve('src/types');

const CALLER = `
import type { Callbacks, DeliveryDetail, MauticTrackingFunction, Params, TrackerOptions } from ${JSON.stringify(TYPES)};
declare const mt: MauticTrackingFunction;
interface Order { id: string; total: number; items: { sku: string; qty: number }[]; placed: Date; note?: string }
declare const order: Order;
declare const anything: Record<string, unknown>;

// Accepted: every documented shape, params typed by an interface or as unknown.
mt('send', 'pageview');
mt('send', 'pageview', order, { onload: (detail: DeliveryDetail) => detail.ok });
mt('send', 'event', 'shop', 'order', 'web', 12, order);
mt('send', 'event', 'shop', 'order', order);
mt('send', 'event', 'shop', 'order', null, order);
mt('send', 'event', { category: 'video', action: 'play', position: 3 });
mt('send', 'event', { eventCategory: 'video', eventAction: 'play' });
mt('send', { hitType: 'pageview', page_title: 'x' });
mt('send', 'event', 'a', 'b', anything);
mt('config', { url: 'https://m.example', timeout: 3000, storage: 'session', requireConsent: true, name: 'shop' });
mt('consent', 'revoke');
mt('reset');
mt('config', { redactQuery: ['ssn'], beforeSend: (params, type) => (type == 'event' ? null : { ...params, page_title: 'x', n: 1 }) });
const params: Params = { tags: ['a', 'b'], nested: { when: new Date() }, gone: null };
const options: TrackerOptions = { sanitizeContent: (html) => html.trim() };
const callbacks: Callbacks = { onerror: (detail) => detail.reason === 'no-consent' && detail.queued };
void params, options, callbacks;

// Refused.
// @ts-expect-error a function is no param value
mt('send', 'pageview', { f: () => 1 });
// @ts-expect-error an event object needs its action
mt('send', 'event', { category: 'video' });
// @ts-expect-error no such storage mode
mt('config', { storage: 'cookies' });
// @ts-expect-error a list of names
mt('config', { redactQuery: 'token' });
// @ts-expect-error no such decision
mt('consent', 'maybe');
// @ts-expect-error no such command
mt('track', 'pageview');
// @ts-expect-error no such failure reason
const reason: DeliveryDetail['reason'] = 'lost';
void reason;
`;

describe('public types', () => {
  it('accept what callers write and refuse what is wrong', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mt-types-'));
    try {
      writeFileSync(path.join(dir, 'caller.ts'), CALLER);
      const args = ['--noEmit', '--strict', '--target', 'es2020', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2020,dom', '--skipLibCheck', path.join(dir, 'caller.ts')];
      let output = '';
      try {
        execFileSync(path.resolve('node_modules/.bin/tsc'), args, { encoding: 'utf8', cwd: dir });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout);
      }
      expect(output).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
