import type { Role } from "../../types/api";

/** Mirrors the API: owners and admins change the bot and its knowledge; agents can look and test. */
export const canEditBot = (role: Role) => role === "owner" || role === "admin";
