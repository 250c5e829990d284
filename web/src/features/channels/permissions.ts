import type { Role } from "../../types/api";

/** Mirrors the API: owners and admins connect, edit and disconnect channels. */
export const canManageChannels = (role: Role) => role === "owner" || role === "admin";
