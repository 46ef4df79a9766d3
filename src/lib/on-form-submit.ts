import { IN_SCRIPT_TAG } from '../config.js';
import { listen } from './listen.js';

/** Where a form is about to go: its element, the URL of its action, its method (lower case). */
export type FormSubmit = (form: HTMLFormElement, action: URL, method: string) => void;

/**
 * A `submit` event's form, the URL of its action and its method (lower case), as the browser
 * counts them: the submit button's `formaction` and `formmethod` first.
 */
export const readSubmit = (event: Event): [HTMLFormElement, URL, string] => {
  const form = event.target as HTMLFormElement;
  const submitter = (event as SubmitEvent).submitter;
  // Attributes, not the `action` / `method` properties, which a field named `action` shadows.
  const attribute = (name: string): string | null => (submitter && submitter.getAttribute('form' + name)) || form.getAttribute(name);
  return [form, new URL(attribute('action') || location.href, form.baseURI), (attribute('method') || 'get').toLowerCase()];
};

/**
 * Calls `handler` for every form submitted on the page from now on, before the page's own submit
 * handlers run: one capture-phase listener on the document (forms added later included) and, since
 * `submit` does not leave a shadow root, one on each open shadow root the visitor focuses something
 * in (a form is filled, so focused, before it is sent). Nothing happens without a document (SSR).
 * A form it cannot read, or an error of `handler`, is left out of the page. `signal` removes it all.
 */
export const onFormSubmit = (handler: FormSubmit, signal?: AbortSignal): void => {
  if (!IN_SCRIPT_TAG && typeof document == 'undefined') return;
  const roots = new WeakSet<Node>();
  const follow = (root: Node): void => {
    roots.add(root);
    listen(root, 'submit', (event) => handler(...readSubmit(event)), signal);
  };
  follow(document);
  // A browser without composedPath throws here: no shadow roots to follow in it.
  listen(document, 'focusin', (event) => {
    const root = (event.composedPath()[0] as Node).getRootNode();
    if (!roots.has(root)) follow(root);
  }, signal);
};
