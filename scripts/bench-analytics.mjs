// Analytics at size: one tenant with BENCH_MESSAGES messages (default
// 1,000,000) and BENCH_CONTACTS contacts and conversations (default 100,000)
// over 30 days in local D1, written by SQL so the analytics triggers count every
// row as live traffic would (customer messages answered by the bot within
// seconds, some by a person within minutes; delivery statuses, failures).
//
// 1. Reads: p50/p95 of the overview, a time series and the breakdowns, next to
//    the health check of the same run (the floor), after timing the first read
//    (which rebuilds the rollups from the raw rows once).
// 2. Writes: the cost the rollups add to storing a message. The filled database
//    is copied twice; the analytics triggers are dropped from one copy; the same
//    messages (a customer message, then the bot's reply, then its "delivered"
//    status) are written one at a time into both, interleaved, each in its own
//    transaction (node:sqlite on the D1 file, synchronous off on both sides, so
//    the shared disk flush does not drown the difference). Prints p50/p95 with
//    and without the triggers, the ratio and the milliseconds added.
//
// Prints numbers; asserts nothing. `node scripts/bench-analytics.mjs`, or
// `BENCH_ONLY=analytics npm run bench` (scripts/bench.mjs calls benchAnalytics).
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { pathToFileURL } from "node:url";
import { startStack } from "./stack.mjs";

const DAY = 86_400_000;

/** Nearest-rank percentile. */
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const stats = (xs) => ({ n: xs.length, p50: +pct(xs, 50).toFixed(3), p95: +pct(xs, 95).toFixed(3), mean: +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3) });

function fillSql(tenantId, messages, contacts, now) {
  const start = now - 30 * DAY;
  const step = Math.max(1, Math.floor((30 * DAY) / messages));
  const contactStep = Math.floor((30 * DAY) / contacts);
  // Consecutive pairs of one conversation are 2 × contacts × step apart: replies stay inside that gap.
  const gap = 2 * contacts * step;
  const agentMax = Math.max(1, Math.min(3_600_000, gap - 30_001));
  // Pair p (messages 2p, 2p + 1) is a customer message and its reply in conversation p mod contacts:
  // the bot's within 0.4–23 s (two of every ten pairs), a person's within 30 s and up to an hour.
  return `
INSERT INTO channels (id, tenant_id, type, name, status, created_at, updated_at) VALUES ('chn_bench', '${tenantId}', 'meta', 'Bench', 'disconnected', ${start}, ${start});
INSERT INTO contacts (id, tenant_id, wa_id, phone, tags, lead_score, stage, opted_out, custom_fields, created_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${contacts})
  SELECT 'con_bench' || i, '${tenantId}', '62899' || i, '+62899' || i, '[]', (i * 37) % 101, 'new', 0, '{}', ${start} + i * ${contactStep}, ${start} FROM n;
INSERT INTO conversations (id, tenant_id, contact_id, channel_id, mode, status, unread_count, summary_message_count, created_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${contacts})
  SELECT 'cnv_bench' || i, '${tenantId}', 'con_bench' || i, 'chn_bench', 'bot', 'open', 0, 0, ${start} + i * ${contactStep}, ${start} FROM n;
INSERT INTO messages (id, tenant_id, conversation_id, channel_id, direction, author, type, text, status, error_code, provider_message_id, stale, created_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${messages}),
  m AS (SELECT i, i / 2 AS p, i % 2 AS reply FROM n)
  SELECT 'msg_bench' || i, '${tenantId}', 'cnv_bench' || (p % ${contacts}), 'chn_bench',
    CASE reply WHEN 0 THEN 'inbound' ELSE 'outbound' END,
    CASE WHEN reply = 0 THEN 'customer' WHEN p % 10 IN (3, 8) THEN 'agent' ELSE 'bot' END, 'text', 'hello',
    CASE reply WHEN 0 THEN 'received' ELSE CASE i % 7 WHEN 0 THEN 'failed' WHEN 1 THEN 'delivered' ELSE 'read' END END,
    CASE WHEN reply = 1 AND i % 7 = 0 THEN CASE i % 3 WHEN 0 THEN '131047' WHEN 1 THEN '131026' ELSE '131049' END END,
    'wamid.bench' || i, 0,
    ${start} + 2 * p * ${step} + CASE WHEN reply = 0 THEN 0 WHEN p % 10 IN (3, 8) THEN 30000 + (p * 104729) % ${agentMax} ELSE 400 + ((p * 7919) % 997) * (1 + p % 23) END,
    ${start} + 2 * p * ${step} FROM m;
-- The triggers counted every row above as it was written: no rebuild is due on the first read.
INSERT INTO analytics_state (tenant_id, rebuilt_at) VALUES ('${tenantId}', ${now});
`;
}

function d1File(stateDir) {
  const dir = join(stateDir, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (!file) throw new Error(`no local D1 database under ${dir}`);
  return join(dir, file);
}

/** The same messages written into a copy with the analytics triggers and one without, interleaved, one transaction each. */
function writeCost(stateDir, work, tenantId, contacts, writes) {
  const source = d1File(stateDir);
  const copies = { with: join(work, "with.sqlite"), without: join(work, "without.sqlite") };
  for (const path of Object.values(copies)) {
    copyFileSync(source, path);
    for (const ext of ["-wal", "-shm"]) if (existsSync(source + ext)) copyFileSync(source + ext, path + ext);
  }
  const dbs = {};
  for (const [name, path] of Object.entries(copies)) {
    const db = new DatabaseSync(path);
    db.exec("PRAGMA synchronous = OFF");
    if (name === "without") {
      const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'analytics%'").all();
      for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    }
    const insert = db.prepare(
      "INSERT INTO messages (id, tenant_id, conversation_id, channel_id, direction, author, type, text, payload, status, provider_message_id, stale, created_at, updated_at) VALUES (?, ?, ?, 'chn_bench', ?, ?, 'text', 'hello', ?, ?, ?, 0, ?, ?)",
    );
    const status = db.prepare("UPDATE messages SET status = 'delivered', updated_at = ? WHERE id = ?");
    const timed = (fn) => {
      const t = performance.now();
      db.exec("BEGIN");
      fn();
      db.exec("COMMIT");
      return performance.now() - t;
    };
    dbs[name] = { db, insert, status, timed, times: { inbound: [], reply: [], status: [] } };
  }
  const warm = Math.min(200, Math.floor(writes / 10));
  const t0 = Date.now() + DAY;
  for (let i = 0; i < writes + warm; i++) {
    const conversationId = `cnv_bench${(i * 7919) % contacts}`;
    const at = t0 + i * 10_000;
    // Alternate which copy goes first, so neither always finds the page cache warmer.
    const order = i % 2 ? ["with", "without"] : ["without", "with"];
    for (const name of order) {
      const { insert, status, timed, times } = dbs[name];
      const a = timed(() => insert.run(`msg_w${i}`, tenantId, conversationId, "inbound", "customer", null, "received", `wamid.w${i}`, at, at));
      const b = timed(() => insert.run(`msg_r${i}`, tenantId, conversationId, "outbound", "bot", JSON.stringify({ sources: ["kb_1"] }), "sent", `wamid.r${i}`, at + 1500, at + 1500));
      const c = timed(() => status.run(at + 3000, `msg_r${i}`));
      if (i >= warm) {
        times.inbound.push(a);
        times.reply.push(b);
        times.status.push(c);
      }
    }
  }
  const out = {};
  for (const op of ["inbound", "reply", "status"]) {
    const w = stats(dbs.with.times[op]);
    const wo = stats(dbs.without.times[op]);
    out[op] = { with: w, without: wo, ratioP95: +(w.p95 / wo.p95).toFixed(2), addedP95Ms: +(w.p95 - wo.p95).toFixed(3), addedMeanMs: +(w.mean - wo.mean).toFixed(3) };
  }
  for (const { db } of Object.values(dbs)) db.close();
  return out;
}

/** Run the analytics bench; returns the figures (and prints them as it goes). */
export async function benchAnalytics({ messages = 1_000_000, contacts = 100_000, runs = 50, writes = 2000 } = {}) {
  let stack = await startStack({ name: "bench-analytics" });
  const work = mkdtempSync(join(tmpdir(), "parley-bench-analytics-"));
  const result = { messages, contacts, runs, reads: {}, writes: null };
  try {
    let base = stack.base;
    const email = `bench-${randomBytes(4).toString("hex")}@example.com`;
    const signup = await fetch(`${base}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email, password: "bench-password-123", tenantName: "Bench" }),
    });
    if (!signup.ok) throw new Error(`signup failed: ${signup.status} ${await signup.text()}`);
    const cookie = signup.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const tenantId = (await signup.json()).tenant.id;
    const get = (path) => fetch(base + path, { headers: { cookie } });

    // The rows go straight into the local D1 file while the stack is stopped (workerd holds it open), then the stack restarts on it.
    await stack.stop({ keepState: true });
    const t0 = performance.now();
    const db = new DatabaseSync(d1File(stack.stateDir));
    db.exec(fillSql(tenantId, messages, contacts, Date.now()));
    db.close();
    result.fillSeconds = +((performance.now() - t0) / 1000).toFixed(1);
    stack = await startStack({ name: "bench-analytics", stateDir: stack.stateDir });
    base = stack.base;
    console.log(`filled ${messages.toLocaleString()} messages, ${contacts.toLocaleString()} contacts in ${result.fillSeconds} s (triggers included)`);


    const measure = async (label, path) => {
      await (await get(path)).text(); // warm
      const times = [];
      let body = null;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const res = await get(path);
        body = await res.text();
        times.push(performance.now() - t);
        if (!res.ok) throw new Error(`${path}: ${res.status} ${body}`);
      }
      const s = stats(times);
      result.reads[label] = s;
      console.log(`${label.padEnd(40)} n=${runs}  p50=${s.p50.toFixed(1)} ms  p95=${s.p95.toFixed(1)} ms`);
      return { ...s, body };
    };
    const floor = await measure("GET /api/health (floor)", "/api/health");
    const overview = await measure("GET /api/analytics/overview", "/api/analytics/overview");
    const series = await measure("GET /api/analytics/timeseries", "/api/analytics/timeseries?metric=messages.inbound");
    const breakdowns = await measure("GET /api/analytics/breakdowns", "/api/analytics/breakdowns");
    result.overviewP95OverFloor = +(overview.p95 / floor.p95).toFixed(1);
    console.log(`p95 × floor: overview ${result.overviewP95OverFloor}×, timeseries ${(series.p95 / floor.p95).toFixed(1)}×, breakdowns ${(breakdowns.p95 / floor.p95).toFixed(1)}×`);
    const current = JSON.parse(overview.body).current;
    result.overviewCurrent = { inbound: current.messages.inbound, responseTimes: current.responseTimes };
    console.log(`overview current: ${current.messages.inbound.toLocaleString()} customer messages; response times ${JSON.stringify(current.responseTimes)}`);

    // Recomputing everything from the raw rows (POST /api/analytics/rebuild, one D1 batch).
    const t1 = performance.now();
    const rebuilt = await fetch(`${base}/api/analytics/rebuild`, { method: "POST", headers: { cookie, origin: base } }).catch((err) => ({ ok: false, status: String(err.cause?.code ?? err) }));
    result.rebuild = { ok: rebuilt.ok, status: rebuilt.status, seconds: +((performance.now() - t1) / 1000).toFixed(1) };
    console.log(`rebuild from the raw rows: ${rebuilt.ok ? "done" : `failed (${rebuilt.status})`} in ${result.rebuild.seconds} s`);

    await stack.stop({ keepState: true });
    result.writes = writeCost(stack.stateDir, work, tenantId, contacts, writes);
    console.log(`\nrollup maintenance per stored message (${writes} of each, interleaved, same rows; ms):`);
    for (const [op, r] of Object.entries(result.writes)) {
      console.log(
        `  ${op.padEnd(8)} with triggers p50 ${r.with.p50.toFixed(3)} p95 ${r.with.p95.toFixed(3)} | without p50 ${r.without.p50.toFixed(3)} p95 ${r.without.p95.toFixed(3)} | p95 ×${r.ratioP95}, +${r.addedP95Ms.toFixed(3)} ms p95, +${r.addedMeanMs.toFixed(3)} ms mean`,
      );
    }
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
    await stack.stop();
    rmSync(stack.stateDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchAnalytics({
    messages: Number(process.env.BENCH_MESSAGES || 1_000_000),
    contacts: Number(process.env.BENCH_CONTACTS || 100_000),
    runs: Number(process.env.BENCH_RUNS || 50),
    writes: Number(process.env.BENCH_WRITES || 2000),
  });
}
