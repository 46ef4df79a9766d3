import type { Params } from './types.js';
import type { Plugin, PluginContext } from './plugins.js';
import { IN_SCRIPT_TAG } from './config.js';
import { isObject } from './lib/is-object.js';
import { listen } from './lib/listen.js';
import { watchOption } from './lib/watch-option.js';
import { eventElements, findLink, linkUrl } from './lib/event-link.js';
import { readSubmit } from './lib/on-form-submit.js';
import { isMauticForm } from './mautic-forms.js';

/** An element that declares its event: `data-mt-category` and `data-mt-action`. */
const isTagged = (element: Element): boolean => element.matches('[data-mt-category][data-mt-action]');

/** A part of autocapture given as an object: its event renamed (category and action). */
export interface CaptureNames {
  /** Category of the event instead of the default (`outbound`, `download`, `form`). */
  category?: string;
  /** Action of the event instead of the default (`click`, `submit`). */
  action?: string;
}

/**
 * The `autocapture` option (`dist/mt.full.js`, or the npm plugin `autocapture`): which clicks and
 * submissions are tracked without code. `true` for a part turns it on with its defaults; `autocapture:
 * true` turns on every part.
 */
export interface AutocaptureOptions {
  /** Elements with `data-mt-category` and `data-mt-action` send that event when clicked (a `<form>`: submitted). */
  declarative?: boolean;
  /** A click (also middle or Ctrl/Cmd) on a link to another host sends `outbound` / `click` / the URL. */
  outboundLinks?: boolean | CaptureNames;
  /** A click on a link to a file of one of `extensions` (default DOWNLOAD_EXTENSIONS) sends `download` / `click` / the URL. */
  downloads?: boolean | (CaptureNames & { extensions?: string[] });
  /** A submission of a form that is not Mautic's own sends `form` / `submit` / its id, name or action path. Never a field value. */
  forms?: boolean | CaptureNames;
}

/**
 * The one table of what autocapture sends: per part, the event's category and action (renamed by
 * the part's `category` / `action` options). The label is the link's URL (outbound, download) or the
 * form's `id`, else `name`, else action path (form); none of them has a value. Declarative events
 * send their own four values from `data-mt-category`, `-action`, `-label`, `-value`.
 */
export const AUTOCAPTURE_EVENTS = {
  outboundLinks: ['outbound', 'click'],
  downloads: ['download', 'click'],
  forms: ['form', 'submit'],
} as const;

/** File extensions that make a link a download, unless `downloads.extensions` says otherwise. */
export const DOWNLOAD_EXTENSIONS = 'pdf zip rar 7z gz dmg exe msi pkg apk doc docx xls xlsx ppt pptx odt csv txt epub mp4 mov mp3 wav'.split(' ');

/** What the options make of autocapture: each part on (with its category and action) or off. */
interface Settings {
  declarative?: boolean;
  outboundLinks?: string[];
  downloads?: string[];
  forms?: string[];
  extensions: string[];
}

type Part = keyof typeof AUTOCAPTURE_EVENTS;

/** What the `autocapture` option must be, for the debug log. */
const MUST = 'parts declarative, outboundLinks, downloads, forms: true or false or {category, action, extensions}';

/**
 * Reads the `autocapture` option into settings, or undefined when it is refused. Each part:
 * `true`/`false`, or (but `declarative`) an object of `category` / `action` texts (empty: the
 * default) and, for downloads, `extensions` (letters and digits, without the dot).
 */
export const readAutocapture = (value: unknown): Settings | undefined => {
  // Every part on: the table's names (sent as copies, never changed).
  if (value === true) return { ...(AUTOCAPTURE_EVENTS as unknown as Settings), declarative: true, extensions: DOWNLOAD_EXTENSIONS };
  if (value === false) value = {};
  if (!isObject(value)) return;
  const settings: Settings = { extensions: DOWNLOAD_EXTENSIONS };
  for (const part in value) {
    const given = value[part];
    if (part == 'declarative' && given === true) settings.declarative = true;
    else if (given !== false) {
      const names = given === true ? {} : given;
      const defaults = AUTOCAPTURE_EVENTS.hasOwnProperty(part) && AUTOCAPTURE_EVENTS[part as Part];
      if (!defaults || !isObject(names)) return;
      const { category, action, extensions = settings.extensions, ...unknown } = names;
      // An empty text keeps the default name.
      const event = [category || defaults[0], action || defaults[1]];
      const refused =
        Object.keys(unknown).length ||
        ('extensions' in names && part != 'downloads') ||
        event.some((text) => typeof text != 'string') ||
        !Array.isArray(extensions) ||
        extensions.some((text) => !/^[a-z0-9]{1,16}$/i.test(text));
      if (refused) return;
      settings.extensions = extensions.map((text: string) => text.toLowerCase());
      settings[part as Part] = event as string[];
    }
  }
  return settings;
};

/** Sends an event, only while consent allows it: no click is held and sent later out of context. */
const send = (context: PluginContext, values: (string | null)[], params?: Params): void => {
  // A missing label or value (null) is one not given, as in `event(category, action, null)`.
  if (context.consented()) context.track('event', params, undefined, values as string[]);
  else context.log('autocapture: no consent, not sent', values);
};

/** Sends the element's declared event: its four values, and its params when they are a JSON object. */
const declared = (context: PluginContext, element: Element): void => {
  const read = (name: string) => element.getAttribute('data-mt-' + name);
  const json = read('params');
  let params: unknown;
  try {
    params = JSON.parse(json!);
  } catch (_) {
    // Reported below.
  }
  const usable = isObject(params);
  // No attribute parses as null.
  if (!usable && json != null) context.log('autocapture: data-mt-params is not a JSON object, left out', json);
  send(context, 'category action label value'.split(' ').map(read), usable ? (params as Params) : undefined);
};

/** Elements whose own keyboard activation already makes a click (so Enter on them is heard as one), and forms (submitted, not clicked). */
const CLICKS_BY_ITSELF = 'a,area,button,input,select,textarea,summary,option,label,form';

/**
 * Tracks clicks and submissions without code (see AutocaptureOptions and AUTOCAPTURE_EVENTS). One
 * listener per event type on `document`, in the capture phase: elements added later are seen, a
 * page's `stopPropagation()` cannot hide a click, and a page of 10,000 links costs no more than one.
 * It never cancels or delays anything: the hit goes through `track` (consent, Do Not Track, the
 * outbox and its keepalive delivery) while the browser goes on with the click. Nothing is captured
 * while consent is pending or refused, so no click is held and sent later out of context.
 * @example
 * const mt = createTracker({ url: 'https://mautic.example.com', autocapture: true }, [autocapture]);
 */
export const autocapture: Plugin = (context) => {
  const current = watchOption(context, 'autocapture', readAutocapture, { extensions: DOWNLOAD_EXTENSIONS }, MUST);

  const clicked = (event: Event): void => {
    const on = current();
    const middle = event.type == 'auxclick';
    const key = event.type == 'keydown';
    // Enter or Space activates what does not click by itself.
    if (key && (((event as KeyboardEvent).key != 'Enter' && (event as KeyboardEvent).key != ' ') || (event as KeyboardEvent).repeat)) return;
    const path = eventElements(event);
    const tagged = on.declarative && path.find(isTagged);
    const link = findLink(path);
    // A tagged element that is focused itself, and that the browser would not click for us.
    if (key) return void (tagged && tagged == path[0] && !tagged.matches(CLICKS_BY_ITSELF) && declared(context, tagged));
    // Only the middle button opens a link.
    if (middle && ((event as MouseEvent).button != 1 || !link)) return;
    // A tagged form counts when it is submitted, not clicked; a tagged element names its own event.
    if (tagged && tagged.localName != 'form') return declared(context, tagged);
    const url = link && linkUrl(link);
    if (!url) return;
    // A download (the last extension of the path, in any case; the query does not count) before an outbound link.
    const names = (on.extensions.some((extension) => url.pathname.toLowerCase().endsWith('.' + extension)) && on.downloads) || (url.host != location.host && on.outboundLinks);
    if (names) send(context, [...names, url.href]);
  };

  const submitted = (event: Event): void => {
    const on = current();
    const [form, action] = readSubmit(event);
    if (form.localName != 'form') return;
    if (on.declarative && isTagged(form)) return declared(context, form);
    // Mautic's own forms post to {url}/form/submit: Mautic tracks those itself.
    if (on.forms && !isMauticForm(context, action)) {
      // Attributes, not properties: a field named `id` or `name` shadows the form's property.
      send(context, [...on.forms, form.getAttribute('id') || form.getAttribute('name') || action.pathname]);
    }
  };

  // No document during server-side rendering (npm); the script tag always runs in a page.
  if (IN_SCRIPT_TAG || typeof document != 'undefined') {
    listen(document, 'click auxclick keydown', clicked, context.signal);
    listen(document, 'submit', submitted, context.signal);
  }
  // Reading the option as a hit leaves says at once in debug mode when it was refused.
  return { hit: current };
};
