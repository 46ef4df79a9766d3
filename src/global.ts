/** Entry of the script-tag bundle `dist/mt.js`: tracking only. */
import { install } from './script-tag.js';

try {
  install();
} catch (_) {
  // Whatever went wrong, the host page never sees it.
}
