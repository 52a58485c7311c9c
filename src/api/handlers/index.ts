import type { OperationName } from "../../schema";
import { MESH_CHILD_KINDS } from "../../shared/resource-kinds";
import type { Handler } from "./handler";
import { meshHandlers } from "./mesh-handlers";
import { resourceHandlers } from "./resource-handlers";
import { tagHandlers } from "./tag-handlers";

export type { Handler } from "./handler";

/** The implementation of every operation of the model, by operation name. */
export const handlers = Object.assign({}, meshHandlers, tagHandlers, ...MESH_CHILD_KINDS.map((k) => resourceHandlers(k))) as Record<
  OperationName,
  Handler
>;
