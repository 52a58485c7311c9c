import { Layout } from "./layout";

/**
 * The landing page: every mesh this deployment knows, each linking to its own page. With a
 * `note` (an unknown mesh), the note stands alone instead of the empty-list hint.
 */
export function MeshListPage(props: { meshes: { meshName: string; detail?: string }[]; note?: string; nonce: string }) {
  return (
    <Layout title="meshedge dashboard" nonce={props.nonce} crumbs={<span>meshes</span>}>
      <main>
        <section class="wide" id="meshes">
          <h2>Meshes</h2>
          {props.note ? null : props.meshes.length === 0 ? (
            <p class="empty">
              No meshes yet. Create one with <code>aws appmesh create-mesh --mesh-name demo --endpoint-url …</code>
            </p>
          ) : (
            <ul class="meshes">
              {props.meshes.map((m) => (
                <li>
                  <a href={`/_meshedge/ui/meshes/${encodeURIComponent(m.meshName)}`}>
                    <b>{m.meshName}</b> {m.detail ? <span class="empty">{m.detail}</span> : null}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {props.note ? <p class="empty">{props.note}</p> : null}
        </section>
      </main>
    </Layout>
  );
}
