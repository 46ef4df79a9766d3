/**
 * Entry of `dist/mt.full.js`: tracking plus Mautic's page features (dynamic web content, focus
 * items, the contact after a pixel hit), and tracking without code (autocapture), for sites that use them.
 */
import { install } from './script-tag.js';
import { pageFeatures } from './page-features.js';
import { usePlugins } from './plugins.js';
import { autocapture } from './autocapture.js';

try {
  install(usePlugins([pageFeatures, autocapture]));
} catch (_) {
  // Whatever went wrong, the host page never sees it.
}
