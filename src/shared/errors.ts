/**
 * The one error type of the management API and its one renderer.
 *
 * AWS SDKs and the CLI read the error type from the `x-amzn-errortype` header (falling back
 * to the body's `__type`/`code`) and the text from the body's `message`, so every error of the
 * Worker leaves through {@link renderAppMeshError} with exactly that shape.
 */

/** Error types of the App Mesh model with their HTTP status codes. */
export const ERROR_STATUS = {
  BadRequestException: 400,
  ForbiddenException: 403,
  NotFoundException: 404,
  ConflictException: 409,
  ResourceInUseException: 409,
  LimitExceededException: 400,
  TooManyTagsException: 400,
  TooManyRequestsException: 429,
  InternalServerErrorException: 500,
  ServiceUnavailableException: 503,
} as const;

/** One of the App Mesh error type names. */
export type AppMeshErrorType = keyof typeof ERROR_STATUS;

/** Plain-data form of an error, safe to return across Durable Object RPC. */
export interface AppMeshErrorData {
  type: AppMeshErrorType;
  message: string;
}

/** An App Mesh API error: its type decides the HTTP status. */
export class AppMeshError extends Error {
  override readonly name = "AppMeshError";
  readonly type: AppMeshErrorType;
  readonly status: number;

  constructor(type: AppMeshErrorType, message: string) {
    super(message);
    this.type = type;
    this.status = ERROR_STATUS[type];
  }

  /** Rebuilds an error that crossed an RPC boundary as data. */
  static from(data: AppMeshErrorData): AppMeshError {
    return new AppMeshError(isErrorType(data.type) ? data.type : "InternalServerErrorException", data.message);
  }

  /** The plain-data form (for RPC results). */
  toData(): AppMeshErrorData {
    return { type: this.type, message: this.message };
  }
}

/** True when `s` names an App Mesh error type. */
export function isErrorType(s: string): s is AppMeshErrorType {
  return Object.hasOwn(ERROR_STATUS, s);
}

/**
 * Renders any thrown value as an App Mesh error response. Unknown errors become an
 * InternalServerErrorException without leaking internals.
 */
export function renderAppMeshError(err: unknown): Response {
  const e = err instanceof AppMeshError ? err : new AppMeshError("InternalServerErrorException", "Internal server error");
  return new Response(JSON.stringify({ message: e.message }), {
    status: e.status,
    headers: {
      "content-type": "application/json",
      "x-amzn-errortype": e.type,
    },
  });
}
