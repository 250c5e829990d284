// Provider webhooks. Thin: read the raw bytes once (counted while streaming),
// hand them to ingress. The flood guard only counts requests that fail.
import { Hono, type Context } from "hono";
import { MAX_BODY_BYTES } from "../http/limits";
import { readBodyWithin } from "../http/body-limit";
import { webhookFloodGuard } from "../http/flood-guard";
import type { AppEnv } from "../http/types";
import { acceptMetaWebhook, acceptSharedMetaWebhook, acceptWahaWebhook, metaHandshake } from "../inbound/ingress";

const rawBody = (c: Context<AppEnv>): Promise<ArrayBuffer> => readBodyWithin(c.req.raw, MAX_BODY_BYTES);

const header = (c: Context<AppEnv>) => (name: string) => c.req.header(name);
const query = (c: Context<AppEnv>) => (name: string) => c.req.query(name);

// Meta retries anything but exactly 200.
const accepted = (c: Context<AppEnv>) => c.json({ received: true }, 200);

export const webhookRoutes = new Hono<AppEnv>()
  .use("*", webhookFloodGuard())
  .get("/meta", async (c) => c.text(await metaHandshake(c.get("ctx"), null, query(c)), 200))
  .post("/meta", async (c) => {
    await acceptSharedMetaWebhook(c.get("ctx"), await rawBody(c), header(c));
    return accepted(c);
  })
  .get("/meta/:channelId", async (c) => c.text(await metaHandshake(c.get("ctx"), c.req.param("channelId"), query(c)), 200))
  .post("/meta/:channelId", async (c) => {
    await acceptMetaWebhook(c.get("ctx"), c.req.param("channelId"), await rawBody(c), header(c));
    return accepted(c);
  })
  .post("/waha/:channelId", async (c) => {
    await acceptWahaWebhook(c.get("ctx"), c.req.param("channelId"), await rawBody(c), header(c));
    return accepted(c);
  });
