// Analytics read latency at size: one tenant with BENCH_MESSAGES messages
// (default 1,000,000) and BENCH_CONTACTS contacts (default 100,000) over 30
// days in local D1, written by SQL so the analytics triggers count every row
// as live traffic would. Then p50/p95 of the overview and a time series, next
// to the health check as the floor of the same run. Prints numbers; asserts
// nothing. `node scripts/bench-analytics.mjs` (npm run bench may call it).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, root } from "./lib.mjs";
import { startStack } from "./stack.mjs";

const MESSAGES = Number(process.env.BENCH_MESSAGES || 1_000_000);
const CONTACTS = Number(process.env.BENCH_CONTACTS || 100_000);
const RUNS = Number(process.env.BENCH_RUNS || 50);
const DAY = 86_400_000;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

const stack = await startStack({ name: "bench-analytics" });
const base = stack.base;
const work = mkdtempSync(join(tmpdir(), "parley-bench-analytics-"));
try {
  const email = `bench-${randomBytes(4).toString("hex")}@example.com`;
  const signup = await fetch(`${base}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password: "bench-password-123", tenantName: "Bench" }),
  });
  const cookie = signup.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const tenantId = (await signup.json()).tenant.id;
  const get = (path) => fetch(base + path, { headers: { cookie } });

  // One conversation per contact; messages spread evenly over the last 30 days, alternating customer and bot.
  const now = Date.now();
  const start = now - 30 * DAY;
  const step = Math.max(1, Math.floor((30 * DAY) / MESSAGES));
  const sql = `
INSERT INTO channels (id, tenant_id, type, name, status, created_at, updated_at) VALUES ('chn_bench', '${tenantId}', 'meta', 'Bench', 'disconnected', ${start}, ${start});
INSERT INTO contacts (id, tenant_id, wa_id, phone, tags, lead_score, stage, opted_out, custom_fields, created_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${CONTACTS})
  SELECT 'con_bench' || i, '${tenantId}', '62899' || i, '+62899' || i, '[]', 0, 'new', 0, '{}', ${start} + i * ${Math.floor((30 * DAY) / CONTACTS)}, ${start} FROM n;
INSERT INTO conversations (id, tenant_id, contact_id, channel_id, mode, status, unread_count, summary_message_count, created_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${CONTACTS})
  SELECT 'cnv_bench' || i, '${tenantId}', 'con_bench' || i, 'chn_bench', 'bot', 'open', 0, 0, ${start} + i * ${Math.floor((30 * DAY) / CONTACTS)}, ${start} FROM n;
INSERT INTO messages (id, tenant_id, conversation_id, channel_id, direction, author, type, text, status, provider_message_id, stale, created_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${MESSAGES})
  SELECT 'msg_bench' || i, '${tenantId}', 'cnv_bench' || ((i / 2) % ${CONTACTS}), 'chn_bench',
    CASE i % 2 WHEN 0 THEN 'inbound' ELSE 'outbound' END, CASE i % 2 WHEN 0 THEN 'customer' ELSE 'bot' END, 'text', 'hello',
    CASE i % 2 WHEN 0 THEN 'received' ELSE CASE i % 7 WHEN 0 THEN 'failed' WHEN 1 THEN 'delivered' ELSE 'read' END END,
    'wamid.bench' || i, 0, ${start} + i * ${step}, ${start} + i * ${step} FROM n;
`;
  const file = join(work, "fill.sql");
  writeFileSync(file, sql);
  const t0 = performance.now();
  execFileSync(bin("wrangler"), ["d1", "execute", "DB", "--local", "--persist-to", stack.stateDir, "--file", file], { cwd: root, env: { ...stack.env, CI: "true" }, stdio: "ignore" });
  const fillMs = performance.now() - t0;
  console.log(`filled ${MESSAGES.toLocaleString()} messages, ${CONTACTS.toLocaleString()} contacts in ${(fillMs / 1000).toFixed(1)} s (${((fillMs * 1000) / MESSAGES).toFixed(1)} µs per message, triggers included)`);

  const measure = async (label, path) => {
    await get(path); // warm (the first analytics read of a tenant rebuilds once)
    const times = [];
    let body = null;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const res = await get(path);
      body = await res.text();
      times.push(performance.now() - t);
      if (!res.ok) throw new Error(`${path}: ${res.status} ${body}`);
    }
    console.log(`${label.padEnd(34)} n=${RUNS}  p50=${pct(times, 50).toFixed(1)} ms  p95=${pct(times, 95).toFixed(1)} ms`);
    return { p95: pct(times, 95), body };
  };
  const floor = await measure("GET /api/health (floor)", "/api/health");
  const overview = await measure("GET /api/analytics/overview", "/api/analytics/overview");
  const series = await measure("GET /api/analytics/timeseries", "/api/analytics/timeseries?metric=messages.inbound");
  console.log(`overview p95 / floor p95 = ${(overview.p95 / floor.p95).toFixed(1)}×; timeseries = ${(series.p95 / floor.p95).toFixed(1)}×`);
  console.log(`overview current.messages.inbound = ${JSON.parse(overview.body).current.messages.inbound.toLocaleString()}`);
} finally {
  rmSync(work, { recursive: true, force: true });
  await stack.stop();
}
