import { createRoute } from "@hono/zod-openapi";
import { AppError } from "../http/errors";
import { authenticate, requireAuth } from "../http/auth";
import { createRouter, jsonBody, problems } from "../http/openapi";
import { enforceLimit } from "../http/rate-limit";
import { clearSessionCookie } from "../http/session-cookie";
import { deleteAccount, deleteAccountInput } from "../tenancy/account-deletion";

export const accountRoutes = createRouter().openapi(
  createRoute({
    method: "delete",
    path: "/account",
    tags: ["Auth"],
    summary: "Delete your own account (your password is required); your memberships and sessions end",
    description:
      "409 while you are the only owner of a workspace that has other members (make someone else an owner first), or the only member of a workspace (delete the workspace first).",
    middleware: [authenticate, requireAuth],
    request: jsonBody(deleteAccountInput),
    responses: { 204: { description: "Deleted; the session cookie is cleared" }, ...problems(400, 401, 403, 409, 429) },
  }),
  async (c) => {
    const auth = c.get("auth")!;
    if (auth.via !== "session") throw new AppError("forbidden", "Deleting an account needs the signed-in user, not an API key");
    await enforceLimit(c, "passwordChange", auth.userId!);
    await deleteAccount(c.get("ctx"), auth.userId!, c.req.valid("json"));
    clearSessionCookie(c);
    return c.body(null, 204);
  },
);
