// Compiled by test/package.test.ts with moduleResolution nodenext: what an ESM app sees. (What a
// CommonJS app sees is checked by Are the Types Wrong, in the same test file.)
import { createTracker, type DeliveryDetail, type MauticTrackingFunction, type TrackerOptions } from 'mautic-tracker';

const options: TrackerOptions = { url: 'https://mautic.example.com', autoPageviews: true, timeout: 5000 };
const tracker = createTracker(options);
const detail: Promise<DeliveryDetail> = tracker.pageview({ email: 'jane@example.com', tags: ['a', 'b'], address: { city: 'Graz' } });
detail.then((d) => (d.ok ? d.response?.device_id : d.reason === 'invalid' && d.message));
tracker.event('video', 'play', 'intro', 3, { seconds: 12 });
tracker.event('video', 'play', { position: 12 });
tracker.event('video', 'play', 'intro', { position: 12 }, { onerror: (d) => d.reason });
tracker.event('video', 'play', null, null, { position: 12 });
tracker.event({ category: 'video', action: 'play', label: 'intro', value: 3, position: 12 });
tracker.event({ eventCategory: 'video', eventAction: 'play', eventValue: 3 }, { onload: (d) => d.transport });
tracker.destroy();

// Params typed by interfaces (no index signature), nested, optional, readonly, unknown.
interface Address {
  city: string;
  zip?: string;
}
interface Lead {
  email: string;
  tags: readonly string[];
  address: Address;
  score?: number;
  signedUp: Date;
  extra: unknown;
}
declare const lead: Lead;
tracker.pageview(lead);
tracker.event('form', 'submit', lead);
tracker.event({ category: 'form', action: 'submit', ...lead });
const loose: Record<string, unknown> = {};
tracker.pageview(loose);

declare const mt: MauticTrackingFunction;
mt('send', 'pageview');
mt('send', 'pageview', { firstname: 'John' }, { onload: (d) => d.transport, onerror: (d) => d.reason });
mt('send', 'pageview', lead);
mt('send', 'event', 'newsletter', 'subscribe', 'footer', 1, { email: 'e@example.com' });
mt('send', 'event', 'video', 'play', { position: 12 });
mt('send', 'event', 'video', 'play', 'intro', lead);
mt('send', 'event', { category: 'video', action: 'play', position: 12 }, { onload: (d) => d.ok });
mt('send', 'event', { eventCategory: 'video', eventAction: 'play', eventLabel: 'intro', eventValue: 3 });
mt('send', { hitType: 'event', eventCategory: 'video', eventAction: 'play' });
mt('send', { hitType: 'pageview', email: 'jane@example.com' }, { onerror: (d) => d.reason });
mt('config', { debug: true });
mt('consent', 'grant');
// @ts-expect-error an unknown command is a type error
mt('track', 'pageview');
// @ts-expect-error an option of the wrong type is a type error
createTracker({ timeout: '3s' });
// @ts-expect-error a function is not a param value
tracker.pageview({ handler: () => {} });
interface WithMethod {
  email: string;
  greet(): string;
}
declare const withMethod: WithMethod;
// @ts-expect-error an interface with a method is not params
tracker.pageview(withMethod);
// @ts-expect-error an event object needs an action
tracker.event({ category: 'video' });
// @ts-expect-error an event needs an action
tracker.event('video');
// @ts-expect-error analytics.js fields need a known hitType
mt('send', { hitType: 'screenview' });

// Category and action may be numbers, as at run time; params must be an object.
tracker.event(404, 'not-found');
tracker.event({ category: 7, action: 1 });
// @ts-expect-error a string is no params object
tracker.pageview('nope');
