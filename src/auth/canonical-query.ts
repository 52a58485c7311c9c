/** Query parameters as the SigV4 signer wants them: decoded names to decoded value(s). */
export type QueryBag = Record<string, string | string[]>;

/**
 * Decodes a raw query string (without `?`) the way SigV4 clients encoded it: `%XX` only,
 * `+` kept literal (the AWS signers percent-encode spaces). Returns undefined when a
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
      name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      value = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1));
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
