/** Ports of the servers the end-to-end tests start (override with E2E_SITE_PORT / E2E_COLLECTOR_PORT). */
export const SITE_PORT = Number(process.env.E2E_SITE_PORT || 4510);
export const COLLECTOR_PORT = Number(process.env.E2E_COLLECTOR_PORT || 4511);
