// Flood guard for the provider webhooks. Signed deliveries never wait on it:
// only requests that fail (unknown channel, bad or missing signature) are
// counted, with the Workers rate-limiting binding (WEBHOOK_FLOOD) keyed by the
// client address — and by channel when the channel exists, so one channel with
// a wrong secret cannot lock the provider's addresses out of every other
// channel. Once a key is over its limit, this isolate refuses that address's
// webhook requests with 429 before any D1 read or HMAC, until the window ends.
import type { MiddlewareHandler } from "hono";
import { errorFields } from "../lib/logger";
import { problemResponse } from "./problem";
import { clientIp } from "./rate-limit";
import type { AppEnv } from "./types";

/** Matches the binding's period in wrangler.toml. */
const BLOCK_MS = 60_000;
const MAX_BLOCKED = 10_000;
const blocked = new Map<string, number>();

function isBlocked(key: string, now: number): boolean {
  const until = blocked.get(key);
  if (until === undefined) return false;
  if (until > now) return true;
  blocked.delete(key);
  return false;
}

function block(key: string, now: number): void {
  if (blocked.size >= MAX_BLOCKED) blocked.delete(blocked.keys().next().value!);
  blocked.set(key, now + BLOCK_MS);
}

const refused = (requestId: string) =>
  problemResponse("rate_limited", "Too many webhook requests that failed verification from this address", {
    requestId,
    headers: { "Retry-After": String(BLOCK_MS / 1000) },
  });

const CHANNEL_PATH = /^\/webhooks\/(?:meta|waha)\/([^/]+)$/;

/** Statuses that mean "not a genuine delivery for a channel we serve". */
const FAILED = new Set([401, 404]);

export function webhookFloodGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const ip = clientIp(c);
    const channelId = CHANNEL_PATH.exec(c.req.path)?.[1];
    const now = Date.now();
    if (isBlocked(ip, now) || (channelId && isBlocked(`${ip}|${channelId}`, now))) {
      c.res = refused(c.get("requestId"));
      return;
    }
    await next();
    if (!FAILED.has(c.res.status) || !c.env.WEBHOOK_FLOOD) return;
    // Unknown channel: count the address; known channel, bad signature: the address on that channel.
    const key = c.res.status === 404 || !channelId ? ip : `${ip}|${channelId}`;
    try {
      const { success } = await c.env.WEBHOOK_FLOOD.limit({ key });
      if (!success) {
        block(key, Date.now());
        c.res = refused(c.get("requestId"));
      }
    } catch (err) {
      // The guard fails open: a limiter hiccup must not refuse genuine traffic.
      c.get("ctx").logger.error("webhook flood guard unavailable", errorFields(err));
    }
  };
}
