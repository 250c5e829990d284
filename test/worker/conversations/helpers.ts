// Conversations for inbox tests, made the way customers make them: a sandbox
// message through the API, processed by the real inbound pipeline.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { TenantCtx } from "../../../worker/lib/context";
import { newId } from "../../../worker/lib/ids";
import { systemContext } from "../../../worker/lib/system-context";
import { createTenant, type Member, type TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";

let phoneCounter = 0;
const phoneBase = 100_000 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 800_000);

/** A phone number no other conversation in this test file uses. */
export function uniquePhone(): string {
  phoneCounter++;
  return `+62812${phoneBase}${String(phoneCounter).padStart(3, "0")}`;
}

export interface SandboxConversation {
  conversationId: string;
  messageId: string;
  contactId: string;
  phone: string;
}

/** A customer writes on the sandbox channel; resolves once the message is stored (the window is open). */
export async function sandboxConversation(owner: TenantOwner, opts: { text?: string; name?: string; phone?: string } = {}): Promise<SandboxConversation> {
  const phone = opts.phone ?? uniquePhone();
  const res = await owner.callWithKey("POST", "/api/sandbox/messages", { from: phone, name: opts.name ?? "Dewi Lestari", text: opts.text ?? "Halo, saya mau tanya" });
  expect(res.status, res.text).toBe(202);
  await eventually(
    async () => {
      const c = await owner.callWithKey("GET", `/api/conversations/${res.json.conversationId}`);
      expect(c.json.windowExpiresAt).not.toBeNull();
    },
    { what: "the sandbox message stored" },
  );
  return { ...res.json, phone };
}

/** Close the conversation's 24-hour window: the customer last wrote 25 hours ago. */
export async function closeWindow(conversationId: string): Promise<void> {
  await env.DB.prepare("UPDATE conversations SET last_inbound_at = ? WHERE id = ?").bind(Date.now() - 25 * 3600_000, conversationId).run();
}

/** The domain context a request by `member` would get, for calling domain functions with test doubles. */
export function tenantCtx(member: Member, overrides: Partial<TenantCtx> = {}): TenantCtx & { pending: Promise<unknown>[] } {
  const pending: Promise<unknown>[] = [];
  const sys = systemContext(env, (p) => pending.push(p));
  return {
    ...sys,
    tenantId: member.tenant.id,
    role: member.role,
    actor: { type: "user", id: member.user.id },
    userId: member.user.id,
    pending,
    ...overrides,
  };
}

export async function auditActions(tenantId: string, targetId: string): Promise<Array<{ action: string; actor_id: string | null; metadata: unknown }>> {
  const { results } = await env.DB.prepare("SELECT action, actor_id, metadata FROM audit_log WHERE tenant_id = ? AND target_id = ? ORDER BY id")
    .bind(tenantId, targetId)
    .all<{ action: string; actor_id: string | null; metadata: string | null }>();
  return results.map((r) => ({ ...r, metadata: r.metadata ? JSON.parse(r.metadata) : null }));
}


export interface SeedConversation {
  channelId: string;
  mode?: "bot" | "human" | "paused";
  status?: "open" | "closed";
  assignedTo?: string | null;
  unreadCount?: number;
  tags?: string[];
  /** Last activity (ms); null for a conversation with no message yet. */
  lastMessageAt?: number | null;
}

/** A contact and its conversation written straight to D1, for list tests that need exact states and times. */
export async function seedConversation(tenantId: string, seed: SeedConversation): Promise<string> {
  const now = Date.now();
  const contactId = newId("contact");
  const conversationId = newId("conversation");
  const waId = uniquePhone().slice(1);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO contacts (id, tenant_id, wa_id, phone, name, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").bind(
      contactId,
      tenantId,
      waId,
      `+${waId}`,
      "Seeded",
      JSON.stringify(seed.tags ?? []),
      now,
      now,
    ),
    env.DB.prepare(
      "INSERT INTO conversations (id, tenant_id, contact_id, channel_id, mode, status, assigned_to, unread_count, last_message_at, last_inbound_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ).bind(
      conversationId,
      tenantId,
      contactId,
      seed.channelId,
      seed.mode ?? "bot",
      seed.status ?? "open",
      seed.assignedTo ?? null,
      seed.unreadCount ?? 0,
      seed.lastMessageAt === undefined ? now : seed.lastMessageAt,
      seed.lastMessageAt ?? null,
      now,
      now,
    ),
  ]);
  return conversationId;
}

export async function sandboxChannelId(owner: TenantOwner): Promise<string> {
  const res = await owner.callWithKey("GET", "/api/channels");
  return (res.json.data as Array<{ id: string; type: string }>).find((c) => c.type === "sandbox")!.id;
}

/** A new tenant whose assistant is switched off, so no bot reply or handoff races the test's own changes. */
export async function quietTenant(): Promise<TenantOwner> {
  const owner = await createTenant();
  const res = await owner.callWithKey("PATCH", "/api/bot-settings", { enabled: false });
  expect(res.status, res.text).toBe(200);
  return owner;
}

export async function messagesWithText(conversationId: string, text: string): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND text = ?").bind(conversationId, text).first<number>("n"))!;
}
