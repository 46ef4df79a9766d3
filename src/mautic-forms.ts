import type { PluginContext, TrackerPlugin } from './plugins.js';
import { onFormSubmit } from './lib/on-form-submit.js';
import { setHiddenField } from './lib/hidden-field.js';

/** Mautic's form endpoint after its base URL: `/form/submit` (`?formId=N`), `/form/submit/ajax`, also behind `/index.php`. */
const FORM_ENDPOINT = /^(\/index\.php)?\/form\/submit(\/|$)/;

/**
 * True when `action` is the form endpoint of the tracker's Mautic (`{url}/form/submit…`): Mautic's
 * own forms, which Mautic tracks itself and which may carry the device id.
 */
export const isMauticForm = (context: PluginContext, action: URL): boolean => {
  const base = context.base();
  const target = action.origin + action.pathname;
  // Without a base URL (''), the rest is the whole URL, which no endpoint path matches.
  return !target.indexOf(base) && FORM_ENDPOINT.test(target.slice(base.length));
};

/**
 * Plugin (in `dist/mt.full.js`; npm: `createTracker(options, [mauticForms])`): a Mautic form submitted
 * on the page carries the tracked visitor. Mautic identifies a form submission by its own cookie,
 * else by a `mautic_device_id` parameter; with third-party cookies blocked (Safari, Firefox) only the
 * parameter is left, and without it the submission makes a second, anonymous contact. So when a form
 * whose action is `{url}/form/submit…` is submitted (embedded by Mautic's form script, by dynamic
 * content, pasted HTML, added later, or in an open shadow root), a hidden `mautic_device_id` field
 * with the stored device id is added at that moment: once per form, never over a field of the page's,
 * and only when a device id is known and consent (and Do Not Track) allows tracking.
 */
export function mauticForms(context: PluginContext): TrackerPlugin {
  onFormSubmit((form, action) => {
    const deviceId = context.deviceId();
    if (!deviceId || !isMauticForm(context, action)) return;
    if (!context.consented()) return context.log('form: no consent, no device id');
    context.log(setHiddenField(form, 'mautic_device_id', deviceId) ? 'form: device id added' : "form: the page's own mautic_device_id kept", action.href);
  }, context.signal);
  return {};
}
