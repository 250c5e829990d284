// GET /api/realtime: the dashboard's live feed over a WebSocket. A plain Hono
// route (an upgrade has no JSON response), documented by hand below.
import { z } from "@hono/zod-openapi";
import { authenticate, originAllowed, requireTenant } from "../http/auth";
import { AppError, fieldError, forbidden } from "../http/errors";
import { AUTHED, createRouter, problems } from "../http/openapi";
import { openRealtime } from "../realtime/connect";

const sinceQuery = z.object({
  since: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe("The last cursor the client saw: the events after it are sent first, then live ones"),
});

export const realtimeRoutes = createRouter();

realtimeRoutes.openAPIRegistry.registerPath({
  method: "get",
  path: "/realtime",
  tags: ["Realtime"],
  summary: "Live inbox updates over a WebSocket (message, conversation and contact changes)",
  description: [
    "Upgrade with `Upgrade: websocket`, authenticated by the session cookie (the Origin must be this site) or an API key.",
    "The server sends JSON text frames: `{type:\"events\", events:[{cursor,id,type,timestamp,data}]}`, then",
    "`{type:\"ready\", cursor, replayed}` once the catch-up is done. Reconnect with `?since=<last cursor>` to get what you missed.",
    "`{type:\"reset\", cursor, reason}` means the cursor is too old or unknown: refetch over the REST API and carry on from `cursor`.",
    "Event types are the webhook events plus the dashboard-only `conversation.updated` (assignment, status, mode, read) and",
    "`conversation.note_created`. Send `ping` to get `pong`. Close code 4001: the session expired; 4003: access revoked.",
  ].join(" "),
  request: { query: sinceQuery },
  responses: {
    101: { description: "Switching protocols: the socket is open" },
    ...problems(...AUTHED),
  },
});

realtimeRoutes.get("/realtime", authenticate, requireTenant(), async (c) => {
  const auth = c.get("auth")!;
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw new AppError("bad_request", "GET /api/realtime is a WebSocket endpoint: connect with Upgrade: websocket");
  }
  // Browsers send cookies on cross-site WebSocket handshakes: only this site's pages may use the session.
  if (auth.via === "session" && !originAllowed(c)) throw forbidden("Cross-site WebSocket refused: the Origin header does not match this site");
  const parsed = sinceQuery.safeParse(c.req.query());
  if (!parsed.success) throw fieldError("since", "must be a cursor (a whole number ≥ 0)");
  return openRealtime(c.get("tenantCtx"), auth, parsed.data.since ?? null);
});
