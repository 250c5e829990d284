// The dashboard's API types, generated from the worker's OpenAPI document
// (schema.d.ts, by `npm run gen:api-types`). Features alias these instead of
// writing shapes by hand, so a change to a route's schema reaches every screen
// through the typecheck.
import type { components, paths } from "./schema";

export type { components, paths };

/** A named schema of the document (`components.schemas`). */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

type Operation<P extends keyof paths, M extends Method<P>> = NonNullable<paths[P][M]>;
type Method<P extends keyof paths> = { [M in keyof paths[P]]: paths[P][M] extends { responses: unknown } ? M : never }[keyof paths[P]];
type Json<T> = T extends { content: { "application/json": infer Body } } ? Body : never;

type Success = 200 | 201 | 202;

/** The JSON body a route answers with on `Status` (by default its success: 200, 201 or 202). */
export type ResponseBody<P extends keyof paths, M extends Method<P>, Status extends number = Success> =
  Operation<P, M> extends { responses: infer R } ? Json<R[Extract<keyof R, Status>]> : never;

/** The JSON body a route accepts. */
export type RequestBody<P extends keyof paths, M extends Method<P>> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters a route accepts. */
export type QueryParams<P extends keyof paths, M extends Method<P>> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
