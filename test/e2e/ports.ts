/**
 * Ports of the servers the end-to-end tests start (override with E2E_SITE_PORT / E2E_COLLECTOR_PORT;
 * the second site, for cross-domain tests: E2E_SECOND_SITE_PORT, default the site's + 2).
 */
export const SITE_PORT = Number(process.env.E2E_SITE_PORT || 4510);
export const COLLECTOR_PORT = Number(process.env.E2E_COLLECTOR_PORT || 4511);
export const SECOND_SITE_PORT = Number(process.env.E2E_SECOND_SITE_PORT || SITE_PORT + 2);
