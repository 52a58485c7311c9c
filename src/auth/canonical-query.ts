/** Query parameters as the SigV4 signer wants them: decoded names to decoded value(s). */
export type QueryBag = Record<string, string | string[]>;

/**
 * Decodes a raw query string (without `?`) into the values the API will act on, so that the
 * value that is signed is the value that is used: `%XX`, and a raw `+` as a space, exactly as
 * the router decodes the query (hono, like URLSearchParams). The AWS signers always send `+` as
 * `%2B`, so their requests verify as before; a captured request for `p%2Bq` replayed with a
 * literal `p+q` would otherwise verify and then act on `p q`. Returns undefined when a
 * percent-escape is invalid, so the caller can refuse instead of guessing.
 */
export function parseQueryForSigning(search: string): QueryBag | undefined {
  const bag: QueryBag = Object.create(null) as QueryBag;
  if (search === "") return bag;
  for (const pair of search.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, " "));
      value = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, " "));
    } catch {
      return undefined;
    }
    const prev = bag[name];
    if (prev === undefined) bag[name] = value;
    else if (typeof prev === "string") bag[name] = [prev, value];
    else prev.push(value);
  }
  return bag;
}
