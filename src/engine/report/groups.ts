// Report objects keyed by names from the data (courts, handlers, teams): without a prototype, so a
// court named `__proto__` or `constructor` is a key like any other, never the object's own machinery.

/** An empty record keyed by data names. */
export function byName<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
