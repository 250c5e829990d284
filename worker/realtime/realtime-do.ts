// One Durable Object per tenant: the dashboard's live feed. Publishers append
// events to a bounded SQLite log with a monotonically increasing cursor and the
// object broadcasts them to the tenant's sockets. Sockets use the hibernation
// API, so an idle inbox costs nothing; a client that reconnects with
// ?since=<cursor> is sent what it missed before any live event.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { createLogger } from "../lib/logger";
import {
  CONNECTION_HEADER,
  connectionSchema,
  publishInputSchema,
  type Connection,
  type LoggedEvent,
  type RealtimeEvent,
  type ServerFrame,
} from "./protocol";

/** How much history a reconnecting client can catch up on: the last N events, none older than the age. */
export const LOG_MAX_EVENTS = 1000;
export const LOG_MAX_AGE_MS = 24 * 3600_000;
/** Events per frame when catching up (one frame per publish when live). */
export const CATCH_UP_FRAME_SIZE = 100;

/** Close codes: 4001 the session behind the socket expired, 4003 access was revoked. Clients reconnect (and re-authenticate). */
export const CLOSE_SESSION_EXPIRED = 4001;
export const CLOSE_REVOKED = 4003;

interface Attachment {
  actorType: Connection["actorType"];
  actorId: string;
  userId: string | null;
  expiresAt: number | null;
  connectedAt: number;
}

interface EventRow extends Record<string, SqlStorageValue> {
  cursor: number;
  event_id: string;
  type: string;
  at: number;
  body: string;
}

const logger = createLogger({ component: "RealtimeDO" });

export class RealtimeDO extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS events (
        cursor INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS log_state (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      );
    `);
    // Answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  /** Accepts a WebSocket upgrade the worker has already authenticated. Not reachable from outside. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("expected a WebSocket upgrade", { status: 426 });
    }
    let connection: Connection;
    try {
      connection = connectionSchema.parse(JSON.parse(request.headers.get(CONNECTION_HEADER) ?? "null"));
    } catch {
      return new Response("invalid connection", { status: 400 });
    }
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    const tags = [`actor:${connection.actorId}`];
    if (connection.userId) tags.push(`user:${connection.userId}`);
    if (connection.sessionId) tags.push(`session:${connection.sessionId}`);
    this.ctx.acceptWebSocket(server, tags);
    const attachment: Attachment = {
      actorType: connection.actorType,
      actorId: connection.actorId,
      userId: connection.userId,
      expiresAt: connection.expiresAt,
      connectedAt: Date.now(),
    };
    server.serializeAttachment(attachment);
    // Synchronous from here to the return: no publish can slip in between the
    // catch-up and the first live frame.
    for (const frame of this.catchUp(connection.since)) server.send(JSON.stringify(frame));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Append events to the log and send them to every connected socket. Returns the latest cursor. */
  async publish(raw: RealtimeEvent[]): Promise<{ cursor: number }> {
    // RPC input crosses a boundary: check it even though callers are typed.
    const events = publishInputSchema.parse(raw);
    const sql = this.ctx.storage.sql;
    const now = Date.now();
    let cursor = this.latestCursor();
    const logged: LoggedEvent[] = [];
    for (const e of events) {
      // A publisher that retries sends the same event id: log and deliver it once.
      const exists = sql.exec("SELECT 1 FROM events WHERE event_id = ?", e.id).toArray().length > 0;
      if (exists) continue;
      cursor += 1;
      sql.exec("INSERT INTO events (cursor, event_id, type, at, body) VALUES (?, ?, ?, ?, ?)", cursor, e.id, e.type, now, JSON.stringify(e));
      logged.push({ cursor, ...e });
    }
    if (logged.length === 0) return { cursor };
    this.setState("latest_cursor", cursor);
    this.prune(now, cursor);
    this.broadcast({ type: "events", events: logged }, now);
    return { cursor };
  }

  /** Close the sockets of a user (removed from the team), of an actor (a revoked API key) or of a session (logged out). */
  async disconnect(filter: { userId?: string; actorId?: string; sessionId?: string }): Promise<number> {
    const tag = filter.userId ? `user:${filter.userId}` : filter.actorId ? `actor:${filter.actorId}` : filter.sessionId ? `session:${filter.sessionId}` : null;
    if (!tag) return 0;
    const sockets = this.ctx.getWebSockets(tag);
    for (const ws of sockets) closeQuietly(ws, CLOSE_REVOKED, "access revoked");
    return sockets.length;
  }

  /** Data erasure: drop every logged event that mentions any of these strings (ids, numbers, emails). */
  async redact(needles: string[]): Promise<number> {
    const list = needles.filter((n) => n.length >= 3).slice(0, 200);
    if (!list.length) return 0;
    const sql = this.ctx.storage.sql;
    let removed = 0;
    for (const n of list) removed += sql.exec("DELETE FROM events WHERE instr(body, ?) > 0", n).rowsWritten;
    return removed;
  }

  /** Workspace deletion: close every socket and drop the whole log. */
  async forget(): Promise<number> {
    for (const ws of this.ctx.getWebSockets()) closeQuietly(ws, CLOSE_REVOKED, "workspace deleted");
    return this.ctx.storage.sql.exec("DELETE FROM events").rowsWritten;
  }

  /** The log since a cursor, as a reconnecting client would get it (for diagnostics and tests). */
  async eventsSince(since: number): Promise<LoggedEvent[]> {
    return this.rowsAfter(since);
  }

  /** Cheap liveness probe for the health check. */
  async ping(): Promise<"pong"> {
    return "pong";
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Plain "ping" is answered by the auto-response; accept a JSON ping too.
    if (typeof message === "string") {
      try {
        const parsed = JSON.parse(message) as { type?: unknown };
        if (parsed && parsed.type === "ping") return sendQuietly(ws, { type: "pong" });
      } catch {
        // Not JSON: fall through to the error frame.
      }
    }
    sendQuietly(ws, { type: "error", detail: "This socket only sends; clients may send \"ping\"" });
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // Complete the closing handshake. 1005/1006 are reserved and cannot be sent back.
    closeQuietly(ws, code === 1005 || code === 1006 ? 1000 : code, reason);
  }

  override async webSocketError(_ws: WebSocket, error: unknown): Promise<void> {
    logger.warn("realtime socket error", { error: String(error) });
  }

  private catchUp(since: number | null): ServerFrame[] {
    const latest = this.latestCursor();
    if (since === null) return [{ type: "ready", cursor: latest, replayed: 0 }];
    if (since > latest) return [{ type: "reset", cursor: latest, reason: "unknown_cursor" }];
    // Everything after prunedThrough is still in the log; a cursor before it has a hole.
    if (since < this.getState("pruned_through")) return [{ type: "reset", cursor: latest, reason: "cursor_too_old" }];
    const missed = this.rowsAfter(since);
    const frames: ServerFrame[] = [];
    for (let i = 0; i < missed.length; i += CATCH_UP_FRAME_SIZE) {
      frames.push({ type: "events", events: missed.slice(i, i + CATCH_UP_FRAME_SIZE) });
    }
    frames.push({ type: "ready", cursor: latest, replayed: missed.length });
    return frames;
  }

  private rowsAfter(since: number): LoggedEvent[] {
    return this.ctx.storage.sql
      .exec<EventRow>("SELECT cursor, event_id, type, at, body FROM events WHERE cursor > ? ORDER BY cursor", since)
      .toArray()
      .map((r) => ({ cursor: r.cursor, ...(JSON.parse(r.body) as RealtimeEvent) }));
  }

  /**
   * Drops events past LOG_MAX_EVENTS or older than LOG_MAX_AGE_MS. Events are
   * logged in cursor order with the time of logging, so the old ones are the
   * log's head: the check reads the oldest row only, and the age cut scans
   * just when that row has expired.
   */
  private prune(now: number, latest: number): void {
    const sql = this.ctx.storage.sql;
    const oldest = sql.exec<{ cursor: number; at: number }>("SELECT cursor, at FROM events ORDER BY cursor LIMIT 1").toArray()[0];
    if (!oldest) return;
    let through = latest - LOG_MAX_EVENTS >= oldest.cursor ? latest - LOG_MAX_EVENTS : null;
    if (oldest.at < now - LOG_MAX_AGE_MS) {
      const aged = sql.exec<{ c: number | null }>("SELECT max(cursor) AS c FROM events WHERE at < ?", now - LOG_MAX_AGE_MS).one().c;
      if (aged != null && (through == null || aged > through)) through = aged;
    }
    if (through == null) return;
    sql.exec("DELETE FROM events WHERE cursor <= ?", through);
    this.setState("pruned_through", through);
  }

  private broadcast(frame: ServerFrame, now: number): void {
    const text = JSON.stringify(frame);
    for (const ws of this.ctx.getWebSockets()) {
      const att = ws.deserializeAttachment() as Attachment | null;
      if (att?.expiresAt != null && att.expiresAt <= now) {
        closeQuietly(ws, CLOSE_SESSION_EXPIRED, "session expired");
        continue;
      }
      try {
        ws.send(text);
      } catch (err) {
        // A socket that is closing: its close event will clean it up.
        logger.warn("realtime send failed", { error: String(err) });
      }
    }
  }

  private latestCursor(): number {
    return this.getState("latest_cursor");
  }

  private getState(key: "latest_cursor" | "pruned_through"): number {
    const row = this.ctx.storage.sql.exec<{ value: number }>("SELECT value FROM log_state WHERE key = ?", key).toArray()[0];
    return row?.value ?? 0;
  }

  private setState(key: "latest_cursor" | "pruned_through", value: number): void {
    this.ctx.storage.sql.exec("INSERT INTO log_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
  }
}

function sendQuietly(ws: WebSocket, frame: ServerFrame): void {
  try {
    ws.send(JSON.stringify(frame));
  } catch {
    // The socket is already closing.
  }
}

function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason);
  } catch {
    // Already closed.
  }
}
