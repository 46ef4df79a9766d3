// Compiled by test/package.test.ts with moduleResolution nodenext: what a CommonJS app sees.
import mautic = require('mautic-tracker');

const tracker: mautic.Tracker = mautic.createTracker({ url: 'https://mautic.example.com' });
tracker.pageview().then((detail: mautic.DeliveryDetail) => (detail.ok ? detail.status : detail.reason));
interface Order {
  id: string;
  total: number;
}
declare const order: Order;
tracker.event('shop', 'order', order);
tracker.event({ category: 'shop', action: 'order', ...order });
