/** The fields this module added, so a second submit updates them instead of adding another. */
const added = /* @__PURE__ */ new WeakSet<Element>();

/**
 * Gives `form` a hidden field `name` = `value` for its next submission: added once, updated on a
 * later submit (a submit the page cancelled, then repeated), and never when the page has a field of
 * that name itself (the page's own value wins). Returns whether the form now carries `value`.
 */
export function setHiddenField(form: HTMLFormElement, name: string, value: string): boolean {
  // A field the page named `name`, or ours from an earlier submit.
  const existing = Array.prototype.find.call(form.elements, (field: HTMLInputElement) => field.name == name) as HTMLInputElement | undefined;
  if (existing) return added.has(existing) && ((existing.value = value), true);
  const field = document.createElement('input');
  field.type = 'hidden';
  field.name = name;
  field.value = value;
  added.add(field);
  return !!form.appendChild(field);
}
