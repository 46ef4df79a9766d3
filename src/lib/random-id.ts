/** A short id that is unique enough to tell one hit, or one tab, from another. */
export function randomId(): string {
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
}
