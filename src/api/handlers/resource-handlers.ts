import { identityOf } from "../../shared/arn";
import { canonicalJson } from "../../shared/canonical-json";
import { DEFAULT_PAGE_SIZE } from "../../shared/pagination";
import { KINDS, type ResourceKey, type ResourceKind } from "../../shared/resource-kinds";
import { unwrap } from "../../shared/rpc-result";
import { withAppMeshDefaults } from "../spec-defaults";
import { checkSpecRules } from "../spec-rules";
import { checkDiscoveryRules } from "../discovery-rules";
import { checkRewriteRules } from "../rewrite-rules";
import { checkMeshOwner, existingMeshStub } from "../../do-client/stubs";
import type { Handler, Input } from "./handler";

/** The key of the resource an input names. */
export function keyOf(kind: ResourceKind, input: Input): ResourceKey {
  const info = KINDS[kind];
  return {
    meshName: input.meshName!,
    kind,
    parent: info.parentField ? String(input[info.parentField]) : "",
    name: String(input[info.nameField]),
  };
}

/** The stub of the input's mesh, after the meshOwner check. */
function stubFor(input: Input, env: Env) {
  checkMeshOwner(identityOf(env), input.meshName!, input.meshOwner);
  return existingMeshStub(env, input.meshName!);
}

/** Identity of a write for clientToken reuse: operation + input without the token. */
export function inputKeyOf(op: string, input: Input): string {
  const { clientToken: _t, ...rest } = input;
  return canonicalJson({ op, input: rest });
}

/**
 * Create/Describe/Update/Delete/List for one resource kind inside a mesh. The Durable
 * Object does the checks that need state; the Worker does those that need only the input.
 */
export function resourceHandlers(kind: Exclude<ResourceKind, "mesh">): Record<string, Handler> {
  const info = KINDS[kind];
  const out = (data: unknown) => ({ [info.dataKey]: data });
  const write =
    (op: string, method: "createResource" | "updateResource"): Handler =>
    async (input, env) => {
      const spec = withAppMeshDefaults(kind, input["spec"]);
      checkSpecRules(kind, spec);
      checkRewriteRules(kind, spec);
      checkDiscoveryRules(kind, spec);
      const stub = await stubFor(input, env);
      const req = {
        key: keyOf(kind, input),
        spec,
        ...(input["tags"] !== undefined ? { tags: input["tags"] as Array<{ key: string; value: string }> } : {}),
        ...(input.clientToken !== undefined ? { clientToken: input.clientToken } : {}),
        inputKey: inputKeyOf(op, input),
      };
      return out(unwrap(await stub[method](req)));
    };
  return {
    [`Create${info.op}`]: write(`Create${info.op}`, "createResource"),
    [`Update${info.op}`]: write(`Update${info.op}`, "updateResource"),
    [`Describe${info.op}`]: async (input, env) => out(unwrap(await (await stubFor(input, env)).describeResource(keyOf(kind, input)))),
    [`Delete${info.op}`]: async (input, env) => out(unwrap(await (await stubFor(input, env)).deleteResource(keyOf(kind, input)))),
    [`List${info.op}s`]: async (input, env) => {
      const parent = info.parentField ? String(input[info.parentField]) : "";
      const limit = (input["limit"] as number | undefined) ?? DEFAULT_PAGE_SIZE;
      const page = unwrap(
        await (await stubFor(input, env)).listResources(input.meshName!, kind, parent, limit, input["nextToken"] as string | undefined),
      );
      return { [`${info.dataKey}s`]: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
  };
}
