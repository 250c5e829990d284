import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import { createInvitation, createInvitationInput, listInvitations, revokeInvitation } from "../tenancy/invitations";
import { listMembers, removeMember, updateMemberInput, updateMemberRole } from "../tenancy/members";
import { renameTenant, tenantInput } from "../tenancy/tenants";
import { RoleSchema, TenantSchema } from "./schemas";

const MemberSchema = z
  .object({ id: z.string(), userId: z.string(), email: z.string(), name: z.string().nullable(), role: RoleSchema, joinedAt: z.string() })
  .openapi("Member");
const InvitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: RoleSchema,
    createdAt: z.string(),
    expiresAt: z.string(),
    acceptedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("Invitation");
const CreatedInvitationSchema = InvitationSchema.extend({ token: z.string(), url: z.string() }).openapi("CreatedInvitation");

const member = () => [authenticate, requireTenant()];
const admin = () => [authenticate, requireTenant("owner", "admin")];

export const teamRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/members",
      tags: ["Team"],
      summary: "Members of the current tenant",
      middleware: member(),
      responses: { 200: json(listOf(MemberSchema), "Members, oldest first"), ...problems(...AUTHED) },
    }),
    async (c) => c.json({ data: await listMembers(c.get("tenantCtx")), nextCursor: null }, 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/members/{id}",
      tags: ["Team"],
      summary: "Change a member's role (by user id)",
      middleware: admin(),
      request: { params: IdParam, ...jsonBody(updateMemberInput) },
      responses: { 200: json(MemberSchema, "Updated"), ...problems(...AUTHED, 404, 409) },
    }),
    async (c) => c.json(await updateMemberRole(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/members/{id}",
      tags: ["Team"],
      summary: "Remove a member from the tenant (by user id)",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 204: { description: "Removed" }, ...problems(...AUTHED, 404, 409) },
    }),
    async (c) => {
      await removeMember(c.get("tenantCtx"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/invitations",
      tags: ["Team"],
      summary: "Invite someone by email; the link is returned once for you to share",
      middleware: admin(),
      request: jsonBody(createInvitationInput),
      responses: { 201: json(CreatedInvitationSchema, "Created"), ...problems(...AUTHED, 409) },
    }),
    async (c) => c.json(await createInvitation(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/invitations",
      tags: ["Team"],
      summary: "Pending invitations",
      middleware: admin(),
      request: { query: pageQuery },
      responses: { 200: json(listOf(InvitationSchema), "Pending invitations, newest first"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listInvitations(c.get("tenantCtx"), q), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/invitations/{id}",
      tags: ["Team"],
      summary: "Revoke a pending invitation",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 204: { description: "Revoked" }, ...problems(...AUTHED, 404, 409) },
    }),
    async (c) => {
      await revokeInvitation(c.get("tenantCtx"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/tenant",
      tags: ["Team"],
      summary: "Rename the current tenant",
      middleware: [authenticate, requireTenant("owner")],
      request: jsonBody(tenantInput),
      responses: { 200: json(TenantSchema, "Renamed"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await renameTenant(c.get("tenantCtx"), c.req.valid("json")), 200),
  );
