// Connecting channels and signing provider deliveries the way Meta and WAHA do.
import { expect } from "vitest";
import { hmac } from "../../../worker/lib/crypto";
import { toHex, utf8 } from "../../../worker/lib/encoding";
import { request, type ApiResponse } from "./api";
import type { TenantOwner } from "./tenants";
import metaText from "../../fixtures/meta/text.json";

export interface MetaChannel {
  id: string;
  phoneNumberId: string;
  appSecret: string;
  accessToken: string;
  verifyToken: string;
  webhookUrl: string;
}

const digits = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => String(b % 10)).join("");

export async function connectMeta(owner: TenantOwner): Promise<MetaChannel> {
  const phoneNumberId = "1" + digits(14);
  const appSecret = "app-secret-" + crypto.randomUUID();
  const accessToken = "EAAG" + crypto.randomUUID().replace(/-/g, "");
  const res = await owner.callWithKey("POST", "/api/channels", { type: "meta", name: "Main line", phoneNumberId, accessToken, appSecret });
  expect(res.status, res.text).toBe(201);
  return { id: res.json.id, phoneNumberId, appSecret, accessToken, verifyToken: res.json.verifyToken, webhookUrl: res.json.webhookUrl };
}

export interface WahaChannel {
  id: string;
  webhookSecret: string;
  apiKey: string;
}

export async function connectWaha(owner: TenantOwner): Promise<WahaChannel> {
  const webhookSecret = "waha-hmac-" + crypto.randomUUID();
  const apiKey = "waha-key-" + crypto.randomUUID();
  const res = await owner.callWithKey("POST", "/api/channels", {
    type: "waha",
    name: "WAHA line",
    baseUrl: "http://127.0.0.1:3999",
    session: "default",
    apiKey,
    webhookSecret,
  });
  expect(res.status, res.text).toBe(201);
  return { id: res.json.id, webhookSecret, apiKey };
}

export const signMeta = async (secret: string, raw: string) => "sha256=" + toHex(await hmac("SHA-256", secret, utf8(raw)));
export const signWaha = async (secret: string, raw: string) => toHex(await hmac("SHA-512", secret, utf8(raw)));

export function postMeta(channelId: string, raw: string, signature: string | null): Promise<ApiResponse> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  return request("POST", `/webhooks/meta/${channelId}`, { rawBody: raw, headers });
}

export function postWaha(channelId: string, raw: string, signature: string | null, algorithm = "sha512"): Promise<ApiResponse> {
  const headers: Record<string, string> = { "content-type": "application/json", "x-webhook-hmac-algorithm": algorithm };
  if (signature !== null) headers["x-webhook-hmac"] = signature;
  return request("POST", `/webhooks/waha/${channelId}`, { rawBody: raw, headers });
}

/** A Meta text delivery to `channel` from `from`, with a fresh wamid and the current time. */
export function metaTextPayload(channel: Pick<MetaChannel, "phoneNumberId">, opts: { from?: string; text?: string; id?: string; timestamp?: number; name?: string } = {}) {
  const payload = structuredClone(metaText) as typeof metaText;
  const value = payload.entry[0]!.changes[0]!.value;
  const from = opts.from ?? "628" + digits(9);
  value.metadata.phone_number_id = channel.phoneNumberId;
  value.contacts[0]!.wa_id = from;
  value.contacts[0]!.profile.name = opts.name ?? "Budi Santoso";
  value.messages[0]!.from = from;
  value.messages[0]!.id = opts.id ?? `wamid.TEST${crypto.randomUUID().replace(/-/g, "")}`;
  value.messages[0]!.timestamp = String(Math.floor((opts.timestamp ?? Date.now()) / 1000));
  value.messages[0]!.text.body = opts.text ?? "Halo, apakah rumah di Jalan Melati masih tersedia? 🏠";
  return { payload, from, id: value.messages[0]!.id };
}
