import { listDurableObjectIds } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_ORIGIN } from "../support/origins";
import { call } from "../support/signed-fetch";
import { DEV_KEY } from "../support/credentials";
import { P, uniqueMesh } from "../support/mesh-fixture";

const BASIC = `Basic ${btoa(`${DEV_KEY.accessKeyId}:${DEV_KEY.secretAccessKey}`)}`;

/** Whether the mesh object of `name` has storage (was ever instantiated and wrote its tables). */
async function stored(name: string): Promise<boolean> {
  const id = env.MESH.idFromName(name).toString();
  return (await listDurableObjectIds(env.MESH)).some((i) => i.toString() === id);
}

describe("a mesh name that does not exist (issue 11, low)", () => {
  it("is NotFoundException for every signed read and write, and no mesh object gets storage", async () => {
    const name = uniqueMesh("ghost");
    const arn = encodeURIComponent(`arn:aws:appmesh:us-east-1:000000000000:mesh/${name}`);
    const answers = [
      await call("GET", `${P}/meshes/${name}`),
      await call("GET", `${P}/meshes/${name}/virtualNodes`),
      await call("GET", `${P}/meshes/${name}/virtualNodes/n`),
      await call("GET", `${P}/tags?resourceArn=${arn}`),
      await call("PUT", `${P}/meshes/${name}`, { spec: {} }),
      await call("DELETE", `${P}/meshes/${name}`),
      await call("PUT", `${P}/meshes/${name}/virtualNodes`, { virtualNodeName: "n", spec: {} }),
      await call("GET", `/_meshedge/v1/meshes/${name}/metrics`),
      await call("GET", `/_meshedge/v1/meshes/${name}/rollouts`),
    ];
    expect(answers.map((a) => [a.status, a.errorType])).toEqual(Array(answers.length).fill([404, "NotFoundException"]));
    expect(answers[0]!.body).toEqual({ message: `Mesh ${name} not found` });
    for (const path of [`/_meshedge/ui/meshes/${name}`, `/_meshedge/ui/meshes/${name}/live.json`]) {
      const res = await exports.default.fetch(new Request(`${ADMIN_ORIGIN}${path}`, { headers: { authorization: BASIC } }));
      expect(res.status, path).toBe(404);
      await res.body?.cancel();
    }
    expect(await stored(name)).toBe(false);
  });

  it("a mesh that exists still has its object (the check above can fail)", async () => {
    const name = uniqueMesh("real");
    expect((await call("PUT", `${P}/meshes`, { meshName: name })).status).toBe(200);
    expect(await stored(name)).toBe(true);
  });
});
