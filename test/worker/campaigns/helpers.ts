// Campaign test fixtures: contacts written straight to D1 in exact states
// (window open or closed, opted out, tags, stage, score, custom fields), and
// waiting for a campaign to reach a status.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { newId } from "../../../worker/lib/ids";
import type { TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";

let counter = 0;
const base = 100_000 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 800_000);
export const uniqueWaId = () => `62813${base}${String(++counter).padStart(4, "0")}`;

export interface SeedContact {
  channelId: string;
  /** Last inbound message (ms); null: never wrote (window closed, no conversation). */
  lastInboundAt?: number | null;
  optedOut?: boolean;
  marketingOptedOut?: boolean;
  tags?: string[];
  stage?: string;
  leadScore?: number;
  customFields?: Record<string, unknown>;
  phone?: string;
  name?: string;
}

export async function seedContact(tenantId: string, s: SeedContact): Promise<{ contactId: string; conversationId: string | null; phone: string }> {
  const now = Date.now();
  const contactId = newId("contact");
  const waId = uniqueWaId();
  const phone = s.phone ?? `+${waId}`;
  const stmts = [
    env.DB.prepare(
      "INSERT INTO contacts (id, tenant_id, wa_id, phone, name, tags, stage, lead_score, opted_out, marketing_opted_out_at, custom_fields, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ).bind(
      contactId,
      tenantId,
      waId,
      phone,
      s.name ?? "Seeded",
      JSON.stringify(s.tags ?? []),
      s.stage ?? "new",
      s.leadScore ?? 0,
      s.optedOut ? 1 : 0,
      s.marketingOptedOut ? now : null,
      JSON.stringify(s.customFields ?? {}),
      now,
      now,
    ),
  ];
  let conversationId: string | null = null;
  const last = s.lastInboundAt === undefined ? now - 60_000 : s.lastInboundAt;
  if (last !== null) {
    conversationId = newId("conversation");
    stmts.push(
      env.DB.prepare(
        "INSERT INTO conversations (id, tenant_id, contact_id, channel_id, mode, status, last_message_at, last_inbound_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'human', 'open', ?, ?, ?, ?)",
      ).bind(conversationId, tenantId, contactId, s.channelId, last, last, now, now),
    );
  }
  for (const tag of s.tags ?? []) {
    const tagId = newId("tag");
    stmts.push(
      env.DB.prepare("INSERT INTO tags (id, tenant_id, name, name_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING").bind(
        tagId,
        tenantId,
        tag,
        tag.toLowerCase(),
        now,
        now,
      ),
      env.DB.prepare(
        "INSERT INTO contact_tags (tenant_id, contact_id, tag_id, created_at) SELECT ?, ?, id, ? FROM tags WHERE tenant_id = ? AND name_key = ?",
      ).bind(tenantId, contactId, now, tenantId, tag.toLowerCase()),
    );
  }
  await env.DB.batch(stmts);
  return { contactId, conversationId, phone };
}

export async function channelOf(owner: TenantOwner, type: string): Promise<string> {
  const res = await owner.callWithKey("GET", "/api/channels");
  return (res.json.data as Array<{ id: string; type: string }>).find((c) => c.type === type)!.id;
}

export async function waitForStatus(owner: TenantOwner, id: string, status: string, timeout = 20_000) {
  let last: any;
  await eventually(
    async () => {
      const res = await owner.callWithKey("GET", `/api/campaigns/${id}`);
      last = res.json;
      expect(res.json.status).toBe(status);
    },
    { what: `campaign ${status}`, timeoutMs: timeout },
  );
  return last;
}

export async function campaignMessages(campaignId: string): Promise<Array<{ id: string; conversation_id: string; status: string; author: string }>> {
  const { results } = await env.DB.prepare("SELECT id, conversation_id, status, author FROM messages WHERE campaign_id = ?").bind(campaignId).all<any>();
  return results;
}
