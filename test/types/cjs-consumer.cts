// Compiled by test/package.test.ts with moduleResolution nodenext: what a CommonJS app sees.
import mautic = require('mautic-tracker');

const tracker: mautic.Tracker = mautic.createTracker({ url: 'https://mautic.example.com' });
tracker.pageview().catch((failure: mautic.DeliveryDetail) => failure.reason);
