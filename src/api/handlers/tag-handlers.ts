import { identityOf, parseArn } from "../../shared/arn";
import { unwrap } from "../../shared/rpc-result";
import { existingMeshStub } from "../../do-client/stubs";
import type { Handler } from "./handler";

type Tag = { key: string; value: string };

/** Largest page of ListTagsForResource (the model's TagsLimit). */
const MAX_TAG_PAGE = 50;

/** Tags on any resource ARN: the ARN names the mesh, so its Durable Object holds them. */
export const tagHandlers: Record<string, Handler> = {
  async TagResource(input, env) {
    const key = parseArn(identityOf(env), String(input["resourceArn"]));
    unwrap(await (await existingMeshStub(env, key.meshName)).tagResource(key, input["tags"] as Tag[]));
    return {};
  },
  async UntagResource(input, env) {
    const key = parseArn(identityOf(env), String(input["resourceArn"]));
    unwrap(await (await existingMeshStub(env, key.meshName)).untagResource(key, input["tagKeys"] as string[]));
    return {};
  },
  async ListTagsForResource(input, env) {
    const key = parseArn(identityOf(env), String(input["resourceArn"]));
    const limit = (input["limit"] as number | undefined) ?? MAX_TAG_PAGE;
    const page = unwrap(await (await existingMeshStub(env, key.meshName)).listTags(key, limit, input["nextToken"] as string | undefined));
    return { tags: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  },
};
