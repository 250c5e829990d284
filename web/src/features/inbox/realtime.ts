// The inbox's live feed: a WebSocket to /api/realtime that refreshes the
// affected queries. It reconnects with ?since=<cursor> to catch up; while it
// is down the inbox polls instead (see `pollMs`).
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { bookingsKey } from "../bookings/api/types";
import { contactsKey } from "../contacts/api/types";
import { conversationsKey } from "../conversations/api/types";

export type LiveStatus = "connecting" | "live" | "offline";

interface LiveEvent {
  cursor: number;
  type: string;
  data: Record<string, unknown>;
}

type Frame =
  | { type: "events"; events: LiveEvent[] }
  | { type: "ready"; cursor: number }
  | { type: "reset"; cursor: number }
  | { type: "pong" | "error" };

const PING_MS = 25_000;
const MAX_BACKOFF_MS = 30_000;
/** Close codes after which reconnecting cannot help: session expired, access revoked. */
const FINAL_CODES = new Set([4001, 4003]);

function refreshFor(qc: QueryClient, events: LiveEvent[]) {
  let contacts = false;
  let messages = false;
  let bookings = false;
  for (const e of events) {
    if (e.type.startsWith("contact.")) contacts = true;
    if (e.type.startsWith("message.")) messages = true;
    if (e.type.startsWith("booking.")) bookings = true;
  }
  // Messages, statuses, assignments and notes all live under the conversations key;
  // only queries on screen refetch.
  void qc.invalidateQueries({ queryKey: conversationsKey });
  if (contacts) void qc.invalidateQueries({ queryKey: contactsKey });
  // A customer's message may answer a qualification question without changing the score.
  else if (messages) void qc.invalidateQueries({ queryKey: [...contactsKey, "qualification"] });
  if (bookings) void qc.invalidateQueries({ queryKey: bookingsKey });
}

export function useRealtime(): LiveStatus {
  const qc = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");

  useEffect(() => {
    let socket: WebSocket | null = null;
    let cursor: number | null = null;
    let attempt = 0;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let pingTimer: ReturnType<typeof setInterval> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let pending: LiveEvent[] = [];

    const flush = () => {
      flushTimer = undefined;
      const batch = pending;
      pending = [];
      if (batch.length) refreshFor(qc, batch);
    };

    function connect() {
      if (stopped) return;
      if (typeof WebSocket === "undefined") return setStatus("offline");
      const proto = window.location.protocol === "https:" ? "wss:" : "ws:";
      const url = `${proto}//${window.location.host}/api/realtime${cursor !== null ? `?since=${cursor}` : ""}`;
      try {
        socket = new WebSocket(url);
      } catch {
        return scheduleRetry();
      }
      socket.onmessage = (msg) => {
        let frame: Frame;
        try {
          frame = JSON.parse(String(msg.data)) as Frame;
        } catch {
          return;
        }
        if (frame.type === "events") {
          for (const e of frame.events) cursor = Math.max(cursor ?? 0, e.cursor);
          pending.push(...frame.events);
          // Bursts (a catch-up, a busy minute) become one refresh.
          flushTimer ??= setTimeout(flush, 150);
        } else if (frame.type === "ready") {
          cursor = frame.cursor;
          attempt = 0;
          setStatus("live");
        } else if (frame.type === "reset") {
          // What we missed is gone from the log: refetch everything, then follow live.
          cursor = frame.cursor;
          void qc.invalidateQueries({ queryKey: conversationsKey });
        }
      };
      socket.onopen = () => {
        pingTimer = setInterval(() => socket?.readyState === WebSocket.OPEN && socket.send("ping"), PING_MS);
      };
      socket.onclose = (e) => {
        clearInterval(pingTimer);
        socket = null;
        if (stopped) return;
        setStatus("offline");
        if (FINAL_CODES.has(e.code)) {
          // The next REST call answers 401 and the query client sends the person to log in.
          void qc.invalidateQueries({ queryKey: ["me"] });
          return;
        }
        scheduleRetry();
      };
    }

    function scheduleRetry() {
      if (stopped) return;
      setStatus("offline");
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      attempt++;
      retryTimer = setTimeout(connect, delay);
    }

    const onOnline = () => {
      if (!socket) {
        clearTimeout(retryTimer);
        attempt = 0;
        connect();
      }
    };
    window.addEventListener("online", onOnline);
    connect();
    return () => {
      stopped = true;
      window.removeEventListener("online", onOnline);
      clearTimeout(retryTimer);
      clearTimeout(flushTimer);
      clearInterval(pingTimer);
      socket?.close(1000);
    };
  }, [qc]);

  return status;
}

/** Poll while the live feed is down, so the inbox never goes stale silently. */
export const pollMs = (status: LiveStatus): number | false => (status === "live" ? false : 10_000);
