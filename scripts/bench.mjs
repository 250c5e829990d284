// `npm run bench`: Parley side by side with its floors, in one run, on this machine.
//
// Starts the local stack and, in the same runtime (`wrangler dev`/workerd), a
// no-op worker (bench/noop.ts), an essential worker that only verifies the
// HMAC and enqueues (bench/essential.ts) and a stored worker that also stores
// each message once (bench/stored.ts). Drives all four with autocannon at
// concurrency 1, 50 and 200 with signed Meta deliveries over many channels and
// unique message ids; then measures message → bot answer handed to the provider
// at concurrency 50 (a local fake Graph API receives the sends), outbound
// webhook deliveries per second (a local subscriber), the rate messages are
// stored through the inbound path, and the data paths with 100,000 contacts and
// conversations in one tenant beside another tenant's. Prints one report and
// writes bench/results.json. Loopback only; every phase is bounded in count and time.
//
// Knobs: BENCH_SCALE (default 1) multiplies request counts; BENCH_REPEAT
// (default 3) sets the rounds per concurrency level (the median round counts);
// BENCH_SEED_ROWS (default 100000) sets the data-path size; BENCH_ONLY=ingest,
// e2e or data (or a comma-separated list) runs only those phases and merges
// them into bench/results.json.
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { bin, root, sleep } from "./lib.mjs";
import { freePort, startStack } from "./stack.mjs";
import { cpuPer, groupCpu } from "./proc-cpu.mjs";

const SCALE = Number(process.env.BENCH_SCALE || 1);
/** `ingest`, `e2e`, `data` or `analytics` (or several, comma-separated): only those phases, merged into an existing bench/results.json. */
const ONLY = process.env.BENCH_ONLY || "";
const PHASES = new Set(ONLY.split(",").map((p) => p.trim()).filter(Boolean));
const RUN_INGEST = !ONLY || PHASES.has("ingest");
/** Outbound webhook deliveries and the store rate ride on the ingest phase of a full run. */
const RUN_HOOKS = !ONLY;
const RUN_E2E = !ONLY || PHASES.has("e2e");
const RUN_DATA = !ONLY || PHASES.has("data");
/** Analytics at 1,000,000 messages (scripts/bench-analytics.mjs, its own stack and BENCH_MESSAGES/BENCH_CONTACTS). */
const RUN_ANALYTICS = !ONLY || PHASES.has("analytics");
const SEED_ROWS = Number(process.env.BENCH_SEED_ROWS || 100_000);
const CHANNELS = 40;
// At least one request per connection: autocannon refuses fewer (a small BENCH_SCALE).
const LEVELS = [
  { connections: 1, amount: Math.max(1, Math.round(200 * SCALE)) },
  { connections: 50, amount: Math.max(50, Math.round(1000 * SCALE)) },
  { connections: 200, amount: Math.max(200, Math.round(1600 * SCALE)) },
];
const RUN_LIMIT_MS = 90_000;
/** Rounds per concurrency level; each target's figure is its median round. */
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT || 3));
const E2E_MESSAGES = Math.round(300 * SCALE);
const DELIVERY_MESSAGES = Math.round(400 * SCALE);
const DATA_REQUESTS = 100;

const children = [];
const servers = [];
let stack;

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s[s.length - 1] ?? NaN };
};
const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : "-");

// ---------------------------------------------------------------- local servers

/** A fake Graph API: answers every send, remembers when each text send to a number arrived. */
function fakeGraph() {
  const sends = new Map();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      // Connecting a channel asks whether the token owns the number: it does.
      const lookup = /^\/v\d+\.\d+\/(\d+)\?fields=/.exec(req.url ?? "");
      if (req.method === "GET" && lookup) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ id: lookup[1], display_phone_number: "+1 555 0100", verified_name: "Bench" }));
      }
      try {
        const j = JSON.parse(body || "{}");
        if (j.to && j.type) {
          const to = String(j.to).replace(/\D/g, "");
          const waiter = sends.get(to);
          if (typeof waiter === "function") waiter(performance.now());
          else sends.set(to, performance.now());
        }
      } catch {
        /* not JSON: still answer */
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ messaging_product: "whatsapp", success: true, messages: [{ id: "wamid.FAKE" + randomBytes(8).toString("hex") }] }));
    });
  });
  /** Resolves with the arrival time of the first text send to `to`. */
  const waitFor = (to, timeoutMs) =>
    new Promise((resolve) => {
      const seen = sends.get(to);
      if (typeof seen === "number") return resolve(seen);
      const timer = setTimeout(() => {
        sends.delete(to);
        resolve(null);
      }, timeoutMs);
      sends.set(to, (t) => {
        clearTimeout(timer);
        sends.delete(to);
        resolve(t);
      });
    });
  return { server, waitFor };
}

/** A customer's webhook endpoint: counts deliveries and their arrival times. */
function subscriber() {
  const arrivals = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      arrivals.push(performance.now());
      res.writeHead(200).end("ok");
    });
  });
  return { server, arrivals };
}

async function listen(server) {
  const port = await freePort();
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  servers.push(server);
  return port;
}

// ---------------------------------------------------------------- floor workers

async function startFloor(name, config) {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), `parley-bench-${name}-`));
  // Served exactly like the stack (scripts/dev/serve.mjs: wrangler's runtime, no DevTools inspector).
  const nodeBin = existsSync(bin("node")) ? bin("node") : process.execPath;
  const child = spawn(nodeBin, [join(root, "scripts", "dev", "serve.mjs"), "--config", config, "--port", String(port), "--persist-to", state], {
    cwd: root,
    stdio: ["ignore", "ignore", "ignore"],
    detached: true,
    env: { ...process.env, CI: "true" },
  });
  children.push({ child, state });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`${name} worker did not start`);
    const res = await fetch(base + "/", { method: "POST", body: "{}" }).catch(() => null);
    if (res) break;
    await sleep(300);
  }
  return { base, stateDir: state, pid: child.pid };
}

function stopAll() {
  for (const { child, state } of children) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* gone */
    }
    rmSync(state, { recursive: true, force: true });
  }
  for (const s of servers) s.close();
}

// ---------------------------------------------------------------- load

const metaDelivery = (phoneNumberId, from, id, text) =>
  JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "1", phone_number_id: phoneNumberId }, contacts: [{ wa_id: from, profile: { name: "Bench" } }], messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: text } }] } }] }],
  });
const sign = (secret, raw) => "sha256=" + createHmac("sha256", secret).update(raw).digest("hex");

/** `count` signed deliveries spread over the channels, each with a unique message id. */
function deliveries(channels, secretOf, tag, count) {
  return Array.from({ length: count }, (_, i) => {
    const ch = channels[i % channels.length];
    const from = `62811${String(1_000_000 + (i % 500)).padStart(7, "0")}`;
    const raw = metaDelivery(ch.phoneNumberId, from, `wamid.BENCH${tag}${i}${randomBytes(4).toString("hex")}`, `message ${i}`);
    return { path: `/webhooks/meta/${ch.id}`, raw, sig: sign(secretOf(ch), raw) };
  });
}

/**
 * One autocannon run; latencies are taken per response so p95 is exact. The
 * rate is counted here, from the first request to the last response:
 * autocannon's own `duration` only moves in whole seconds (it notices the end
 * on its one-second sampling tick), which would cap a fast target's rate.
 */
async function drive(base, bodies, connections) {
  let next = 0;
  const latencies = [];
  let first = null;
  let last = null;
  const instance = autocannon({
    url: base,
    connections,
    amount: bodies.length,
    timeout: 10,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          first ??= performance.now();
          const b = bodies[next++ % bodies.length];
          return { ...req, path: b.path, body: b.raw, headers: { "content-type": "application/json", "x-hub-signature-256": b.sig } };
        },
      },
    ],
  });
  instance.on("response", (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
    last = performance.now();
  });
  const watchdog = setTimeout(() => instance.stop(), RUN_LIMIT_MS);
  const result = await instance;
  clearTimeout(watchdog);
  const l = stats(latencies);
  const seconds = first !== null && last !== null && last > first ? (last - first) / 1000 : result.duration || 1;
  return {
    requests: result.requests.total,
    seconds: +seconds.toFixed(3),
    rps: latencies.length / seconds,
    ok: result["2xx"],
    errors: result.errors + result.timeouts + result.non2xx,
    timeouts: result.timeouts,
    p50: l.p50,
    p95: l.p95,
    p99: l.p99,
    max: l.max,
  };
}

function med(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Per process role, the median of the runs' CPU readings; null without them. */
function medianCpu(readings) {
  const all = readings.filter(Boolean);
  if (!all.length) return null;
  return { worker: med(all.map((c) => c.worker)), proxy: med(all.map((c) => c.proxy)), node: med(all.map((c) => c.node)) };
}

/** The median run of several (by rate); its latencies are the medians of the runs' percentiles. */
function medianRun(runs) {
  const sum = (k) => runs.reduce((a, r) => a + r[k], 0);
  return {
    runs: runs.length,
    requests: sum("requests"),
    rps: med(runs.map((r) => r.rps)),
    ok: sum("ok"),
    errors: sum("errors"),
    timeouts: sum("timeouts"),
    p50: med(runs.map((r) => r.p50)),
    p95: med(runs.map((r) => r.p95)),
    p99: med(runs.map((r) => r.p99)),
    max: Math.max(...runs.map((r) => r.max)),
    // CPU ms per request while the load ran, and per message stored after it (until the backlog drained).
    cpu: medianCpu(runs.map((r) => r.cpu)),
    cpuAfter: medianCpu(runs.map((r) => r.cpuAfter)),
    each: runs.map((r) => ({ rps: +r.rps.toFixed(1), p50: r.p50, p99: r.p99, errors: r.errors })),
  };
}

// ---------------------------------------------------------------- D1 (the stack's local file)

function d1Path(stateDir) {
  const dir = join(stateDir, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (!file) throw new Error(`no local D1 database under ${dir}`);
  return join(dir, file);
}
const d1 = (stateDir, readOnly = true) => {
  const db = new DatabaseSync(d1Path(stateDir), { readOnly });
  db.exec("PRAGMA busy_timeout = 5000");
  return db;
};
const inboundCount = (stateDir, tenantId) => {
  const db = d1(stateDir);
  try {
    return db.prepare("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'inbound'").get(tenantId).n;
  } finally {
    db.close();
  }
};

/** Messages the stored floor has written (its table appears with its first batch). */
const floorStoredCount = (stateDir) => {
  let db;
  try {
    db = d1(stateDir);
    return db.prepare("SELECT count(*) AS n FROM messages").get().n;
  } catch {
    return 0;
  } finally {
    db?.close();
  }
};

async function waitForStored(stateDir, tenantId, expected, timeoutMs, countOf = () => inboundCount(stateDir, tenantId)) {
  const deadline = Date.now() + timeoutMs;
  let n = 0;
  while (Date.now() < deadline) {
    n = countOf();
    if (n >= expected) return { n, drained: true };
    await sleep(200);
  }
  return { n, drained: false };
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
function ulid(time) {
  let t = "";
  for (let i = 9, v = time; i >= 0; i--, v = Math.floor(v / 32)) t = CROCKFORD[v % 32] + t;
  let r = "";
  for (const b of randomBytes(16)) r += CROCKFORD[b % 32];
  return t + r;
}

/** `rows` contacts, each with a conversation on `channelId`, written straight into the local D1 file. */
function seedTenant(db, tenantId, channelId, rows) {
  const insContact = db.prepare(
    "INSERT INTO contacts (id, tenant_id, wa_id, phone, name, email, lead_score, stage, last_message_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)",
  );
  const insConv = db.prepare(
    "INSERT INTO conversations (id, tenant_id, contact_id, channel_id, unread_count, last_message_at, last_inbound_at, last_message_preview, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
  );
  const start = Date.now() - rows * 60_000;
  const names = ["Budi", "Siti", "Agus", "Dewi", "Rina", "Joko", "Ayu", "Eko", "Wati", "Putri"];
  db.exec("BEGIN");
  for (let i = 0; i < rows; i++) {
    const created = start + i * 60_000;
    const wa = `6285${String(tenantId.length * 1e8 + i).slice(-9).padStart(9, "0")}`;
    const contactId = `con_${ulid(created)}`;
    const last = i % 7 === 0 ? null : created + ((i * 7919) % 86_400_000);
    insContact.run(contactId, tenantId, wa, `+${wa}`, `${names[i % names.length]} ${i}`, `user${i}@example.com`, i % 101, last, created, created);
    insConv.run(`cnv_${ulid(created)}`, tenantId, contactId, channelId, last, last, `hello ${i}`, created, created);
  }
  db.exec("COMMIT");
}

// ---------------------------------------------------------------- Parley set-up

async function parleyClient(base, channelCount = CHANNELS) {
  const email = `bench-${randomBytes(4).toString("hex")}@example.com`;
  const signup = await fetch(`${base}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password: "bench-password-123", tenantName: "Bench" }),
  });
  if (!signup.ok) throw new Error(`signup failed: ${signup.status} ${await signup.text()}`);
  const cookie = signup.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const keyRes = await fetch(`${base}/api/api-keys`, { method: "POST", headers: { "content-type": "application/json", origin: base, cookie }, body: JSON.stringify({ name: "bench" }) });
  const key = (await keyRes.json()).key;
  const api = async (method, path, body) => {
    const r = await fetch(base + path, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const channels = [];
  for (let i = 0; i < channelCount; i++) {
    const appSecret = randomBytes(16).toString("hex");
    const phoneNumberId = "1" + String(Date.now()).slice(-10) + String(1000 + i);
    const ch = await api("POST", "/api/channels", { type: "meta", name: `Bench ${i}`, phoneNumberId, accessToken: "EAAG" + randomBytes(12).toString("hex"), appSecret });
    channels.push({ id: ch.id, phoneNumberId, appSecret });
  }
  const sandbox = (await api("GET", "/api/channels")).data.find((c) => c.type === "sandbox");
  const reconnect = (newBase) => async (method, path, body) => {
    const r = await fetch(newBase + path, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { api, channels, sandboxId: sandbox.id, reconnect };
}

// ---------------------------------------------------------------- main

// Interrupted: stop what this run started before leaving.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopAll();
    Promise.resolve(stack?.stop()).finally(() => process.exit(130));
  });
}

const report = { startedAt: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1e9), loadAverageAtStart: loadavg().map((x) => +x.toFixed(2)), node: process.version }, ingest: [], notes: [] };

try {
  const graph = fakeGraph();
  const graphPort = await listen(graph.server);
  process.env.WHATSAPP_GRAPH_API_URL = `http://127.0.0.1:${graphPort}/v21.0`;
  const sub = subscriber();
  const subPort = await listen(sub.server);

  console.log("› starting Parley, the no-op, essential and stored workers (the same local workerd, scripts/dev/serve.mjs)");
  [stack] = await Promise.all([startStack({ name: "bench" })]);
  const noop = RUN_INGEST ? await startFloor("noop", "bench/noop.toml") : null;
  const essential = RUN_INGEST ? await startFloor("essential", "bench/essential.toml") : null;
  const stored = RUN_INGEST ? await startFloor("stored", "bench/stored.toml") : null;
  const parley = await parleyClient(stack.base);
  const tenantId = (() => {
    const db = d1(stack.stateDir);
    try {
      return db.prepare("SELECT tenant_id AS t FROM channels WHERE id = ?").get(parley.channels[0].id).t;
    } finally {
      db.close();
    }
  })();
  await parley.api("PATCH", "/api/bot-settings", { enabled: false });

  const cpuOf = (served) => (served ? () => groupCpu(served.pid, served.stateDir) : () => null);
  const targets = [
    { name: "no-op", base: noop?.base, secretOf: () => "unused", cpu: cpuOf(noop) },
    { name: "essential", base: essential?.base, secretOf: (ch) => `bench-secret-${ch.id}`, cpu: cpuOf(essential) },
    { name: "stored", base: stored?.base, secretOf: (ch) => `bench-secret-${ch.id}`, cpu: cpuOf(stored) },
    { name: "Parley", base: stack.base, secretOf: (ch) => ch.appSecret, cpu: cpuOf(stack) },
  ];

  let expected = 0;
  if (RUN_INGEST) {
  console.log("› warming up");
  for (const t of targets) await drive(t.base, deliveries(parley.channels, t.secretOf, `warm${t.name}`, 200), 10);
  expected = 200;
  let expectedByFloor = 200;
  await waitForStored(stack.stateDir, tenantId, expected, 60_000);
  await waitForStored(null, null, expectedByFloor, 60_000, () => floorStoredCount(stored.stateDir));

  // ------------------------------------------------------------ ingest, side by side
  let storeRate = null;
  let floorStoreRate = null;
  for (const level of LEVELS) {
    const row = { connections: level.connections };
    const runs = Object.fromEntries(targets.map((t) => [t.name, []]));
    // Rounds interleave the three targets, so a change in the machine's load touches all of them alike.
    for (let round = 0; round < REPEAT; round++) {
      for (const t of targets) {
        const bodies = deliveries(parley.channels, t.secretOf, `c${level.connections}r${round}${t.name}`, level.amount);
        const started = performance.now();
        const cpuBefore = t.cpu();
        const r = await drive(t.base, bodies, level.connections);
        const cpuAfter = t.cpu();
        r.cpu = cpuPer(cpuBefore, cpuAfter, r.requests);
        runs[t.name].push(r);
        console.log(`  c=${String(level.connections).padStart(3)} ${t.name.padEnd(9)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)} ms  errors ${r.errors}`);
        if (t.name === "Parley") {
          // Let the consumer finish before the next measurement, so runs do not overlap.
          expected += r.ok;
          const drained = await waitForStored(stack.stateDir, tenantId, expected, 180_000);
          r.cpuAfter = cpuPer(cpuAfter, t.cpu(), r.ok);
          const seconds = (performance.now() - started) / 1000;
          if (!drained.drained) report.notes.push(`c=${level.connections}: only ${drained.n} of ${expected} messages stored after 180 s`);
          if (level.connections === 200 && round === 0) storeRate = { messages: r.ok, seconds: +seconds.toFixed(2), perSecond: +(r.ok / seconds).toFixed(1) };
        }
        if (t.name === "stored") {
          // Its backlog too is drained before the next target runs.
          expectedByFloor += r.ok;
          const drained = await waitForStored(null, null, expectedByFloor, 180_000, () => floorStoredCount(stored.stateDir));
          r.cpuAfter = cpuPer(cpuAfter, t.cpu(), r.ok);
          const seconds = (performance.now() - started) / 1000;
          if (!drained.drained) report.notes.push(`c=${level.connections}: the stored floor kept only ${drained.n} of ${expectedByFloor} messages after 180 s`);
          if (level.connections === 200 && round === 0) floorStoreRate = { messages: r.ok, seconds: +seconds.toFixed(2), perSecond: +(r.ok / seconds).toFixed(1) };
        }
      }
    }
    for (const t of targets) row[t.name] = medianRun(runs[t.name]);
    row.ratioToNoop = row.Parley.rps / row["no-op"].rps;
    row.ratioToEssential = row.Parley.rps / row.essential.rps;
    row.ratioToStored = row.Parley.rps / row.stored.rps;
    row.p99VsNoop = row.Parley.p99 / row["no-op"].p99;
    report.ingest.push(row);
  }
  report.inboundStoreRate = storeRate;
  report.storedFloorStoreRate = floorStoreRate;

  // ------------------------------------------------------------ outbound webhook deliveries per second
  if (RUN_HOOKS) {
  console.log("› outbound webhook deliveries");
  await parley.api("POST", "/api/webhook-endpoints", { url: `http://127.0.0.1:${subPort}/hook`, events: ["message.received"], rateLimitPerSecond: 1000 });
  sub.arrivals.length = 0;
  const forHooks = deliveries(parley.channels, (ch) => ch.appSecret, "hooks", DELIVERY_MESSAGES);
  const hookRun = await drive(stack.base, forHooks, 50);
  expected += hookRun.ok;
  const hookDeadline = Date.now() + 180_000;
  while (sub.arrivals.length < hookRun.ok && Date.now() < hookDeadline) await sleep(200);
  const span = (sub.arrivals[sub.arrivals.length - 1] - sub.arrivals[0]) / 1000;
  report.webhookDeliveries = { delivered: sub.arrivals.length, expected: hookRun.ok, seconds: +span.toFixed(2), perSecond: +(sub.arrivals.length / (span || 1)).toFixed(1) };
  await waitForStored(stack.stateDir, tenantId, expected, 120_000);
  }
  }

  // ------------------------------------------------------------ message → bot answer handed to the provider
  if (RUN_E2E) {
  // Requests the load tool gave up on (timeouts) may still be stored after the drain above:
  // wait until nothing more arrives, so the bot is not switched on under their backlog.
  for (let last = -1, n = inboundCount(stack.stateDir, tenantId), until = Date.now() + 120_000; n !== last && Date.now() < until; ) {
    await sleep(2000);
    [last, n] = [n, inboundCount(stack.stateDir, tenantId)];
  }
  {
    const db = d1(stack.stateDir, false);
    db.prepare("UPDATE tenants SET plan = 'scale' WHERE id = ?").run(tenantId);
    db.prepare("DELETE FROM credit_accounts WHERE tenant_id = ?").run(tenantId);
    db.close();
  }
  await parley.api("PATCH", "/api/bot-settings", { enabled: true, burstSeconds: 0 });
  await parley.api("POST", "/api/knowledge", { title: "Opening hours", content: "We are open Monday to Friday, 08:00 to 16:00." });
  /** `count` customers, `concurrency` at a time, each asking once and waiting for the answer's send. */
  const answerLatency = async (concurrency, count, tag, textOf = () => "When are you open?") => {
    const e2e = [];
    let unanswered = 0;
    const silent = [];
    let nextMsg = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (nextMsg < count) {
          const i = nextMsg++;
          const ch = parley.channels[i % parley.channels.length];
          const from = `628${tag}${String(1_000_000 + i).padStart(7, "0")}`;
          const raw = metaDelivery(ch.phoneNumberId, from, `wamid.E2E${tag}${i}${randomBytes(4).toString("hex")}`, textOf(i));
          const answered = graph.waitFor(from, 30_000);
          const t = performance.now();
          const res = await fetch(`${stack.base}/webhooks/meta/${ch.id}`, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": sign(ch.appSecret, raw) }, body: raw });
          await res.arrayBuffer();
          const at = await answered;
          if (at === null) {
            unanswered++;
            silent.push(textOf(i));
          }
          else e2e.push(at - t);
        }
      }),
    );
    return { concurrency, ...stats(e2e), unanswered, ...(silent.length ? { unansweredMessages: [...new Set(silent)] } : {}), seconds: +((performance.now() - started) / 1000).toFixed(2) };
  };
  console.log("› message → answer, one at a time");
  report.messageToAnswerSequential = await answerLatency(1, Math.round(30 * SCALE), "97");
  console.log("› message → answer at concurrency 50");
  report.messageToAnswer = await answerLatency(50, E2E_MESSAGES, "99");
  // A large knowledge base: the evaluation sets' businesses (test/eval), whole sets in name order while their entries
  // stay under 1,450 (about one chunk each), so the knowledge is still matched whole (up to 1,500 chunks), the costliest
  // size; and those sets' customers' questions.
  const evalDir = join(root, "test", "eval");
  const entries = [];
  const questions = [];
  for (const f of readdirSync(evalDir).filter((f) => f.endsWith("knowledge.json")).sort()) {
    const more = Object.values(JSON.parse(readFileSync(join(evalDir, f), "utf8"))).flat();
    if (entries.length + more.length > 1450) continue;
    entries.push(...more);
    const cases = JSON.parse(readFileSync(join(evalDir, f.replace(/knowledge\.json$/, "cases.json")), "utf8"));
    questions.push(...cases.filter((c) => c.category === "in_knowledge").map((c) => c.message));
  }
  console.log(`› message → answer with ${entries.length} knowledge entries, one at a time`);
  for (const e of entries) {
    // The API key's 1,200 requests a minute: wait for the next minute when they run out.
    for (let tries = 0; ; tries++) {
      try {
        await parley.api("POST", "/api/knowledge", { title: e.title, content: e.content });
        break;
      } catch (err) {
        if (!/: 429 /.test(String(err)) || tries > 20) throw err;
        await sleep(5000);
      }
    }
  }
  const chunks = (() => {
    const db = d1(stack.stateDir);
    try {
      return db.prepare("SELECT count(*) AS n FROM knowledge_chunks WHERE tenant_id = ?").get(tenantId).n;
    } finally {
      db.close();
    }
  })();
  const step = Math.max(1, Math.floor(questions.length / 60));
  report.messageToAnswerLargeKnowledge = { entries: entries.length, chunks, ...(await answerLatency(1, Math.round(60 * SCALE), "95", (i) => questions[(i * step) % questions.length])) };
  await parley.api("PATCH", "/api/bot-settings", { enabled: false });
  }

  // ------------------------------------------------------------ data paths at 100k
  if (RUN_DATA) {
  console.log(`› seeding ${SEED_ROWS} contacts and conversations (and another tenant's beside them)`);
  const other = await parleyClient(stack.base, 0);
  // The rows go straight into the local D1 file while the stack is stopped (an
  // open workerd would see the file locked), then the stack restarts on it.
  const stateDir = stack.stateDir;
  await stack.stop({ keepState: true });
  {
    const db = d1(stateDir, false);
    const t = performance.now();
    seedTenant(db, tenantId, parley.sandboxId, SEED_ROWS);
    const otherTenant = db.prepare("SELECT tenant_id AS t FROM channels WHERE id = ?").get(other.sandboxId).t;
    seedTenant(db, otherTenant, other.sandboxId, SEED_ROWS);
    db.exec("ANALYZE");
    db.close();
    report.notes.push(`seeded ${2 * SEED_ROWS} contacts and ${2 * SEED_ROWS} conversations in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  stack = await startStack({ name: "bench", stateDir });
  parley.api = parley.reconnect(stack.base);
  const paths = {
    // The API's fixed cost (API key, tenant, rate limit, one indexed read): the floor the lists compare to.
    "API floor: bot settings (one row)": "/api/bot-settings",
    "contacts list": "/api/contacts?limit=50",
    "contacts list, sort=lastMessage": "/api/contacts?limit=50&sort=lastMessage",
    "contacts search (name)": "/api/contacts?limit=50&q=Siti%2099",
    "contacts search (rare)": "/api/contacts?limit=50&q=nobody-by-this-name",
    "contacts search (phone digits)": "/api/contacts?limit=50&q=0850000",
    // One or two characters: a prefix of the name or email ("bu": a tenth of the names; "zq": none).
    "contacts search (2 characters)": "/api/contacts?limit=50&q=bu",
    "contacts search (2 characters, rare)": "/api/contacts?limit=50&q=zq",
    "conversations list": "/api/conversations?limit=50",
    "conversations list, sort=lastMessage": "/api/conversations?limit=50&sort=lastMessage",
    // The inbox search: contact name or number, or words of a message (none are seeded, so the
    // message index answers from an empty part of messages_fts).
    "conversations search (name)": "/api/conversations?limit=50&sort=lastMessage&q=Siti%2099",
    "conversations search (rare)": "/api/conversations?limit=50&sort=lastMessage&q=nobody-by-this-name",
    "conversations search (phone digits)": "/api/conversations?limit=50&sort=lastMessage&q=0850000",
  };
  report.dataPaths = { rows: SEED_ROWS, tenantsBeside: 1, results: {} };
  // The API allows one key 1,200 requests per clock minute (the limiter's fixed windows), and the phases before
  // use the same key: a refused request waits for the next minute, untimed, and is sent again (twice at most);
  // only the answered attempt is timed.
  const nextMinute = () => sleep(60_000 - (Date.now() % 60_000) + 200);
  const timedGet = async (path) => {
    for (let refused = 0; ; refused++) {
      const t = performance.now();
      try {
        await parley.api("GET", path);
        return performance.now() - t;
      } catch (err) {
        if (!/: 429 /.test(String(err)) || refused >= 2) throw err;
        await nextMinute();
      }
    }
  };
  for (const [label, path] of Object.entries(paths)) {
    const times = [];
    for (let i = 0; i < DATA_REQUESTS / 5; i++) await timedGet(path); // warm
    for (let i = 0; i < DATA_REQUESTS; i++) times.push(await timedGet(path));
    report.dataPaths.results[label] = stats(times);
  }
  }
  if (RUN_ANALYTICS) {
    console.log("› analytics at size (scripts/bench-analytics.mjs)");
    const { benchAnalytics } = await import("./bench-analytics.mjs");
    report.analytics = await benchAnalytics({ messages: Number(process.env.BENCH_MESSAGES || 1_000_000), contacts: Number(process.env.BENCH_CONTACTS || 100_000) });
  }
} catch (err) {
  console.error(`bench failed: ${err.stack ?? err}`);
  report.error = String(err);
  process.exitCode = 1;
} finally {
  stopAll();
  await stack?.stop();
}

// ---------------------------------------------------------------- report
report.finishedAt = new Date().toISOString();
report.machine.loadAverageAtEnd = loadavg().map((x) => +x.toFixed(2));
mkdirSync(join(root, "bench"), { recursive: true });
const resultsPath = join(root, "bench", "results.json");
let written = report;
if (ONLY) {
  // Keep the figures of the last full run; replace the phase this run measured.
  let previous = {};
  try {
    previous = JSON.parse(readFileSync(resultsPath, "utf8"));
  } catch {
    /* no earlier run */
  }
  const run = { startedAt: report.startedAt, finishedAt: report.finishedAt, machine: report.machine, notes: report.notes, error: report.error };
  written = { ...previous };
  if (RUN_INGEST) Object.assign(written, { ingest: report.ingest, inboundStoreRate: report.inboundStoreRate, storedFloorStoreRate: report.storedFloorStoreRate, ingestRun: run });
  if (RUN_E2E) Object.assign(written, { messageToAnswer: report.messageToAnswer, messageToAnswerSequential: report.messageToAnswerSequential, messageToAnswerLargeKnowledge: report.messageToAnswerLargeKnowledge, messageToAnswerRun: run });
  if (RUN_DATA) Object.assign(written, { dataPaths: report.dataPaths, dataPathsRun: run });
  if (RUN_ANALYTICS) Object.assign(written, { analytics: report.analytics, analyticsRun: run });
}
writeFileSync(resultsPath, JSON.stringify(written, null, 2) + "\n");

const line = (cols, widths) => cols.map((c, i) => String(c).padStart(widths[i])).join("  ");
const W = [5, 10, 9, 9, 9, 9, 7, 9];
console.log(`\nIngest: signed Meta deliveries over ${CHANNELS} channels, unique message ids (autocannon; latencies in ms)`);
console.log(line(["c", "target", "req/s", "p50", "p95", "p99", "errors", "×no-op"], W));
for (const row of report.ingest) {
  for (const name of ["no-op", "essential", "stored", "Parley"]) {
    const r = row[name];
    if (!r) continue;
    const floor = row["no-op"].rps;
    console.log(line([row.connections, name, r.rps.toFixed(0), ms(r.p50), ms(r.p95), ms(r.p99), r.errors + (r.timeouts ? ` (${r.timeouts} t/o)` : ""), (r.rps / floor).toFixed(2)], W));
  }
}
if (report.ingest.some((row) => row.Parley?.cpu)) {
  console.log("\nCPU per request while the load ran, by process (ms; /proc; medians). After: per message stored once the load stopped, until the backlog drained.");
  const C = [5, 10, 8, 8, 8, 14];
  console.log(line(["c", "target", "worker", "proxy", "node", "worker after"], C));
  for (const row of report.ingest) {
    for (const name of ["no-op", "essential", "stored", "Parley"]) {
      const c = row[name]?.cpu;
      if (!c) continue;
      const after = row[name].cpuAfter;
      console.log(line([row.connections, name, c.worker.toFixed(2), c.proxy.toFixed(2), c.node.toFixed(2), after ? after.worker.toFixed(2) : "–"], C));
    }
  }
}
for (const e of [report.messageToAnswerSequential, report.messageToAnswer].filter(Boolean)) {
  console.log(`\nMessage → bot answer handed to the provider (c=${e.concurrency}, n=${e.n}): p50 ${ms(e.p50)}  p95 ${ms(e.p95)}  p99 ${ms(e.p99)} ms  unanswered ${e.unanswered}`);
}
const large = report.messageToAnswerLargeKnowledge;
if (large) console.log(`Message → bot answer with ${large.entries} knowledge entries (${large.chunks} chunks), customers' own questions (c=1, n=${large.n}): p50 ${ms(large.p50)}  p95 ${ms(large.p95)}  p99 ${ms(large.p99)}  max ${ms(large.max)} ms  unanswered ${large.unanswered}`);
if (report.webhookDeliveries) console.log(`Outbound webhook deliveries: ${report.webhookDeliveries.perSecond}/s (${report.webhookDeliveries.delivered}/${report.webhookDeliveries.expected} in ${report.webhookDeliveries.seconds} s)`);
if (report.inboundStoreRate) console.log(`Messages stored through the inbound path (webhook → queue → DO → D1 insert), c=200 run: ${report.inboundStoreRate.perSecond}/s`);
if (report.storedFloorStoreRate) console.log(`Messages stored by the stored floor (one D1 batch per queue batch), c=200 run: ${report.storedFloorStoreRate.perSecond}/s`);
if (report.dataPaths) {
  console.log(`\nData paths: ${report.dataPaths.rows} contacts and conversations in the tenant, as many in another (sequential, ${DATA_REQUESTS} requests each, ms)`);
  const floor = Object.values(report.dataPaths.results)[0];
  for (const [label, s] of Object.entries(report.dataPaths.results)) {
    console.log(`  ${label.padEnd(38)} p50 ${ms(s.p50).padStart(6)}  p95 ${ms(s.p95).padStart(6)}  p99 ${ms(s.p99).padStart(6)}  p95 × floor ${(s.p95 / floor.p95).toFixed(2)}`);
  }
}
for (const n of report.notes) console.log(`note: ${n}`);
console.log(`\nmachine: ${report.machine.cpus} × ${report.machine.cpu}, load ${report.machine.loadAverageAtStart.join(" ")} → ${report.machine.loadAverageAtEnd.join(" ")}; written to bench/results.json`);
process.exit(process.exitCode ?? 0);
