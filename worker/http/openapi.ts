// Route plumbing shared by every resource: an OpenAPIHono whose validation
// failures become problem+json, and schema helpers for docs.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "./errors";
import { zodFieldErrors } from "./error-handler";
import type { AppEnv } from "./types";

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = zodFieldErrors(result.error);
        throw new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
      }
    },
  });
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input; `errors` names each field",
  401: "Not authenticated",
  403: "Authenticated but not allowed",
  404: "Not found (also for another tenant's resources)",
  409: "Conflicts with the current state",
  410: "No longer available",
  413: "Body too large",
  422: "Refused by a business rule (e.g. the 24-hour window)",
  429: "Rate limited; see Retry-After",
  500: "Server error",
  503: "Unavailable",
};

export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: PROBLEM_DESCRIPTIONS[s] ?? "Error", content: { "application/problem+json": { schema: ProblemSchema } } }]),
  );
}

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { content: { "application/json": { schema } }, required: true } };
}

export const IdParam = z.object({ id: z.string().min(1).max(64) });

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/** Errors every authenticated route can answer with. */
export const AUTHED = [400, 401, 403, 429] as const;
