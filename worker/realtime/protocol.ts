// What travels between publishers, the RealtimeDO and dashboard sockets.
//
// Frames sent to a client (JSON text):
//   { type: "events", events: [{ cursor, id, type, timestamp, data }] }   live, and the catch-up
//   { type: "ready", cursor, replayed }   after connecting: everything up to `cursor` was sent
//   { type: "reset", cursor, reason }     the cursor asked for is unknown or too old: refetch
//                                         over the REST API, then follow live events from `cursor`
//   { type: "pong" } / { type: "error", detail }
// A client keeps the last cursor it saw and reconnects with ?since=<cursor>.
import { z } from "zod";

/**
 * Event types only the dashboard receives. They are not webhook events (the
 * public catalogue is EVENT_TYPES in worker/events/emit.ts): they carry inbox
 * state that integrators read through the API instead.
 */
export const REALTIME_ONLY_TYPES = ["conversation.updated", "conversation.note_created"] as const;
export type RealtimeOnlyType = (typeof REALTIME_ONLY_TYPES)[number];

/** One event as publishers hand it over (public envelopes and realtime-only events alike). */
export const realtimeEventSchema = z.object({
  id: z.string().min(1).max(64),
  type: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/),
  timestamp: z.string().min(1).max(40),
  data: z.record(z.string(), z.unknown()),
});
export type RealtimeEvent = z.infer<typeof realtimeEventSchema>;

export const publishInputSchema = z.array(realtimeEventSchema).max(1000);

/** An event as clients receive it: with its position in the tenant's log. */
export interface LoggedEvent extends RealtimeEvent {
  cursor: number;
}

export type ServerFrame =
  | { type: "events"; events: LoggedEvent[] }
  | { type: "ready"; cursor: number; replayed: number }
  | { type: "reset"; cursor: number; reason: "cursor_too_old" | "unknown_cursor" }
  | { type: "pong" }
  | { type: "error"; detail: string };

/** Who a socket belongs to; set by the worker after authenticating the upgrade. */
export const connectionSchema = z.object({
  tenantId: z.string().min(1).max(64),
  actorType: z.enum(["user", "api_key"]),
  actorId: z.string().min(1).max(64),
  userId: z.string().min(1).max(64).nullable(),
  /** The session behind a dashboard socket (closed when that session logs out); null for API keys. */
  sessionId: z.string().min(1).max(64).nullable().default(null),
  /** When the session behind the socket expires (ms); null for API keys. */
  expiresAt: z.number().int().nullable(),
  since: z.number().int().min(0).nullable(),
});
export type Connection = z.infer<typeof connectionSchema>;

/** The internal header the worker passes the authenticated connection in. */
export const CONNECTION_HEADER = "x-parley-realtime-connection";
