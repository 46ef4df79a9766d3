/**
 * Entry of `dist/mt.full.js`: tracking plus Mautic's page features (dynamic web content, focus
 * items, the contact after a pixel hit), for sites that use them.
 */
import { install } from './script-tag.js';
import { pageFeatures } from './page-features.js';
import { usePlugins } from './plugins.js';

try {
  install(usePlugins([pageFeatures]));
} catch (_) {
  // Whatever went wrong, the host page never sees it.
}
