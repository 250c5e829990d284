// Shapes the API returns: the OpenAPI document's (web/src/api/schema.d.ts).
import type { Schema } from "../api";

export type Role = Schema<"Role">;
export type User = Schema<"User">;
export type Tenant = Schema<"Tenant">;
export type TenantWithRole = Schema<"TenantMembership">;

/** Every list endpoint answers with a page and the cursor of the next one. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
