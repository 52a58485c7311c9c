import type { RpcResult } from "../shared/rpc-result";
import { unwrap } from "../shared/rpc-result";
import { existingMeshStub, type MeshRpc } from "./stubs";

/** Something with the mesh DO namespace whose objects answer the delivery operations. */
export interface DeliveryEnv {
  MESH: DurableObjectNamespace<import("../../durable/mesh-object").MeshObject>;
  REGISTRY: DurableObjectNamespace<import("../../durable/registry-object").RegistryObject>;
}

/**
 * Calls one delivery operation (a typed RPC method of the mesh's Durable Object, which acts on
 * the mesh it holds) and unwraps the result: the value, or the AppMeshError it carried across
 * RPC (thrown, so `app.onError` renders it).
 */
export async function callDelivery<T>(env: DeliveryEnv, mesh: string, call: (stub: MeshRpc) => Promise<RpcResult<T>>): Promise<T> {
  return unwrap(await call(await existingMeshStub(env, mesh)));
}
