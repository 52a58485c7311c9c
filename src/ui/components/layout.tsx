import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import { STYLES } from "../styles";

/** Page shell: viewport for phones, the inline stylesheet, an optional inline script. */
export function Layout(props: { title: string; children?: Child; script?: string; crumbs?: Child; live?: boolean }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <style>{raw(STYLES)}</style>
      </head>
      <body>
        <header>
          <h1><a href="/_meshedge/ui">meshedge</a></h1>
          {props.crumbs}
          {props.live ? <span class="live" id="live-status">live: connecting…</span> : null}
        </header>
        {props.children}
        {props.script ? <script>{raw(props.script)}</script> : null}
      </body>
    </html>
  );
}
