import type { Role } from "../../types/api";

/** Mirrors the API: owners and admins define custom fields; agents see them and fill them in on contacts. */
export const canManageCustomFields = (role: Role) => role === "owner" || role === "admin";
