// Local stand-ins for the outside world of the reliability run (scripts/load.mjs),
// all on 127.0.0.1: a Meta Graph API that accepts sends and answers a share of
// faults, and a webhook subscriber that is down for a stretch.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });

const listen = (server) =>
  new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server.address().port));
  });

const close = (server) =>
  new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });

/** A small seeded PRNG (mulberry32), so a run's fault pattern is reproducible from its seed. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The fake Graph API. `POST /{phoneNumberId}/messages` accepts a send (records it
 * with the provider id it answers) or answers a fault: HTTP 500, Graph error
 * 130429 (throughput) or a hang past the client's timeout (nothing accepted).
 * The first sends go through every fault once, so even a short run sees each.
 * `GET /{phoneNumberId}` and `GET /{wabaId}/phone_numbers` answer the number's
 * details to its owner's token only (proof that the token owns the number).
 *
 * `onAccepted(send)` runs before the answer is returned (the run posts a
 * `sent` status from there for a share of sends, so it arrives before Parley
 * stores the send result).
 */
export async function startFakeGraph({ rates, seed = 1, hangMs = 20_000, numbers = new Map(), onAccepted = async () => {} }) {
  const random = prng(seed);
  const accepted = []; // { seq, providerMessageId, phoneNumberId, to, type, text, key, at }
  const counts = { requests: 0, accepted: 0, http500: 0, throttled130429: 0, timeouts: 0, readReceipts: 0, rejectedAuth: 0, lookups: 0 };
  const forced = ["500", "130429", "timeout"];
  const hanging = new Set();
  let seq = 0;

  const pick = () => {
    if (forced.length) return forced.shift();
    const r = random();
    if (r < rates.http500) return "500";
    if (r < rates.http500 + rates.throttled) return "130429";
    if (r < rates.http500 + rates.throttled + rates.timeout) return "timeout";
    return "ok";
  };

  const server = createServer(async (req, res) => {
    const body = await readBody(req).catch(() => Buffer.alloc(0));
    const send = (status, obj) => {
      if (res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(obj));
    };
    const path = new URL(req.url, "http://x").pathname.replace(/^\/v\d+\.\d+/, "");
    const parts = path.split("/").filter(Boolean);
    const token = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    // GET /{wabaId}/phone_numbers lists the business account's numbers to its owner's token.
    const owned = [...numbers.entries()].filter(([, n]) => n.wabaId === parts[0] && n.accessToken === token);
    if (req.method === "GET" && parts[1] === "phone_numbers" && owned.length) {
      counts.lookups++;
      return send(200, { data: owned.map(([id, n]) => ({ id, display_phone_number: n.display, verified_name: n.name, quality_rating: "GREEN" })) });
    }
    const number = numbers.get(parts[0]);
    if (!number || token !== number.accessToken) {
      counts.rejectedAuth++;
      return send(401, { error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190 } });
    }
    if (req.method === "GET" && parts.length === 1) {
      counts.lookups++;
      return send(200, { id: parts[0], display_phone_number: number.display, verified_name: number.name, quality_rating: "GREEN" });
    }
    if (req.method !== "POST" || parts[1] !== "messages") return send(404, { error: { message: "Unknown path", code: 100 } });
    counts.requests++;
    let msg;
    try {
      msg = JSON.parse(body.toString("utf8"));
    } catch {
      return send(400, { error: { message: "(#100) Invalid parameter", code: 100 } });
    }
    if (msg.status === "read") {
      counts.readReceipts++;
      return send(200, { success: true });
    }
    const fault = pick();
    if (fault === "500") {
      counts.http500++;
      return send(500, { error: { message: "An unknown error occurred", type: "OAuthException", code: 1, is_transient: true } });
    }
    if (fault === "130429") {
      counts.throttled130429++;
      return send(400, { error: { message: "(#130429) Rate limit hit", type: "OAuthException", code: 130429 } });
    }
    if (fault === "timeout") {
      counts.timeouts++;
      // Hang past the client's timeout, then drop the connection: nothing was accepted.
      const timer = setTimeout(() => res.destroy(), hangMs);
      hanging.add(timer);
      res.on("close", () => {
        clearTimeout(timer);
        hanging.delete(timer);
      });
      return;
    }
    const providerMessageId = `wamid.LOAD${String(++seq).padStart(8, "0")}`;
    const text = msg.text?.body ?? null;
    const record = {
      seq,
      providerMessageId,
      phoneNumberId: parts[0],
      to: String(msg.to ?? "").replace(/\D/g, ""),
      type: msg.type,
      text,
      template: msg.template?.name ?? null,
      // Meta echoes this in every status webhook of the message.
      callbackData: typeof msg.biz_opaque_callback_data === "string" ? msg.biz_opaque_callback_data : null,
      // What makes two sends the same message: who, to whom, what.
      key: `${parts[0]}|${String(msg.to ?? "").replace(/\D/g, "")}|${msg.type}|${text ?? JSON.stringify(msg.template ?? msg[msg.type] ?? null)}`,
      at: Date.now(),
    };
    accepted.push(record);
    counts.accepted++;
    try {
      await onAccepted(record);
    } catch {
      /* the status is best effort; the send stays accepted */
    }
    send(200, { messaging_product: "whatsapp", contacts: [{ input: msg.to, wa_id: msg.to }], messages: [{ id: providerMessageId }] });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/v21.0`,
    accepted,
    counts,
    stop: async () => {
      for (const t of hanging) clearTimeout(t);
      await close(server);
    },
  };
}

/**
 * A webhook subscriber: verifies the Standard Webhooks signature with the
 * endpoint's secret and records each event once by its `webhook-id` (redeliveries
 * counted apart). While `down()` is true it answers 503 (every other request)
 * or drops the connection.
 */
export async function startFakeSubscriber({ secrets, down }) {
  const events = new Map(); // webhook-id → { type, data, tenant }
  const counts = { requests: 0, ok: 0, refused503: 0, dropped: 0, redeliveries: 0, badSignature: 0 };
  let flip = 0;
  const verify = (secret, id, ts, body, header) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
    const expected = createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest();
    return (header ?? "").split(" ").some((part) => {
      const [v, sig] = part.split(",");
      if (v !== "v1" || !sig) return false;
      const got = Buffer.from(sig, "base64");
      return got.length === expected.length && timingSafeEqual(got, expected);
    });
  };
  const server = createServer(async (req, res) => {
    const body = (await readBody(req).catch(() => Buffer.alloc(0))).toString("utf8");
    counts.requests++;
    if (down()) {
      if (flip++ % 2) {
        counts.dropped++;
        return res.destroy();
      }
      counts.refused503++;
      res.writeHead(503, { "retry-after": "1" });
      return res.end("down for maintenance");
    }
    const tenant = new URL(req.url, "http://x").pathname.split("/").filter(Boolean)[0];
    const secret = secrets.get(tenant);
    const id = req.headers["webhook-id"];
    if (!secret || !verify(secret, id, req.headers["webhook-timestamp"], body, req.headers["webhook-signature"])) {
      counts.badSignature++;
      res.writeHead(400);
      return res.end("bad signature");
    }
    if (events.has(id)) counts.redeliveries++;
    else {
      const parsed = JSON.parse(body);
      events.set(id, { type: parsed.type, data: parsed.data, tenant });
    }
    counts.ok++;
    res.writeHead(204);
    res.end();
  });
  const port = await listen(server);
  return { url: (tenant) => `http://127.0.0.1:${port}/${tenant}`, events, counts, stop: () => close(server) };
}
