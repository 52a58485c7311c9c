/**
 * The documented development key (never deployed; see SECURITY.md). Tests sign every
 * management call with it, the way the AWS SDK and CLI sign theirs.
 */
export const DEV_ACCESS_KEY_ID = "AKIDMESHEDGEDEV00001";
export const DEV_SECRET_ACCESS_KEY = "meshedge-dev-secret-do-not-use-in-prod";
export const DEV_REGION = "us-east-1";
/** The development key as AWS SDK credentials. */
export const DEV_KEY = { accessKeyId: DEV_ACCESS_KEY_ID, secretAccessKey: DEV_SECRET_ACCESS_KEY };
/** `MESHEDGE_ACCESS_KEYS` value that accepts the development key. */
export const DEV_ACCESS_KEYS = `${DEV_ACCESS_KEY_ID}:${DEV_SECRET_ACCESS_KEY}`;
/** A read-only test key (the workers tests' vitest.config.ts accepts it; node tests pass {@link TEST_ACCESS_KEYS} themselves). */
export const READONLY_KEY = { accessKeyId: "AKIDMESHEDGEREAD0001", secretAccessKey: "meshedge-readonly-secret-for-tests" };
/** `MESHEDGE_ACCESS_KEYS` value that accepts the development key and, read-only, {@link READONLY_KEY}. */
export const TEST_ACCESS_KEYS = `${DEV_ACCESS_KEYS},${READONLY_KEY.accessKeyId}:${READONLY_KEY.secretAccessKey}:readonly`;
