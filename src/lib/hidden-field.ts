/** The fields this module added, so a second submit updates them instead of adding another. */
const added = /* @__PURE__ */ new WeakSet<Element>();

/**
 * Gives `form` a hidden field `name` = `value` for its next submission: added once, updated on a
 * later submit (a submit the page cancelled, then repeated), and never when the page has a field of
 * that name itself (the page's own value wins). Returns whether the form now carries `value`.
 */
export const setHiddenField = (form: HTMLFormElement, name: string, value: string): boolean => {
  // A field the page named `name`, or ours from an earlier submit.
  const existing = [...form.elements].find((field) => (field as HTMLInputElement).name == name) as HTMLInputElement | undefined;
  if (existing) return added.has(existing) && ((existing.value = value), true);
  added.add(form.appendChild(Object.assign(document.createElement('input'), { type: 'hidden', name, value })));
  return true;
};
