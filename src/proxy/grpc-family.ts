/**
 * The gRPC family of protocols as they reach the edge over HTTP/1.1, told apart by the request's
 * Content-Type (gRPC-Web: grpc/grpc-web PROTOCOL-WEB.md; Connect: connectrpc.com/docs/protocol):
 * - `grpc`: plain gRPC, which needs HTTP/2 and trailers: answered at the edge (grpc-unsupported.ts);
 * - `grpc-web`: length-prefixed frames, the trailers in a last frame flagged 0x80;
 * - `grpc-web-text`: the same, base64-encoded;
 * - `connect-stream`: `application/connect+*`, frames, the end of stream flagged 0x02 (JSON);
 * - `connect-unary`: `application/proto` / `application/json` with `Connect-Protocol-Version`,
 *   an error as a non-200 status with a JSON `{"code": ...}` body.
 */
export type GrpcFamily = "grpc" | "grpc-web" | "grpc-web-text" | "connect-stream" | "connect-unary";

/** The family of a request, or null for anything else (plain HTTP). */
export function grpcFamilyOf(headers: Headers): GrpcFamily | null {
  const ct = headers.get("content-type");
  if (ct === null) return null;
  const t = ct.toLowerCase();
  if (t.startsWith("application/grpc-web-text")) return "grpc-web-text";
  if (t.startsWith("application/grpc-web")) return "grpc-web";
  if (t.startsWith("application/grpc")) return "grpc";
  if (t.startsWith("application/connect+")) return "connect-stream";
  if ((t.startsWith("application/proto") || t.startsWith("application/json")) && headers.has("connect-protocol-version"))
    return "connect-unary";
  return null;
}

/** gRPC status codes by their Connect names (connectrpc.com/docs/protocol#error-codes). */
const CONNECT_CODES: Record<string, number> = {
  canceled: 1,
  unknown: 2,
  invalid_argument: 3,
  deadline_exceeded: 4,
  not_found: 5,
  already_exists: 6,
  permission_denied: 7,
  resource_exhausted: 8,
  failed_precondition: 9,
  aborted: 10,
  out_of_range: 11,
  unimplemented: 12,
  internal: 13,
  unavailable: 14,
  data_loss: 15,
  unauthenticated: 16,
};

/** The gRPC status of a Connect error code (an unknown name is UNKNOWN, 2, as the protocol says). */
export function grpcCodeOfConnect(code: unknown): number {
  return typeof code === "string" ? (CONNECT_CODES[code] ?? 2) : 2;
}

/**
 * The gRPC status of a Connect unary answer without an error body: the protocol's HTTP-to-code
 * table (connectrpc.com/docs/protocol#http-to-error-code).
 */
export function grpcCodeOfHttp(status: number): number {
  switch (status) {
    case 400:
      return 13;
    case 401:
      return 16;
    case 403:
      return 7;
    case 404:
      return 12;
    case 429:
    case 502:
    case 503:
    case 504:
      return 14;
    default:
      return 2;
  }
}

/**
 * The HTTP status Envoy counts a gRPC status as (Grpc::Utility::grpcToHttpStatus), which is how
 * App Mesh's outlier detection and success rates see a gRPC failure: 0 is 200; UNAVAILABLE 503,
 * DEADLINE_EXCEEDED 504, UNIMPLEMENTED 501, INTERNAL / UNKNOWN / DATA_LOSS 500, and so on.
 */
export function httpStatusOfGrpc(code: number): number {
  switch (code) {
    case 0:
      return 200;
    case 1:
      return 499;
    case 3:
    case 9:
    case 11:
      return 400;
    case 4:
      return 504;
    case 5:
      return 404;
    case 6:
    case 10:
      return 409;
    case 7:
      return 403;
    case 8:
      return 429;
    case 12:
      return 501;
    case 14:
      return 503;
    case 16:
      return 401;
    default:
      return 500;
  }
}
