/** Where a form is about to go: its element, the URL of its action, its method (lower case). */
export type FormSubmit = (form: HTMLFormElement, action: URL, method: string) => void;

/**
 * Calls `handler` for every form submitted on the page from now on, before the page's own submit
 * handlers run: one capture-phase listener on the document (forms added later included) and, since
 * `submit` does not leave a shadow root, one on each open shadow root the visitor focuses something
 * in (a form is filled, so focused, before it is sent). The submit button's `formaction` and
 * `formmethod` count, as the browser counts them. Nothing happens without a document (SSR).
 */
export function onFormSubmit(handler: FormSubmit): void {
  if (typeof document == 'undefined') return;
  const roots = new WeakSet<Node>();
  const submitted = (event: Event): void => {
    try {
      const form = event.target as HTMLFormElement;
      const submitter = (event as SubmitEvent).submitter;
      // Attributes, not the `action` / `method` properties, which a field named `action` shadows.
      const attribute = (name: string): string | null =>
        (submitter && submitter.getAttribute('form' + name)) || form.getAttribute(name);
      const action = new URL(attribute('action') || location.href, form.baseURI);
      handler(form, action, (attribute('method') || 'get').toLowerCase());
    } catch (_) {
      // A form we cannot read is left as it is.
    }
  };
  const listen = (root: Node): void => {
    roots.add(root);
    root.addEventListener('submit', submitted, true);
  };
  listen(document);
  document.addEventListener(
    'focusin',
    (event) => {
      try {
        const root = (event.composedPath()[0] as Node).getRootNode();
        if (root != document && !roots.has(root)) listen(root);
      } catch (_) {
        // No shadow roots to follow in this browser.
      }
    },
    true,
  );
}
