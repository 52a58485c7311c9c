import { AppMeshClient } from "@aws-sdk/client-app-mesh";
import { DEV_KEY } from "../../test/support/credentials";

/** The admin origin of `npm run dev` (the API answers on ADMIN_HOSTNAMES only, locally 127.0.0.1). */
export const DEFAULT_ENDPOINT = "http://127.0.0.1:8787";

export interface ClientOptions {
  endpoint?: string | undefined;
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  region?: string | undefined;
}

/**
 * The real App Mesh SDK client against `endpoint`, signed with the given keys, else
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, else the development key (SECURITY.md).
 */
export function appMeshClient(opts: ClientOptions): AppMeshClient {
  const env = process.env;
  const credentials =
    opts.credentials ??
    (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }
      : DEV_KEY);
  return new AppMeshClient({
    endpoint: opts.endpoint ?? DEFAULT_ENDPOINT,
    region: opts.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    credentials,
    maxAttempts: 3,
  });
}
