import { Hono } from "hono";
import { AppMeshError } from "../shared/errors";
import { parseJsonObject } from "./read-json";
import { checkName } from "./resource-names";
import { parseInput } from "./validate";
import { CreateRolloutInput } from "../rollouts/schema";
import { callDelivery, type DeliveryEnv } from "../do-client/delivery-client";
import { RoutePolicyInput, RoutePolicyPatch } from "../rollouts/route-policy";
import type { MeshWriteHook } from "./mesh-write-hook";

const ACTIONS = new Set(["pause", "resume", "abort"] as const);

/** A path parameter that names a resource: 1-255 characters, well-formed, no control characters. */
function nameParam(value: string | undefined, what: string): string {
  if (value === undefined || value.length < 1 || value.length > 255) {
    throw new AppMeshError("BadRequestException", `${what}: length must be between 1 and 255`);
  }
  checkName(what, value);
  return value;
}

/**
 * The project's own API for progressive delivery, mounted at `/_meshedge/v1` (behind the same
 * auth guard as the App Mesh API; errors in App Mesh's shape):
 *
 * - `GET    /meshes/{mesh}/metrics?window=60`
 * - `PUT    /meshes/{mesh}/rollouts` (create), `GET /meshes/{mesh}/rollouts` (list),
 *   `GET    /meshes/{mesh}/rollouts/{name}`, `POST /meshes/{mesh}/rollouts/{name}/{pause|resume|abort}`,
 *   `DELETE /meshes/{mesh}/rollouts/{name}` (finished rollouts only)
 * - `PUT | PATCH | GET | DELETE /meshes/{mesh}/virtualRouter/{router}/routes/{route}/policy`
 *   (PUT replaces the whole policy; PATCH merges splitKey and mirror independently, null removes one)
 */
export function deliveryApi<E extends { Bindings: DeliveryEnv }>(invalidateMesh: MeshWriteHook): Hono<E> {
  const api = new Hono<E>();

  api.get("/meshes/:mesh/metrics", async (c) => {
    const mesh = nameParam(c.req.param("mesh"), "meshName");
    const raw = c.req.query("window") ?? "60";
    const windowSeconds = Number(raw);
    if (!/^\d+$/.test(raw) || windowSeconds < 1 || windowSeconds > 604_800) {
      throw new AppMeshError("BadRequestException", "window: must be an integer number of seconds between 1 and 604800");
    }
    return c.json(await callDelivery(c.env, mesh, (s) => s.metricsReport(windowSeconds)));
  });

  api.put("/meshes/:mesh/rollouts", async (c) => {
    const mesh = nameParam(c.req.param("mesh"), "meshName");
    const input = parseInput(CreateRolloutInput, parseJsonObject(await c.req.text()));
    const rollout = await callDelivery(c.env, mesh, (s) => s.createRollout(input));
    invalidateMesh(mesh); // this isolate routes by the new weights at once (others within SNAPSHOT_TTL_MS)
    return c.json({ rollout });
  });

  api.get("/meshes/:mesh/rollouts", async (c) => {
    const mesh = nameParam(c.req.param("mesh"), "meshName");
    return c.json({ rollouts: await callDelivery(c.env, mesh, (s) => s.listRollouts()) });
  });

  api.get("/meshes/:mesh/rollouts/:name", async (c) => {
    const mesh = nameParam(c.req.param("mesh"), "meshName");
    const name = nameParam(c.req.param("name"), "rolloutName");
    return c.json({ rollout: await callDelivery(c.env, mesh, (s) => s.describeRollout(name)) });
  });

  api.delete("/meshes/:mesh/rollouts/:name", async (c) => {
    const mesh = nameParam(c.req.param("mesh"), "meshName");
    const name = nameParam(c.req.param("name"), "rolloutName");
    return c.json({ rollout: await callDelivery(c.env, mesh, (s) => s.deleteRollout(name)) });
  });

  api.post("/meshes/:mesh/rollouts/:name/:action", async (c) => {
    const mesh = nameParam(c.req.param("mesh"), "meshName");
    const name = nameParam(c.req.param("name"), "rolloutName");
    const action = c.req.param("action");
    if (!ACTIONS.has(action as "pause")) throw new AppMeshError("BadRequestException", `action: must be one of pause, resume, abort`);
    const rollout = await callDelivery(c.env, mesh, (s) => s.actOnRollout(name, action as "pause"));
    invalidateMesh(mesh);
    return c.json({ rollout });
  });

  const policyPath = "/meshes/:mesh/virtualRouter/:router/routes/:route/policy";
  const target = (p: (k: string) => string | undefined) => ({
    mesh: nameParam(p("mesh"), "meshName"),
    router: nameParam(p("router"), "virtualRouterName"),
    route: nameParam(p("route"), "routeName"),
  });
  api.put(policyPath, async (c) => {
    const { mesh, router, route } = target((k) => c.req.param(k));
    const input = parseInput(RoutePolicyInput, parseJsonObject(await c.req.text()));
    const policy = await callDelivery(c.env, mesh, (s) => s.putRoutePolicy(router, route, input));
    invalidateMesh(mesh);
    return c.json({ policy });
  });
  api.patch(policyPath, async (c) => {
    const { mesh, router, route } = target((k) => c.req.param(k));
    const patch = parseInput(RoutePolicyPatch, parseJsonObject(await c.req.text()));
    const policy = await callDelivery(c.env, mesh, (s) => s.patchRoutePolicy(router, route, patch));
    invalidateMesh(mesh);
    return c.json({ policy });
  });
  api.get(policyPath, async (c) => {
    const { mesh, router, route } = target((k) => c.req.param(k));
    return c.json({ policy: await callDelivery(c.env, mesh, (s) => s.getRoutePolicy(router, route)) });
  });
  api.delete(policyPath, async (c) => {
    const { mesh, router, route } = target((k) => c.req.param(k));
    const policy = await callDelivery(c.env, mesh, (s) => s.deleteRoutePolicy(router, route));
    invalidateMesh(mesh);
    return c.json({ policy });
  });

  return api;
}
