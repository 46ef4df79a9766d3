/**
 * Entry of `dist/mt.full.js`: tracking plus Mautic's page features (dynamic web content, focus
 * items, the contact after a pixel hit), tracking without code (autocapture) and one contact
 * everywhere (Mautic forms, cross-domain links), for sites that use them.
 */
import { install } from './script-tag.js';
import { pageFeatures } from './page-features.js';
import { usePlugins } from './plugins.js';
import { autocapture } from './autocapture.js';
import { crossDomain } from './cross-domain.js';
import { mauticForms } from './mautic-forms.js';

try {
  // crossDomain first: the visitor's device id is settled before the others hear a hit.
  install(usePlugins([crossDomain, pageFeatures, mauticForms, autocapture]));
} catch (_) {
  // Whatever went wrong, the host page never sees it.
}
