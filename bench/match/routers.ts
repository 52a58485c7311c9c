/**
 * The other routers of the comparison, loaded with the path-only part of a table: hono's
 * RegExpRouter and TrieRouter and find-my-way. A prefix "/x/" becomes the wildcard "/x/*"
 * (every generated prefix ends with "/"), an exact path stays as is.
 */
import FindMyWay from "find-my-way";
import { RegExpRouter } from "hono/router/reg-exp-router";
import { TrieRouter } from "hono/router/trie-router";
import type { PathOnlyRoute } from "./generate";

/** A path router under test: built from routes, then asked for a GET path. */
export interface PathRouter {
  name: string;
  build(routes: readonly PathOnlyRoute[]): (path: string) => unknown;
}

const pattern = (r: PathOnlyRoute) => (r.kind === "prefix" ? `${r.path}*` : r.path);

function honoRouter(name: string, make: () => RegExpRouter<number> | TrieRouter<number>): PathRouter {
  return {
    name,
    build(routes) {
      const router = make();
      routes.forEach((r, i) => {
        router.add("GET", pattern(r), i);
      });
      router.match("GET", "/"); // hono builds its matchers on first use: count that as build time
      return (path) => router.match("GET", path);
    },
  };
}

export const OTHER_ROUTERS: PathRouter[] = [
  honoRouter("hono RegExpRouter", () => new RegExpRouter<number>()),
  honoRouter("hono TrieRouter", () => new TrieRouter<number>()),
  {
    name: "find-my-way",
    build(routes) {
      const router = FindMyWay();
      const handler = () => undefined;
      for (const r of routes) router.on("GET", pattern(r), handler);
      return (path) => router.find("GET", path);
    },
  },
];
