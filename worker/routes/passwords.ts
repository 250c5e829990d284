import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, rejectForeignOrigin, requireAuth } from "../http/auth";
import { AppError } from "../http/errors";
import { createRouter, json, jsonBody, problems } from "../http/openapi";
import { clientIp, enforceLimit } from "../http/rate-limit";
import { clearSessionCookie } from "../http/session-cookie";
import { changePassword, changePasswordInput, checkResetToken, requestPasswordReset, requestResetInput, resetPassword, resetPasswordInput } from "../tenancy/passwords";

export const passwordRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/password",
      tags: ["Auth"],
      summary: "Change your password (the current one is required); every other session of your account ends",
      middleware: [authenticate, requireAuth],
      request: jsonBody(changePasswordInput),
      responses: { 200: json(z.object({ otherSessionsEnded: z.number() }), "Changed"), ...problems(400, 401, 403, 429) },
    }),
    async (c) => {
      const auth = c.get("auth")!;
      if (auth.via !== "session") throw new AppError("bad_request", "Changing a password needs a signed-in user, not an API key");
      await enforceLimit(c, "passwordChange", auth.userId!);
      const ended = await changePassword(c.get("ctx"), auth.userId!, auth.sessionId!, c.req.valid("json"));
      return c.json({ otherSessionsEnded: ended }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/password-reset",
      security: [],
      tags: ["Auth"],
      summary: "Email a password-reset link; the same 202 whether or not the address has an account",
      middleware: [rejectForeignOrigin],
      request: jsonBody(requestResetInput),
      responses: { 202: json(z.object({ status: z.literal("accepted") }), "If the address has an account, a link is on its way"), ...problems(400, 403, 429) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      await enforceLimit(c, "resetIp", clientIp(c));
      await enforceLimit(c, "resetEmail", input.email);
      const ctx = c.get("ctx");
      ctx.waitUntil(requestPasswordReset(ctx, input));
      return c.json({ status: "accepted" as const }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/auth/password-reset/check",
      security: [],
      tags: ["Auth"],
      summary: "Whether a reset link can still be used",
      request: { query: z.object({ token: z.string().min(20).max(200) }) },
      responses: { 204: { description: "Usable" }, ...problems(400, 410) },
    }),
    async (c) => {
      await checkResetToken(c.get("ctx"), c.req.valid("query").token);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/password-reset/confirm",
      security: [],
      tags: ["Auth"],
      summary: "Set a new password with a reset link (single use, one hour); every session of the account ends",
      middleware: [rejectForeignOrigin],
      request: jsonBody(resetPasswordInput),
      responses: { 204: { description: "Password changed; log in with it" }, ...problems(400, 403, 410) },
    }),
    async (c) => {
      await resetPassword(c.get("ctx"), c.req.valid("json"));
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );
