// Starts the collector and the demo site on two origins and prints where to look.
// SITE_PORT / COLLECTOR_PORT choose the ports (defaults 8080 / 8081). The site is served as
// 127.0.0.1 and the collector as localhost: two sites, so cookies are third-party as on the web.
import { startCollector } from './collector.mjs';
import { startSite } from './site.mjs';

const sitePort = Number(process.env.SITE_PORT || 8080);
const collectorPort = Number(process.env.COLLECTOR_PORT || 8081);
// The same site again on a second port, for cross-domain links (issue 14): SECOND_SITE_PORT, default
// SITE_PORT + 2. Open it as http://localhost:<port>, another host than 127.0.0.1, so its storage and
// cookies are its own. EXTRA_ORIGINS: more origins the collector allows (the tests' host names).
const secondSitePort = Number(process.env.SECOND_SITE_PORT || sitePort + 2);
// localhost:SITE_PORT is the same site as the collector: a Mautic on a subdomain of the web site.
const siteOrigins = [`http://127.0.0.1:${sitePort}`, `http://localhost:${sitePort}`];
siteOrigins.push(`http://localhost:${secondSitePort}`, `http://127.0.0.1:${secondSitePort}`, ...(process.env.EXTRA_ORIGINS || '').split(',').filter(Boolean));

let collector, site, secondSite;
try {
  collector = await startCollector({ port: collectorPort, host: 'localhost', allowedOrigins: siteOrigins });
  site = await startSite({ port: sitePort, host: '127.0.0.1', collectorUrl: collector.url, otherSiteUrl: `http://localhost:${secondSitePort}` });
  secondSite = await startSite({ port: secondSitePort, host: '127.0.0.1', collectorUrl: collector.url, otherSiteUrl: site.url });
} catch (error) {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(`Port ${error.port} is in use. Choose others: SITE_PORT=9080 COLLECTOR_PORT=9081 npm run demo`);
  process.exit(1);
}

console.log(`Collector (plays the Mautic server): ${collector.url}`);
console.log(`Demo page: open ${site.url}/ in a browser`);
console.log(`Second demo site (cross-domain links): http://localhost:${secondSitePort}/`);

const stop = async () => {
  await Promise.all([site.close(), secondSite.close(), collector.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
