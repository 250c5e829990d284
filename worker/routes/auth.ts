import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, rejectForeignOrigin, requireAuth, requireTenant } from "../http/auth";
import { AppError, notFound } from "../http/errors";
import { createRouter, json, jsonBody, problems } from "../http/openapi";
import { clientIp, enforceLimit, rateLimitHeaders } from "../http/rate-limit";
import { refundLimit } from "../limits/client";
import { errorFields } from "../lib/logger";
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from "../http/session-cookie";
import { getTenant, getUser, listUserTenants, login, loginInput, membershipRole, signup, signupInput } from "../tenancy/accounts";
import { acceptInvitation, acceptInvitationInput, lookupInvitation } from "../tenancy/invitations";
import { deleteSessionByToken, endSession, setSessionTenant } from "../tenancy/sessions";
import { createTenant, tenantInput } from "../tenancy/tenants";
import { RoleSchema, TenantSchema, TenantWithRoleSchema, UserSchema } from "./schemas";

const SessionResponse = z.object({ user: UserSchema, tenant: TenantSchema, role: RoleSchema }).openapi("SessionStart");
const LoginResponse = z.object({ user: UserSchema, tenants: z.array(TenantWithRoleSchema) }).openapi("Login");

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/signup",
      security: [],
      tags: ["Auth"],
      summary: "Create an account and its first tenant; starts a session",
      middleware: [rejectForeignOrigin],
      request: jsonBody(signupInput),
      responses: { 201: json(SessionResponse, "Signed up; session cookie set"), ...problems(400, 403, 409, 429) },
    }),
    async (c) => {
      await enforceLimit(c, "signupIp", clientIp(c));
      const result = await signup(c.get("ctx"), c.req.valid("json"));
      writeSessionCookie(c, result.sessionToken, result.expiresAt);
      return c.json({ user: result.user, tenant: result.tenant, role: result.role }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/login",
      security: [],
      tags: ["Auth"],
      summary: "Log in; the same 401 whether or not the email exists",
      middleware: [rejectForeignOrigin],
      request: jsonBody(loginInput),
      responses: { 200: json(LoginResponse, "Logged in; session cookie set"), ...problems(400, 401, 403, 429) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      await enforceLimit(c, "loginIp", clientIp(c));
      // Every attempt counts against the email before the password is checked, so
      // concurrent guesses cannot slip past the limit; the right password gives its hit back.
      const counted = await enforceLimit(c, "loginEmail", input.email);
      const ctx = c.get("ctx");
      const result = await login(ctx, input);
      if (counted) await refundLimit(c.env, "loginEmail", input.email, counted).catch((err: unknown) => ctx.logger.error("could not refund a login attempt", errorFields(err)));
      // Rotation: whatever session this browser had is replaced by a new one.
      const previous = readSessionCookie(c);
      if (previous) await deleteSessionByToken(ctx, previous);
      writeSessionCookie(c, result.sessionToken, result.expiresAt);
      return c.json({ user: result.user, tenants: result.tenants }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/logout",
      tags: ["Auth"],
      summary: "End the current session",
      middleware: [authenticate],
      responses: { 204: { description: "Logged out" }, ...problems(403) },
    }),
    async (c) => {
      const token = readSessionCookie(c);
      if (token) await endSession(c.get("ctx"), token);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/switch-tenant",
      tags: ["Auth"],
      summary: "Make another of your tenants the session's current one",
      middleware: [authenticate, requireAuth],
      request: jsonBody(z.object({ tenantId: z.string().min(1).max(64) })),
      responses: { 200: json(SessionResponse, "Switched"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const auth = c.get("auth")!;
      if (auth.via !== "session") throw new AppError("bad_request", "API keys are bound to one tenant; switching needs a session");
      const ctx = c.get("ctx");
      const { tenantId } = c.req.valid("json");
      const role = await membershipRole(ctx, auth.userId!, tenantId);
      if (!role) throw notFound("Tenant");
      await setSessionTenant(ctx, auth.sessionId!, tenantId);
      const [user, tenant] = await Promise.all([getUser(ctx, auth.userId!), getTenant(ctx, tenantId)]);
      return c.json({ user: user!, tenant: tenant!, role }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/tenants",
      tags: ["Auth"],
      summary: "Create another tenant owned by you; it becomes the current one",
      middleware: [authenticate, requireAuth],
      request: jsonBody(tenantInput),
      responses: { 201: json(TenantWithRoleSchema, "Created"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const auth = c.get("auth")!;
      if (auth.via !== "session") throw new AppError("bad_request", "Creating tenants needs a signed-in user");
      const ctx = c.get("ctx");
      const tenant = await createTenant(ctx, auth.userId!, c.req.valid("json"));
      await setSessionTenant(ctx, auth.sessionId!, tenant.id);
      return c.json(tenant, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/invitations/lookup",
      security: [],
      tags: ["Team"],
      summary: "What an invitation link offers, before accepting it",
      request: { query: z.object({ token: z.string().min(10).max(200) }) },
      responses: {
        200: json(
          z.object({ email: z.string(), role: RoleSchema, tenant: z.object({ id: z.string(), name: z.string() }), accountExists: z.boolean(), expiresAt: z.string() }),
          "The invitation",
        ),
        ...problems(400, 404, 410),
      },
    }),
    async (c) => c.json(await lookupInvitation(c.get("ctx"), c.req.valid("query").token), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/invitations/accept",
      security: [],
      tags: ["Team"],
      summary: "Accept an invitation (creating the account if needed); starts a session",
      middleware: [rejectForeignOrigin, authenticate],
      request: jsonBody(acceptInvitationInput),
      responses: { 200: json(SessionResponse, "Joined the tenant"), ...problems(400, 401, 403, 404, 410) },
    }),
    async (c) => {
      const auth = c.get("auth");
      const result = await acceptInvitation(c.get("ctx"), c.req.valid("json"), auth?.via === "session" ? auth.userId : null);
      writeSessionCookie(c, result.sessionToken, result.expiresAt);
      return c.json({ user: result.user, tenant: result.tenant, role: result.role }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags: ["Auth"],
      summary: "The caller, their current tenant and role, and all their tenants",
      middleware: [authenticate, requireTenant()],
      responses: {
        200: json(
          z.object({
            user: UserSchema,
            tenant: TenantSchema,
            role: RoleSchema,
            tenants: z.array(TenantWithRoleSchema),
            via: z.enum(["session", "api_key"]),
          }),
          "Who you are",
        ),
        ...problems(401, 403),
      },
    }),
    async (c) => {
      const t = c.get("tenantCtx");
      const auth = c.get("auth")!;
      const [user, tenant, all] = await Promise.all([
        t.userId ? getUser(t, t.userId) : null,
        getTenant(t, t.tenantId),
        auth.via === "session" ? listUserTenants(t, t.userId!) : Promise.resolve(null),
      ]);
      if (!user || !tenant) throw new AppError("unauthorized", "This account no longer exists");
      return c.json({ user, tenant, role: t.role, tenants: all ?? [{ ...tenant, role: t.role }], via: auth.via }, 200);
    },
  );
