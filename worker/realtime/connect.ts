// Opening a dashboard socket: the worker has authenticated the upgrade and
// resolved the tenant; the tenant's RealtimeDO accepts it.
import { eq } from "drizzle-orm";
import { sessions } from "../db/schema";
import type { AuthInfo } from "../http/types";
import type { TenantCtx } from "../lib/context";
import { CONNECTION_HEADER, type Connection } from "./protocol";
import { realtimeStub } from "./publish";

export async function openRealtime(ctx: TenantCtx, auth: AuthInfo, since: number | null): Promise<Response> {
  let expiresAt: number | null = null;
  if (auth.via === "session" && auth.sessionId) {
    // The socket closes when the session would have; the client reconnects and authenticates again.
    const row = await ctx.db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.id, auth.sessionId)).get();
    expiresAt = row?.expiresAt ?? ctx.now();
  }
  const connection: Connection = {
    tenantId: ctx.tenantId,
    actorType: auth.actor.type === "api_key" ? "api_key" : "user",
    actorId: auth.actor.id ?? "unknown",
    userId: auth.userId,
    sessionId: auth.via === "session" ? auth.sessionId : null,
    expiresAt,
    since,
  };
  // A fresh request: nothing the client sent (cookies, headers) reaches the object.
  return realtimeStub(ctx.env, ctx.tenantId).fetch(
    new Request("https://realtime.internal/connect", { headers: { upgrade: "websocket", [CONNECTION_HEADER]: JSON.stringify(connection) } }),
  );
}
