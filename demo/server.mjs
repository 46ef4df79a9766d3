// Starts the collector and the demo site on two origins and prints where to look.
// SITE_PORT / COLLECTOR_PORT choose the ports (defaults 8080 / 8081). The site is served as
// 127.0.0.1 and the collector as localhost: two sites, so cookies are third-party as on the web.
import { startCollector } from './collector.mjs';
import { startSite } from './site.mjs';

const sitePort = Number(process.env.SITE_PORT || 8080);
const collectorPort = Number(process.env.COLLECTOR_PORT || 8081);
// localhost:SITE_PORT is the same site as the collector: a Mautic on a subdomain of the web site.
const siteOrigins = [`http://127.0.0.1:${sitePort}`, `http://localhost:${sitePort}`];

let collector, site;
try {
  collector = await startCollector({ port: collectorPort, host: 'localhost', allowedOrigins: siteOrigins });
  site = await startSite({ port: sitePort, host: '127.0.0.1', collectorUrl: collector.url });
} catch (error) {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(`Port ${error.port} is in use. Choose others: SITE_PORT=9080 COLLECTOR_PORT=9081 npm run demo`);
  process.exit(1);
}

console.log(`Collector (plays the Mautic server): ${collector.url}`);
console.log(`Demo page: open ${site.url}/ in a browser`);

const stop = async () => {
  await Promise.all([site.close(), collector.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
