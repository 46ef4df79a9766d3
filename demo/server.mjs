// Starts the collector and the demo site on two origins and prints where to look.
// SITE_PORT / COLLECTOR_PORT choose the ports (defaults 8080 / 8081).
import { startCollector } from './collector.mjs';
import { startSite } from './site.mjs';

const host = process.env.HOST || '127.0.0.1';
const sitePort = Number(process.env.SITE_PORT || 8080);
const collectorPort = Number(process.env.COLLECTOR_PORT || 8081);
const siteOrigins = [`http://${host}:${sitePort}`, `http://localhost:${sitePort}`];

const collector = await startCollector({ port: collectorPort, host, allowedOrigins: siteOrigins });
const site = await startSite({ port: sitePort, host, collectorUrl: collector.url });

console.log(`Collector (plays the Mautic server): ${collector.url}`);
console.log(`Demo page: open ${site.url}/ in a browser`);

const stop = async () => {
  await Promise.all([site.close(), collector.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
