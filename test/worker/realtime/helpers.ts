// A dashboard socket for tests: opened through the worker's fetch with
// `Upgrade: websocket`, every frame recorded, waits expressed as outcomes.
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { LoggedEvent, ServerFrame } from "../../../worker/realtime/protocol";
import { ORIGIN } from "../helpers/api";
import { eventually } from "../helpers/wait";

export interface Socket {
  ws: WebSocket;
  frames: ServerFrame[];
  closed: { code: number; reason: string } | null;
  /** Every event received so far, in order. */
  events(): LoggedEvent[];
  /** Wait for a frame matching `pred` and return it. */
  frame<T extends ServerFrame["type"]>(type: T, pred?: (f: Extract<ServerFrame, { type: T }>) => boolean): Promise<Extract<ServerFrame, { type: T }>>;
  /** Wait for an event matching `pred` and return it. */
  event(pred: (e: LoggedEvent) => boolean, what?: string): Promise<LoggedEvent>;
  close(): void;
}

export async function openSocket(path: string, headers: Record<string, string>): Promise<Response> {
  return exports.default.fetch(new Request(ORIGIN + path, { headers: { upgrade: "websocket", ...headers } }));
}

export async function connect(path: string, headers: Record<string, string>): Promise<Socket> {
  const res = await openSocket(path, headers);
  if (res.status !== 101) expect.fail(`expected 101, got ${res.status}: ${await res.text()}`);
  const ws = res.webSocket!;
  const socket: Socket = {
    ws,
    frames: [],
    closed: null,
    events: () => socket.frames.flatMap((f) => (f.type === "events" ? f.events : [])),
    frame: (type, pred) =>
      eventually(
        async () => {
          const found = socket.frames.find((f) => f.type === type && (!pred || pred(f as never)));
          expect(found, `a ${type} frame`).toBeDefined();
          return found as never;
        },
        { what: `a ${type} frame` },
      ),
    event: (pred, what = "event") =>
      eventually(
        async () => {
          const found = socket.events().find(pred);
          expect(found, what).toBeDefined();
          return found!;
        },
        { what },
      ),
    close: () => ws.close(1000, "test done"),
  };
  ws.addEventListener("message", (e) => {
    // "pong" (the auto-response to "ping") is the one frame that is not JSON.
    if (typeof e.data === "string" && e.data.startsWith("{")) socket.frames.push(JSON.parse(e.data) as ServerFrame);
  });
  ws.addEventListener("close", (e) => {
    socket.closed = { code: e.code, reason: e.reason };
  });
  ws.accept();
  return socket;
}

/** The dashboard's way in: the session cookie with this site's Origin. */
export const cookieHeaders = (cookie: string) => ({ cookie, origin: ORIGIN });

export const realtimeOf = (tenantId: string) => env.REALTIME.getByName(tenantId);

/** The tenant's event log after a cursor, as a reconnecting client would receive it. */
export async function loggedSince(tenantId: string, since: number): Promise<LoggedEvent[]> {
  // RPC typing cannot express `unknown` payloads; the values are plain JSON.
  return (await realtimeOf(tenantId).eventsSince(since)) as unknown as LoggedEvent[];
}
