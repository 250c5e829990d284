// Conversations for assistant tests, and a context whose provider config a test chooses.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { Config } from "../../../worker/env";
import type { Ctx } from "../../../worker/lib/context";
import { systemContext } from "../../../worker/lib/system-context";
import { createTenant, type TenantOwner } from "./tenants";
import { eventually } from "./wait";

export function ctxWith(config: Partial<Config> = {}): Ctx {
  const base = systemContext(env, () => {});
  return { ...base, config: { ...base.config, ...config } };
}

let n = 0;
/** A sandbox message from a fresh customer, stored (the assistant does not run: the bot is disabled first). */
export async function storedMessage(owner: TenantOwner, text: string, from?: string) {
  n++;
  const phone = from ?? `+62812${String(3000000 + n)}`;
  const res = await owner.callWithKey("POST", "/api/sandbox/messages", { from: phone, text });
  expect(res.status, res.text).toBe(202);
  await eventually(async () => {
    const row = await env.DB.prepare("SELECT id FROM messages WHERE id = ?").bind(res.json.messageId).first();
    expect(row).not.toBeNull();
  });
  return { ...res.json, phone } as { conversationId: string; messageId: string; contactId: string; phone: string };
}

export async function outbound(conversationId: string) {
  const rows = await env.DB.prepare("SELECT id, author, text, payload, status FROM messages WHERE conversation_id = ? AND direction = 'outbound' ORDER BY id")
    .bind(conversationId)
    .all<{ id: string; author: string; text: string; payload: string; status: string }>();
  return rows.results.map((r) => ({ ...r, payload: JSON.parse(r.payload ?? "null") }));
}

export const modeOf = async (conversationId: string) =>
  (await env.DB.prepare("SELECT mode FROM conversations WHERE id = ?").bind(conversationId).first<{ mode: string }>())!.mode;

export async function addKnowledge(owner: TenantOwner, entries: { title: string; content: string }[]) {
  for (const e of entries) expect((await owner.callWithKey("POST", "/api/knowledge", e)).status).toBe(201);
}

/** A tenant whose assistant never answers by itself (messages are stored, nothing is sent back). */
export async function quietTenant(): Promise<TenantOwner> {
  const owner = await createTenant();
  const res = await owner.callWithKey("PATCH", "/api/bot-settings", { enabled: false });
  expect(res.status, res.text).toBe(200);
  return owner;
}
