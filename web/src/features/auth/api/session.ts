// What signup, invitation acceptance and tenant switching answer with.
import type { Role, Tenant, User } from "../../../types/api";

export interface SessionStart {
  user: User;
  tenant: Tenant;
  role: Role;
}
