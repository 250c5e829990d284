// Idempotency-Key on POSTs: a retried agent reply is stored and sent once; a
// reused key with another body, or while the first is still running, is refused.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runMaintenance } from "../../worker/ops/maintenance";
import { systemContext } from "../../worker/lib/system-context";
import { request } from "./helpers/api";
import { createTenant } from "./helpers/tenants";
import { eventually } from "./helpers/wait";
import { messagesWithText, quietTenant, sandboxConversation } from "./conversations/helpers";

const keyed = (key: string) => ({ headers: { "idempotency-key": key } });

async function outbound(conversationId: string, text: string) {
  const { results } = await env.DB.prepare("SELECT id, status, provider_message_id FROM messages WHERE conversation_id = ? AND text = ? AND direction = 'outbound'")
    .bind(conversationId, text)
    .all<{ id: string; status: string; provider_message_id: string | null }>();
  return results;
}

describe("Idempotency-Key", () => {
  it("replays the first response to a retried agent reply: one message stored, one provider send", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    const path = `/api/conversations/${conv.conversationId}/messages`;
    const key = crypto.randomUUID();

    const first = await owner.call("POST", path, { text: "Your order ships today." }, keyed(key));
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const retry = await owner.call("POST", path, { text: "Your order ships today." }, keyed(key));
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(retry.json).toEqual(first.json);

    expect(await messagesWithText(conv.conversationId, "Your order ships today.")).toBe(1);
    await eventually(async () => {
      const rows = await outbound(conv.conversationId, "Your order ships today.");
      expect(rows).toHaveLength(1);
      expect(["sent", "delivered"]).toContain(rows[0]!.status);
      expect(rows[0]!.provider_message_id).toMatch(/^sandbox\./);
    }, { what: "the reply sent" });

    // Without a key (or with a new one) the same body is a new message.
    const again = await owner.call("POST", path, { text: "Your order ships today." }, keyed(crypto.randomUUID()));
    expect(again.status).toBe(201);
    expect(again.json.id).not.toBe(first.json.id);
    expect(await messagesWithText(conv.conversationId, "Your order ships today.")).toBe(2);
  });

  it("refuses the same key with a different body (422) and sends nothing for it", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    const path = `/api/conversations/${conv.conversationId}/messages`;
    const key = crypto.randomUUID();
    expect((await owner.call("POST", path, { text: "First text" }, keyed(key))).status).toBe(201);
    const other = await owner.call("POST", path, { text: "Second text" }, keyed(key));
    expect(other.status).toBe(422);
    expect(other.headers.get("content-type")).toBe("application/problem+json");
    expect(other.json.errors).toEqual([{ path: "Idempotency-Key", message: "already used with a different request body" }]);
    expect(await messagesWithText(conv.conversationId, "Second text")).toBe(0);
    // The same key on another route is another request too.
    expect((await owner.call("POST", "/api/quick-replies", { shortcut: "hi", title: "Hi", text: "First text" }, keyed(key))).status).toBe(422);
  });

  it("refuses a retry while the first request is still in flight (409)", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    const path = `/api/conversations/${conv.conversationId}/messages`;
    const key = crypto.randomUUID();
    const body = { text: "Still sending" };
    // The first request has claimed the key and not answered yet.
    const hash = await fingerprint("POST", path, JSON.stringify(body));
    const now = Date.now();
    await env.DB.prepare("INSERT INTO idempotency_keys (tenant_id, actor, key, request_hash, locked_until, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(owner.tenant.id, `user:${owner.user.id}`, key, hash, now + 60_000, now, now + 86_400_000)
      .run();
    const res = await owner.call("POST", path, body, keyed(key));
    expect(res.status, res.text).toBe(409);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await messagesWithText(conv.conversationId, "Still sending")).toBe(0);

    // A claim whose request died (its lock lapsed) is taken over by the retry.
    await env.DB.prepare("UPDATE idempotency_keys SET locked_until = ? WHERE key = ?").bind(now - 1, key).run();
    expect((await owner.call("POST", path, body, keyed(key))).status).toBe(201);
    expect(await messagesWithText(conv.conversationId, "Still sending")).toBe(1);
  });

  it("keeps keys per tenant and per actor", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const key = crypto.randomUUID();
    const body = { name: "Shared key contact", phone: "+6281234500001" };
    const ra = await a.call("POST", "/api/contacts", body, keyed(key));
    expect(ra.status, ra.text).toBe(201);
    const rb = await b.call("POST", "/api/contacts", body, keyed(key));
    expect(rb.status, rb.text).toBe(201);
    expect(rb.headers.get("idempotent-replayed")).toBeNull();
    expect(rb.json.id).not.toBe(ra.json.id);
    // The same tenant's API key is another actor: its own request, here a duplicate phone.
    const viaKey = await a.callWithKey("POST", "/api/contacts", body, keyed(key));
    expect(viaKey.headers.get("idempotent-replayed")).toBeNull();
    expect(viaKey.status).toBe(409);
  });

  it("ignores non-POSTs, checks the key's shape and forgets keys after a day", async () => {
    const owner = await createTenant();
    const bad = await owner.call("POST", "/api/quick-replies", { shortcut: "x", title: "X", text: "X" }, keyed("has space"));
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe("Idempotency-Key");

    const key = crypto.randomUUID();
    const list = await owner.call("GET", "/api/quick-replies", undefined, keyed(key));
    expect(list.status).toBe(200);
    const created = await owner.call("POST", "/api/quick-replies", { shortcut: "hours", title: "Hours", text: "9 to 5" }, keyed(`"${key}"`));
    expect(created.status, created.text).toBe(201);
    const stored = await env.DB.prepare("SELECT response_status FROM idempotency_keys WHERE tenant_id = ? AND key = ?").bind(owner.tenant.id, key).first<number>("response_status");
    expect(stored).toBe(201);

    await env.DB.prepare("UPDATE idempotency_keys SET expires_at = ? WHERE tenant_id = ?").bind(Date.now() - 1, owner.tenant.id).run();
    const swept = await runMaintenance(systemContext(env, () => {}));
    expect(swept.idempotencyKeys).toBeGreaterThanOrEqual(1);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM idempotency_keys WHERE tenant_id = ?").bind(owner.tenant.id).first<number>("n")).toBe(0);
  });
});

describe("the OpenAPI document", () => {
  it("lists the shared Idempotency-Key parameter on authenticated POSTs only", async () => {
    const doc = (await request("GET", "/api/openapi.json")).json;
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: "Idempotency-Key", in: "header", required: false });
    const ref = { $ref: "#/components/parameters/IdempotencyKey" };
    expect(doc.paths["/api/conversations/{id}/messages"].post.parameters).toContainEqual(ref);
    expect(doc.paths["/api/contacts"].post.parameters).toContainEqual(ref);
    expect(doc.paths["/api/auth/login"].post.parameters ?? []).not.toContainEqual(ref);
    expect(doc.paths["/api/conversations/{id}/messages"].get.parameters ?? []).not.toContainEqual(ref);
  });
});

async function fingerprint(method: string, path: string, body: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${method} ${path}\n${body}`);
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
