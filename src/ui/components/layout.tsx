import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import { STYLES } from "../styles";

/**
 * Page shell: viewport for phones, the inline stylesheet (plus a page's own number-only `css`),
 * an optional inline script. Both carry the request's CSP nonce: the dashboard's policy runs
 * no other script or stylesheet (src/ui/app.tsx).
 */
export function Layout(props: {
  title: string;
  nonce: string;
  children?: Child;
  script?: string;
  css?: string;
  crumbs?: Child;
  live?: boolean;
}) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <style nonce={props.nonce}>{raw(STYLES + (props.css ?? ""))}</style>
      </head>
      <body>
        <header>
          <h1>
            <a href="/_meshedge/ui">meshedge</a>
          </h1>
          {props.crumbs}
          {props.live ? (
            <span class="live" id="live-status">
              live: connecting…
            </span>
          ) : null}
        </header>
        {props.children}
        {props.script ? <script nonce={props.nonce}>{raw(props.script)}</script> : null}
      </body>
    </html>
  );
}
