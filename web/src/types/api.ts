// Shapes the API returns, mirroring the zod schemas in worker/routes.

export type Role = "owner" | "admin" | "agent";

export interface User {
  id: string;
  email: string;
  name: string | null;
  createdAt: string;
}

export interface Tenant {
  id: string;
  name: string;
  plan: string;
  createdAt: string;
}

export interface TenantWithRole extends Tenant {
  role: Role;
}

/** Every list endpoint answers with a page and the cursor of the next one. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
