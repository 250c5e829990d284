// Who may do what, mirroring the API's role checks so the dashboard only offers
// actions that will succeed. The API still enforces every rule.
import type { Role } from "../types/api";

export const canManageTeam = (role: Role) => role === "owner" || role === "admin";
export const canManageApiKeys = (role: Role) => role === "owner" || role === "admin";
export const canExportTenant = (role: Role) => role === "owner";
export const canDeleteTenant = (role: Role) => role === "owner";

/** Admins manage admins and agents; only owners touch owners. */
export const canManageMember = (actor: Role, target: Role) => canManageTeam(actor) && (actor === "owner" || target !== "owner");

/** Roles this person may give to someone else. */
export const assignableRoles = (actor: Role): Role[] => (actor === "owner" ? ["agent", "admin", "owner"] : actor === "admin" ? ["agent", "admin"] : []);

export const roleDescription: Record<Role, string> = {
  owner: "Full control, including the team, API keys and other owners.",
  admin: "Manages the team and API keys, but not owners.",
  agent: "Works with customers. Can't change the team or API keys.",
};
