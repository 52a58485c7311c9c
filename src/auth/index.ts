/**
 * Authentication and request guards of the management API (`/v20190125/*`) and the
 * project's own endpoints (`/_meshedge/*`, except `/_meshedge/health`).
 * Configure keys with the `MESHEDGE_ACCESS_KEYS` secret: `ID:SECRET[:readonly],...`.
 */
export { managementGuard, areaOf, type Principal, type AuthVariables, type Area } from "./guard";
export { parseAccessKeys, type AccessKey, type AccessKeyTable } from "./access-keys";
export { verifySigV4, SIGNING_SERVICE, MAX_CLOCK_SKEW_MS, type SignedRequestParts, type VerifyResult } from "./verify-sigv4";
export { API_LIMITS } from "./limits";
