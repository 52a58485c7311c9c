import type * as v from "valibot";

/** Where an input member travels in the REST binding (the model's `location`). */
export type MemberLocation = "uri" | "querystring" | "header" | "body";

/** The REST binding of one operation, generated from the model (see operations.gen.ts). */
export interface OperationSpec {
  readonly name: string;
  readonly method: string;
  /** The model's path template, e.g. `/v20190125/meshes/{meshName}`. */
  readonly requestUri: string;
  /** Input members: where each travels and its model type (`string`, `integer`, ...). */
  readonly members: Readonly<Record<string, { readonly location: string; readonly type: string; readonly locationName?: string }>>;
  /** The member the SDK fills with an idempotency token, when the operation has one. */
  readonly idempotencyToken?: string;
  /** When set, the response body is this output member alone (the model's `payload`). */
  readonly outputPayload?: string;
  /** Error shape names the model lists for the operation. */
  readonly errors: readonly string[];
  /** The valibot schema of the whole input (all locations merged). */
  readonly input: v.GenericSchema;
  /** The valibot schema of the output structure (tests check responses against it). */
  readonly output: v.GenericSchema;
}
