// The closed set of error codes, their HTTP statuses and titles. Domain code
// throws AppError for expected failures; anything else is a bug (500).
export const ERROR_CODES = {
  bad_request: { status: 400, title: "Bad request" },
  validation_failed: { status: 400, title: "Validation failed" },
  unauthorized: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "Conflict" },
  gone: { status: 410, title: "Gone" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  range_not_satisfiable: { status: 416, title: "Range not satisfiable" },
  unprocessable: { status: 422, title: "Unprocessable request" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal server error" },
  misconfigured: { status: 500, title: "Server misconfigured" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "AppError";
    this.status = ERROR_CODES[code].status;
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (detail: string) => new AppError("forbidden", detail);
export const conflict = (detail: string) => new AppError("conflict", detail);
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new AppError(errors ? "validation_failed" : "bad_request", detail, { errors });
/** A validation failure on one named field. */
export const fieldError = (path: string, message: string) =>
  new AppError("validation_failed", `${path}: ${message}`, { errors: [{ path, message }] });
/** A well-formed field the request cannot be carried out with (a wrong password, a file of the wrong kind): 422 naming it. */
export const unprocessableField = (path: string, message: string) =>
  new AppError("unprocessable", `${path}: ${message}`, { errors: [{ path, message }] });
