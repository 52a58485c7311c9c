import { refOf } from "../../shared/resource-ref";
import { identityOf } from "../../shared/arn";
import { DEFAULT_PAGE_SIZE } from "../../shared/pagination";
import { quotaOf } from "../../shared/resource-kinds";
import { unwrap } from "../../shared/rpc-result";
import { checkMeshOwner, existingMeshStub, meshStub, registryStub } from "../../do-client/stubs";
import type { Handler } from "./handler";
import { inputKeyOf, keyOf } from "./resource-handlers";

/**
 * A mesh created or updated without a spec is answered with `"spec": {}` (the AWS CLI's
 * bundled create-mesh.rst and describe-mesh.rst outputs). Its egress behaviour is still
 * DROP_ALL, the documented default of EgressFilter.
 */
const DEFAULT_MESH_SPEC = {};

/**
 * Mesh operations: the mesh Durable Object holds the mesh, the registry indexes it.
 * CreateMesh reserves the name under the quota first, so concurrent creates cannot pass
 * the limit; a failed create releases a reservation it made.
 */
export const meshHandlers: Record<string, Handler> = {
  async CreateMesh(input, env) {
    const name = input.meshName!;
    const registry = registryStub(env);
    const inputKey = inputKeyOf("CreateMesh", input);
    if (input.clientToken !== undefined) unwrap(await registry.claimCreateMeshToken(input.clientToken, inputKey));
    const added = unwrap(await registry.reserve(name, quotaOf(env, "mesh")));
    const result = await meshStub(env, name).createResource({
      key: keyOf("mesh", input),
      spec: input["spec"] ?? DEFAULT_MESH_SPEC,
      ...(input["tags"] !== undefined ? { tags: input["tags"] as Array<{ key: string; value: string }> } : {}),
      ...(input.clientToken !== undefined ? { clientToken: input.clientToken } : {}),
      inputKey,
    });
    if (!result.ok && added) {
      // A Conflict here means the mesh exists but the index missed it (a create interrupted
      // before `put`): index it now rather than dropping the name.
      const existing =
        result.error.type === "ConflictException" ? await meshStub(env, name).describeResource(keyOf("mesh", input)) : undefined;
      if (existing?.ok) await registry.put(refOf(existing.value) as { meshName: string });
      else await registry.release(name);
    }
    const mesh = unwrap(result);
    await registry.put(refOf(mesh) as { meshName: string });
    return { mesh };
  },
  async UpdateMesh(input, env) {
    const mesh = unwrap(
      await (await existingMeshStub(env, input.meshName!)).updateResource({
        key: keyOf("mesh", input),
        spec: input["spec"] ?? DEFAULT_MESH_SPEC,
        ...(input.clientToken !== undefined ? { clientToken: input.clientToken } : {}),
        inputKey: inputKeyOf("UpdateMesh", input),
      }),
    );
    await registryStub(env).put(refOf(mesh) as { meshName: string });
    return { mesh };
  },
  async DescribeMesh(input, env) {
    checkMeshOwner(identityOf(env), input.meshName!, input.meshOwner);
    return { mesh: unwrap(await (await existingMeshStub(env, input.meshName!)).describeResource(keyOf("mesh", input))) };
  },
  async DeleteMesh(input, env) {
    const result = await (await existingMeshStub(env, input.meshName!)).deleteResource(keyOf("mesh", input));
    // Deleted, or already gone (a delete interrupted before the index heard of it): drop
    // the name from the index either way so ListMeshes converges.
    if (result.ok || result.error.type === "NotFoundException") await registryStub(env).remove(input.meshName!);
    return { mesh: unwrap(result) };
  },
  async ListMeshes(input, env) {
    const limit = (input["limit"] as number | undefined) ?? DEFAULT_PAGE_SIZE;
    const page = unwrap(await registryStub(env).list(limit, input["nextToken"] as string | undefined));
    return { meshes: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  },
};
