// Real webhook payloads published by other projects (test/fixtures/real-world,
// see its SOURCES.md), posted verbatim and signed as bytes to the webhook route
// of a channel that owns the payload's number: every one is accepted, none is
// dead-lettered, and every customer message is stored exactly once.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { connectMeta, connectWaha, postMeta, postWaha, signMeta, signWaha, type MetaChannel } from "../helpers/channels";
import { quietTenant } from "../helpers/assistant";
import { eventually } from "../helpers/wait";

const metaFiles = import.meta.glob("../../fixtures/real-world/meta/*.json", { query: "?raw", import: "default", eager: true });
const wahaFiles = import.meta.glob("../../fixtures/real-world/waha/*.json", { query: "?raw", import: "default", eager: true });

interface MetaChange {
  field: string;
  value?: {
    metadata?: { phone_number_id?: string };
    messages?: { id: string; type: string; from?: string; reaction?: { message_id: string } }[];
    statuses?: { id: string; status: string }[];
  };
}

const metaChanges = (raw: string) => (JSON.parse(raw) as { entry: { changes: MetaChange[] }[] }).entry.flatMap((e) => e.changes);

/** Messages the customer wrote: what Meta lists under `messages`, minus system notices, deletions and reactions (kept on the message they react to). */
const CUSTOMER_TYPES = (type: string) => type !== "system" && type !== "revoke" && type !== "reaction";
const TRACKED_STATUSES = ["sent", "delivered", "read", "played", "failed"];

async function count(sql: string, ...args: unknown[]): Promise<number> {
  return (await env.DB.prepare(sql).bind(...args).first<{ n: number }>())!.n;
}

describe("real-world payloads", () => {
  it("has them all, with their attribution", () => {
    expect(Object.keys(metaFiles).length).toBeGreaterThan(70);
    expect(Object.keys(wahaFiles).length).toBeGreaterThan(5);
  });

  it("accepts every Meta payload, dead-letters none and stores every customer message once", async () => {
    const owner = await quietTenant();
    // One channel per business number the payloads are addressed to (any number: placeholders included).
    const numbers = new Set<string>();
    for (const raw of Object.values(metaFiles)) for (const c of metaChanges(raw)) if (c.value?.metadata?.phone_number_id) numbers.add(c.value.metadata.phone_number_id);
    const channels = new Map<string, MetaChannel>();
    for (const number of numbers) {
      const channel = await connectMeta(owner);
      await env.DB.prepare("UPDATE channels SET phone_number_id = ? WHERE id = ?").bind(number, channel.id).run();
      channels.set(number, { ...channel, phoneNumberId: number });
    }
    // Deliveries without a number (account and template updates) go to any of the app's channels.
    const anyChannel = [...channels.values()][0]!;

    const expectedMessages = new Set<string>();
    const expectedStatuses = new Set<string>();
    const expectedReactions = new Set<string>();
    for (const [file, raw] of Object.entries(metaFiles)) {
      const changes = metaChanges(raw);
      const number = changes.find((c) => c.value?.metadata?.phone_number_id)?.value?.metadata?.phone_number_id;
      const channel = number ? channels.get(number)! : anyChannel;
      for (const c of changes) {
        if (c.field !== "messages" || !c.value?.metadata?.phone_number_id) continue;
        const ch = channels.get(c.value.metadata.phone_number_id)!;
        for (const m of c.value.messages ?? []) {
          if (CUSTOMER_TYPES(m.type)) expectedMessages.add(`${ch.id} ${m.id}`);
          if (m.type === "reaction" && m.reaction) expectedReactions.add(`${ch.id} ${m.reaction.message_id}`);
        }
        for (const s of c.value.statuses ?? []) if (TRACKED_STATUSES.includes(s.status)) expectedStatuses.add(`${ch.id} ${s.id} ${s.status}`);
      }
      const res = await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw));
      expect(res.status, `${file}: ${res.text}`).toBe(200);
    }
    expect(expectedMessages.size).toBeGreaterThan(10);
    expect(expectedReactions.size).toBeGreaterThan(1);

    // Statuses for messages Parley never sent wait in pending_statuses: their rows prove they were processed.
    await eventually(
      async () => {
        for (const key of expectedMessages) {
          const [channelId, id] = key.split(" ");
          expect(await count("SELECT count(*) AS n FROM messages WHERE channel_id = ? AND provider_message_id = ? AND direction = 'inbound'", channelId, id), key).toBe(1);
        }
        for (const key of expectedStatuses) {
          const [channelId, id, status] = key.split(" ");
          const parked = await count("SELECT count(*) AS n FROM pending_statuses WHERE channel_id = ? AND provider_message_id = ? AND status = ?", channelId, id, status);
          // A few payloads reuse one wamid for a message and a status: that status finds the stored message instead.
          const known = await count("SELECT count(*) AS n FROM messages WHERE channel_id = ? AND provider_message_id = ?", channelId, id);
          expect(parked + known, key).toBeGreaterThan(0);
        }
        for (const key of expectedReactions) {
          const [channelId, target] = key.split(" ");
          expect(await count("SELECT count(*) AS n FROM message_reactions WHERE channel_id = ? AND target_provider_message_id = ?", channelId, target), key).toBe(1);
        }
      },
      { timeoutMs: 20_000, what: "every message and status processed" },
    );
    const dead = await env.DB.prepare("SELECT error FROM dead_letters WHERE tenant_id = ?").bind(owner.tenant.id).all<{ error: string }>();
    expect(dead.results).toEqual([]);
    // Exactly once: nothing beyond the expected messages either.
    expect(await count("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'inbound'", owner.tenant.id)).toBe(expectedMessages.size);
  });

  it("accepts every WAHA event, dead-letters none and stores every customer message once", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const expected = new Set<string>();
    const reactions = new Set<string>();
    for (const [file, raw] of Object.entries(wahaFiles)) {
      const body = JSON.parse(raw) as { event: string; payload: { id?: string; fromMe?: boolean; from?: string; reaction?: { messageId: string } } };
      const customer = body.payload.fromMe !== true && /@(c\.us|s\.whatsapp\.net|lid)$/.test(body.payload.from ?? "");
      if (body.event === "message" && customer) expected.add(body.payload.id!);
      // A reaction is kept on the message it reacts to, not as a message.
      if (body.event === "message.reaction" && customer) reactions.add(body.payload.reaction!.messageId);
      const res = await postWaha(channel.id, raw, await signWaha(channel.webhookSecret, raw));
      expect(res.status, `${file}: ${res.text}`).toBe(200);
    }
    expect(reactions.size).toBe(1);
    await eventually(async () => {
      for (const id of expected) expect(await count("SELECT count(*) AS n FROM messages WHERE channel_id = ? AND provider_message_id = ?", channel.id, id), id).toBe(1);
      for (const id of reactions) expect(await count("SELECT count(*) AS n FROM message_reactions WHERE channel_id = ? AND target_provider_message_id = ?", channel.id, id), id).toBe(1);
      // The session.status event marks the channel connected once processed.
      expect(await count("SELECT count(*) AS n FROM channels WHERE id = ? AND status = 'connected'", channel.id)).toBe(1);
    });
    const dead = await env.DB.prepare("SELECT error FROM dead_letters WHERE tenant_id = ?").bind(owner.tenant.id).all<{ error: string }>();
    expect(dead.results).toEqual([]);
    expect(await count("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'inbound'", owner.tenant.id)).toBe(expected.size);
  });
});
