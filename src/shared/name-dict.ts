/**
 * Dictionaries keyed by user-chosen names (resource names, `{router}/{route}` keys).
 *
 * App Mesh names are any 1-255 characters, so `__proto__`, `constructor` or `toString` are legal
 * names. Assigning `d[name] = x` on a plain `{}` turns `__proto__` into a prototype change (the
 * entry is lost, and workerd's RPC then refuses to clone the object: DataCloneError), and reading
 * `d["constructor"]` answers a function for a name that was never stored. A null-prototype
 * object is no way out here: workerd's RPC serializer refuses those too. So dictionaries are
 * built from entries (`Object.fromEntries` defines own data properties, `__proto__` included)
 * and read with own-property lookups only.
 */

/** A plain object holding `entries` as own data properties, whatever their keys. */
export function nameDict<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries(entries) as Record<string, T>;
}

/** The entry stored under `key`, or undefined: own properties only, never an inherited member. */
export function own<T>(dict: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return dict !== undefined && Object.hasOwn(dict, key) ? dict[key] : undefined;
}
