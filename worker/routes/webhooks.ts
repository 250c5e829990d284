// Provider webhooks. Thin: read the raw bytes once, hand them to ingress.
import { Hono, type Context } from "hono";
import { MAX_BODY_BYTES } from "../http/limits";
import { AppError } from "../http/errors";
import type { AppEnv } from "../http/types";
import { acceptMetaWebhook, acceptSharedMetaWebhook, acceptWahaWebhook, metaHandshake } from "../inbound/ingress";

async function rawBody(c: Context<AppEnv>): Promise<ArrayBuffer> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("payload_too_large", `Webhook bodies are limited to ${MAX_BODY_BYTES} bytes`);
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength > MAX_BODY_BYTES) throw new AppError("payload_too_large", `Webhook bodies are limited to ${MAX_BODY_BYTES} bytes`);
  return raw;
}

const header = (c: Context<AppEnv>) => (name: string) => c.req.header(name);
const query = (c: Context<AppEnv>) => (name: string) => c.req.query(name);

// Meta retries anything but exactly 200.
const accepted = (c: Context<AppEnv>) => c.json({ received: true }, 200);

export const webhookRoutes = new Hono<AppEnv>()
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
