/**
 * The dashboard's whole stylesheet, inlined into every page (no build step, no extra request).
 * Mobile first: single column and stacked tables under 720px, two columns above.
 */
export const TARGET_COLORS = [
  "#2f7de1",
  "#f08c2e",
  "#2fa36b",
  "#b05cc8",
  "#d94c4c",
  "#1fa5b3",
  "#c9a227",
  "#6b7a8f",
  "#e26fa6",
  "#5b8c2a",
] as const;

/**
 * The class that gives a split segment `percent` (one decimal) of its bar. Inline `style`
 * attributes would need 'unsafe-inline' in the dashboard's CSP; classes built from numbers only
 * (see {@link widthRules}) keep mesh data out of the stylesheet.
 */
export function widthClass(percent: number): string {
  return `w${Math.round(Math.min(100, Math.max(0, percent)) * 10)}`;
}

/** The rules for the width classes a page uses (numbers only, so nothing a user wrote). */
export function widthRules(percents: Iterable<number>): string {
  const seen = new Set<string>();
  let css = "";
  for (const p of percents) {
    const cls = widthClass(p);
    if (seen.has(cls)) continue;
    seen.add(cls);
    css += `.${cls}{width:${Number(cls.slice(1)) / 10}%}`;
  }
  return css;
}

/** The class of the `i`-th target's colour. */
export const colorClass = (i: number): string => `c${i % TARGET_COLORS.length}`;

export const STYLES = `${TARGET_COLORS.map((c, i) => `.c${i}{background:${c}}`).join("")}
.col-split{width:38%}
:root{--bg:#f6f7f9;--card:#fff;--ink:#1d2330;--muted:#667085;--line:#e3e6eb;--ok:#2fa36b;--warn:#c9a227;--bad:#d94c4c}
@media (prefers-color-scheme:dark){:root{--bg:#12151b;--card:#1b2029;--ink:#e6e9ef;--muted:#98a2b3;--line:#2c3340}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--ink)}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;padding:.8rem 1rem;border-bottom:1px solid var(--line);background:var(--card)}
header h1{font-size:1.15rem;margin:0}
header a{color:inherit;text-decoration:none}
header .live{margin-left:auto;font-size:.8rem;color:var(--muted)}
main{padding:1rem;max-width:1200px;margin:0 auto;display:grid;gap:1rem;grid-template-columns:1fr}
@media (min-width:720px){main{grid-template-columns:1fr 1fr}.wide{grid-column:1/-1}}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem;min-width:0}
h2{font-size:1rem;margin:.1rem 0 .6rem}
h3{font-size:.92rem;margin:.8rem 0 .4rem;color:var(--muted)}
.empty{color:var(--muted);font-size:.9rem}
table{width:100%;border-collapse:collapse;font-size:.9rem}
th,td{text-align:left;padding:.35rem .4rem;border-top:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:.8rem;border-top:0}
td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
code{font:12.5px/1.3 ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.split{display:flex;height:1.35rem;border-radius:6px;overflow:hidden;background:var(--line);min-width:8rem}
.seg{height:100%;transition:width .6s ease;display:flex;align-items:center;justify-content:center;color:#fff;font-size:.72rem;white-space:nowrap;overflow:hidden}
.legend{display:flex;flex-wrap:wrap;gap:.2rem .8rem;font-size:.8rem;margin-top:.25rem;color:var(--muted)}
.dot{display:inline-block;width:.6rem;height:.6rem;border-radius:2px;margin-right:.25rem;vertical-align:middle}
.ok{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}
.meshes{list-style:none;margin:0;padding:0;display:grid;gap:.5rem}
.meshes a{display:block;padding:.7rem .9rem;border:1px solid var(--line);border-radius:8px;background:var(--card);color:inherit;text-decoration:none}
.meshes a:hover{border-color:#2f7de1}
.progress{height:.5rem;background:var(--line);border-radius:4px;overflow:hidden}
.progress>div{height:100%;background:#2f7de1;transition:width .6s ease}
.settings{display:flex;flex-wrap:wrap;gap:.1rem .7rem;font-size:.78rem;color:var(--muted);margin-top:.2rem}
.settings b{font-weight:500;color:var(--ink)}
.route-charts{margin-top:.6rem}
.charts{display:grid;gap:.6rem;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr))}
figure.chart{margin:0;min-width:0;border:1px solid var(--line);border-radius:8px;padding:.4rem .5rem}
figure.chart figcaption{font-size:.82rem}
figure.chart svg{display:block;height:auto}
svg .grid{stroke:var(--line);stroke-width:1}
svg .axis{fill:var(--muted);font-size:10px}
ol.events{margin:.4rem 0 0;padding-left:1.2rem;font-size:.8rem;color:var(--muted);max-height:12rem;overflow-y:auto;overflow-wrap:anywhere}
ol.events li.passed::marker{color:var(--ok)}ol.events li.failed::marker{color:var(--bad)}
.rollout{margin:.5rem 0}
.rollout .times{font-size:.8rem;color:var(--muted)}
.outcome{color:var(--muted)}
@media (max-width:719px){
  table.stack thead{display:none}
  table.stack tr{display:block;border-top:1px solid var(--line);padding:.4rem 0}
  table.stack td{display:flex;gap:.6rem;border:0;padding:.15rem 0}
  table.stack td::before{content:attr(data-label);min-width:5.5rem;color:var(--muted);font-size:.8rem}
  table.stack td>.bar{flex:1;min-width:0}
}
`;
