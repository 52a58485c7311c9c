import { AppMeshError } from "../shared/errors";
import { existingMeshStub } from "./stubs";
import type { DeliveryOp, DeliveryResults } from "../../durable/rollouts/delivery";

/** Something with the mesh DO namespace whose objects answer `delivery(op)`. */
export interface DeliveryEnv {
  MESH: DurableObjectNamespace<import("../../durable/mesh-object").MeshObject>;
  REGISTRY: DurableObjectNamespace<import("../../durable/registry-object").RegistryObject>;
}

/**
 * Sends one delivery operation to the mesh's Durable Object and unwraps the result: the value, or
 * the AppMeshError it carried across RPC (thrown, so `app.onError` renders it).
 */
export async function callDelivery<O extends DeliveryOp>(env: DeliveryEnv, mesh: string, op: O): Promise<DeliveryResults[O["op"]]> {
  const result = await (await existingMeshStub(env, mesh)).delivery(op, mesh);
  if ("error" in result) throw AppMeshError.from(result.error);
  return result.value as DeliveryResults[O["op"]];
}
