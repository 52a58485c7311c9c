import { colorClass, widthClass } from "../styles";
import type { TargetView } from "../view-types";

/**
 * A route's weighted targets as one horizontal bar, one segment per target, width = its share.
 * `data-route` lets the live script find and resize the segments when weights move. Widths and
 * colours are classes (the page's CSP allows no inline style attributes; see styles.ts).
 */
export function SplitBar(props: { routeKey: string; targets: TargetView[] }) {
  const { targets } = props;
  return (
    <div class="bar" data-route={props.routeKey}>
      <div class="split" role="img" aria-label={targets.map((t) => `${t.virtualNode} ${t.percent}%`).join(", ")}>
        {targets.map((t, i) => (
          <div
            class={`seg ${widthClass(t.percent)} ${colorClass(i)}`}
            data-node={t.virtualNode}
            title={`${t.virtualNode}: weight ${t.weight} (${t.percent}%)`}
          >
            {t.percent >= 12 ? `${t.percent}%` : ""}
          </div>
        ))}
      </div>
      <div class="legend">
        {targets.map((t, i) => (
          <span data-legend={t.virtualNode}>
            <span class={`dot ${colorClass(i)}`} />
            {t.virtualNode} <b>{t.weight}</b>
          </span>
        ))}
      </div>
    </div>
  );
}
