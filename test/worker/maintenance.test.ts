// The cron's maintenance run: what it removes, what it keeps, what it repairs.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../worker/lib/ids";
import { runMaintenance } from "../../worker/ops/maintenance";
import { systemContext } from "../../worker/lib/system-context";
import { createTenant } from "./helpers/tenants";

const DAY = 24 * 3600_000;

describe("maintenance", () => {
  it("expires old sessions and delivery logs, keeps recent ones, and re-queues sends whose job was lost", async () => {
    const owner = await createTenant();
    const now = Date.now();
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?").bind(now - 1000, owner.user.id).run();
    const oldEvent = newId("event", now - 120 * DAY);
    const newEvent = newId("event", now - DAY);
    for (const id of [oldEvent, newEvent]) {
      await env.DB.prepare("INSERT INTO webhook_events (id, tenant_id, type, payload, created_at) VALUES (?, ?, 'message.received', '{}', ?)").bind(id, owner.tenant.id, now).run();
    }
    const sandbox = await owner.callWithKey("POST", "/api/sandbox/messages", { from: "+6281244441111", text: "hi" });
    const stuck = newId("message");
    await env.DB.prepare(
      "INSERT INTO messages (id, tenant_id, conversation_id, channel_id, direction, author, type, text, status, stale, created_at, updated_at) SELECT ?, tenant_id, id, channel_id, 'outbound', 'agent', 'text', 'hello', 'queued', 0, ?, ? FROM conversations WHERE id = ?",
    )
      .bind(stuck, now - DAY, now - DAY, sandbox.json.conversationId)
      .run();

    const result = await runMaintenance(systemContext(env, () => {}));
    expect(result.expiredSessions).toBeGreaterThanOrEqual(1);
    expect(result.requeued).toBeGreaterThanOrEqual(1);
    const events = await env.DB.prepare("SELECT id FROM webhook_events WHERE id IN (?, ?)").bind(oldEvent, newEvent).all<{ id: string }>();
    expect(events.results.map((r) => r.id)).toEqual([newEvent]);
    expect((await owner.call("GET", "/api/me")).status).toBe(401);
    const row = await env.DB.prepare("SELECT updated_at FROM messages WHERE id = ?").bind(stuck).first<{ updated_at: number }>();
    expect(row!.updated_at).toBeGreaterThan(now - DAY);
  });
});
