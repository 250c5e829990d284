// RFC 9457 problem+json bodies: { type, title, status, detail, requestId, errors? }.
import { ERROR_CODES, type ErrorCode, type FieldError } from "./errors";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId?: string;
  errors?: FieldError[];
}

export function problemBody(code: ErrorCode, detail: string, requestId?: string, errors?: FieldError[]): Problem {
  const { status, title } = ERROR_CODES[code];
  return { type: `urn:parley:problem:${code}`, title, status, detail, code, ...(requestId ? { requestId } : {}), ...(errors ? { errors } : {}) };
}

export function problemResponse(
  code: ErrorCode,
  detail: string,
  opts: { requestId?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
): Response {
  const body = problemBody(code, detail, opts.requestId, opts.errors);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { "content-type": "application/problem+json", ...(opts.requestId ? { "x-request-id": opts.requestId } : {}), ...opts.headers },
  });
}
