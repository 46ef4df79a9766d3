// Compiled by test/package.test.ts with moduleResolution nodenext: what an ESM app sees. (What a
// CommonJS app sees is checked by Are the Types Wrong, in the same test file.)
import { createTracker, type DeliveryDetail, type MauticTrackingFunction, type TrackerOptions } from 'mautic-tracker';

const options: TrackerOptions = { url: 'https://mautic.example.com', autoPageviews: true, timeout: 5000 };
const tracker = createTracker(options);
const detail: Promise<DeliveryDetail> = tracker.pageview({ email: 'jane@example.com', tags: ['a', 'b'], address: { city: 'Graz' } });
detail.then((d) => d.response?.device_id);
tracker.event('video', 'play', 'intro', 3, { seconds: 12 });

declare const mt: MauticTrackingFunction;
mt('send', 'pageview');
mt('send', 'pageview', { firstname: 'John' }, { onload: (d) => d.transport, onerror: (d) => d.reason });
mt('send', 'event', 'newsletter', 'subscribe', 'footer', 1, { email: 'e@example.com' });
mt('config', { debug: true });
// @ts-expect-error an unknown command is a type error
mt('track', 'pageview');
// @ts-expect-error an option of the wrong type is a type error
createTracker({ timeout: '3s' });
