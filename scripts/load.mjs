// `npm run load`: the reliability run. A throwaway local stack (loopback only)
// with fault injection on, a fake Graph API that fails a share of sends, and a
// webhook subscriber that goes down for a stretch. Signed Meta deliveries (every
// one sent 3 times, shuffled, concurrently, statuses interleaved, some carrying
// several messages or a malformed event) across several tenants and channels;
// some customers send STOP and are then written to by agents and the API.
// Prints what it counted and exits non-zero on any loss, duplicate or violation.
//
//   npm run load                         10,000 deliveries
//   npm run load -- --small              a few hundred, every fault at least once (part of `npm test`)
//   npm run load -- --deliveries=3000 --seed=7 --concurrency=24
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { sleep } from "./lib.mjs";
import { prng, startFakeGraph, startFakeSubscriber } from "./load/fakes.mjs";
import { startLoadStack } from "./load/stack.mjs";

process.removeAllListeners("warning"); // node:sqlite's "experimental" notice
const { DatabaseSync } = await import("node:sqlite");

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const hit = argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const SMALL = argv.includes("--small");
const DELIVERIES = Number(opt("deliveries", SMALL ? 300 : 10_000));
const SEED = Number(opt("seed", 20261204));
const CONCURRENCY = Number(opt("concurrency", SMALL ? 8 : 16));
const COPIES = 3;
// A hard bound on the whole run; a stuck run fails instead of hanging CI.
const RUN_DEADLINE_MS = Number(opt("deadline-seconds", SMALL ? 300 : 570)) * 1000;
// How long a phase may make no progress before it is judged finished.
const IDLE_MS = SMALL ? 20_000 : 60_000;

// The small run checks that every fault fired at least once. The first call at each point with a rate
// always fails (worker/lib/faults.ts), so a point is missed only when the run never reaches it. The
// responder's rate is 0.3: several of the 10 questions' turns fail, and most are still answered.
const FAULTS = SMALL
  ? { "conversation.afterClaim": 0.08, "conversation.afterInsert": 0.08, "conversation.afterEmit": 0.08, "outbound.afterProviderAccepted": 0.2, responder: 0.3 }
  : { "conversation.afterClaim": 0.02, "conversation.afterInsert": 0.02, "conversation.afterEmit": 0.02, "outbound.afterProviderAccepted": 0.03, responder: 0.05 };
const GRAPH_RATES = SMALL ? { http500: 0.08, throttled: 0.08, timeout: 0.03 } : { http500: 0.05, throttled: 0.05, timeout: 0.005 };

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (s) => console.log(`[${elapsed().padStart(5)}] ${s}`);
const random = prng(SEED);
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const shuffle = (xs) => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
};
const runId = randomBytes(3).toString("hex").toUpperCase();
const overDeadline = () => Date.now() - started > RUN_DEADLINE_MS;
// Posting stops after 55 % of the time left when it starts, so the run keeps time to settle and judge what it posted.
let postingEndsAt = Infinity;
const overPostingBudget = () => Date.now() > postingEndsAt;

/** Poll `probe` until `done(value)`, no change in `progress(value)` for IDLE_MS, or the run's deadline. */
async function settle(label, probe, { done, progress = (v) => JSON.stringify(v), idleMs = IDLE_MS, everyMs = 1000 }) {
  let last;
  let lastChange = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) return { value, settled: true };
    const p = progress(value);
    if (p !== last) {
      last = p;
      lastChange = Date.now();
    }
    if (Date.now() - lastChange > idleMs || overDeadline()) {
      say(`${label}: no progress for ${((Date.now() - lastChange) / 1000).toFixed(0)} s; judging what is there`);
      return { value, settled: false };
    }
    await sleep(everyMs);
  }
}

async function pool(items, concurrency, fn, stop = overDeadline) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length && !stop()) await fn(items[next++]);
    }),
  );
}

// ---- the outside world ---------------------------------------------------
const numbers = new Map(); // phoneNumberId → { accessToken, display, name, channel }
const secrets = []; // every secret the run hands to the stack: none may appear in its log
const statusQueue = []; // status deliveries waiting to be posted { at, body, channel }
let subscriberDown = false;
const subscriberSecrets = new Map(); // tenant id → whsec_ secret of its endpoint
let stack = null;
let graph = null;
let subscriber = null;
let db = null;

const cleanup = async () => {
  db?.close();
  await Promise.allSettled([stack?.stop(), graph?.stop(), subscriber?.stop()]);
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    console.error(`\n${signal}: stopping the stack`);
    await cleanup();
    process.exit(130);
  });
}
process.on("exit", () => stack?.killNow());

const ingress = { posts: 0, byStatus: {}, fiveXx: 0, networkErrors: 0, gaveUp: 0 };

const metaDelivery = (channel, value) => {
  const raw = JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: channel.wabaId, changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: channel.display, phone_number_id: channel.phoneNumberId }, ...value } }] }] });
  return { channel, raw, sig: "sha256=" + createHmac("sha256", channel.appSecret).update(raw).digest("hex") };
};

/** Post one signed delivery the way Meta does: retried on 429, 5xx and network errors. */
async function post({ channel, raw, sig }) {
  for (let attempt = 0; attempt < 8; attempt++) {
    ingress.posts++;
    let status;
    try {
      const res = await fetch(`${stack.base}/webhooks/meta/${channel.id}`, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": sig }, body: raw });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      ingress.networkErrors++;
    }
    if (status) ingress.byStatus[status] = (ingress.byStatus[status] ?? 0) + 1;
    if (status >= 500) ingress.fiveXx++;
    if (status && status < 300) return status;
    if (status && status !== 429 && status < 500) return status;
    await sleep(Math.min(5000, 200 * 2 ** attempt));
  }
  ingress.gaveUp++;
  return 0;
}

const statusValue = (send, status) => ({
  statuses: [
    {
      id: send.providerMessageId,
      status,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: send.to,
      ...(send.callbackData ? { biz_opaque_callback_data: send.callbackData } : {}),
      conversation: { id: "c" + send.seq, origin: { type: "service" } },
      pricing: { billable: true, pricing_model: "CBP", category: "service" },
    },
  ],
});

async function onAccepted(send) {
  const channel = numbers.get(send.phoneNumberId)?.channel;
  if (!channel) return;
  // A share of sends report `sent` before the send's answer reaches Parley.
  if (random() < 0.3) await post(metaDelivery(channel, statusValue(send, "sent")));
  for (const status of ["delivered", "read"]) {
    for (let c = 0; c < COPIES; c++) statusQueue.push({ at: Date.now() + random() * 3000, delivery: metaDelivery(channel, statusValue(send, status)) });
  }
}

let pumping = true;
const statusPosted = { n: 0 };
async function statusPump() {
  const inflight = new Set();
  while (pumping || statusQueue.length || inflight.size) {
    const now = Date.now();
    shuffle(statusQueue);
    for (let i = statusQueue.length - 1; i >= 0 && inflight.size < 4; i--) {
      if (statusQueue[i].at > now && pumping) continue;
      const [item] = statusQueue.splice(i, 1);
      const p = post(item.delivery).finally(() => {
        inflight.delete(p);
        statusPosted.n++;
      });
      inflight.add(p);
    }
    await sleep(50);
  }
}

// ---- API ---------------------------------------------------------------------
let ipCounter = 1;
async function newTenant(label) {
  const ip = `198.18.${(SEED >> 8) & 255}.${ipCounter++}`;
  const email = `load-${label}-${runId.toLowerCase()}@example.com`;
  const password = `load-${randomBytes(9).toString("hex")}`;
  secrets.push(password);
  const signup = await fetch(`${stack.base}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: stack.base, "cf-connecting-ip": ip },
    body: JSON.stringify({ email, password, tenantName: `Load ${label}` }),
  });
  if (signup.status !== 201) throw new Error(`signup failed: HTTP ${signup.status} ${await signup.text()}`);
  const tenant = (await signup.json()).tenant;
  const cookie = signup.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  secrets.push(...cookie.split("; ").map((c) => c.split("=")[1]).filter((v) => v && v.length >= 16));
  const keyRes = await fetch(`${stack.base}/api/api-keys`, { method: "POST", headers: { "content-type": "application/json", origin: stack.base, cookie }, body: JSON.stringify({ name: "load" }) });
  const key = (await keyRes.json()).key;
  secrets.push(key);
  const api = async (method, path, body) => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(stack.base + path, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
      const text = await res.text();
      if (res.status === 429 && attempt < 10) {
        await sleep(1000 * Number(res.headers.get("retry-after") || 1));
        continue;
      }
      let json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: json };
    }
  };
  const must = async (method, path, body) => {
    const r = await api(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → HTTP ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return { label, id: tenant.id, api, must, channels: [] };
}

async function newMetaChannel(tenant, n) {
  const phoneNumberId = `10${String(SEED).slice(-4)}${String(numbers.size + 1).padStart(4, "0")}${String(Date.now()).slice(-4)}`;
  const accessToken = "EAAG" + randomBytes(20).toString("hex");
  const appSecret = randomBytes(16).toString("hex");
  secrets.push(accessToken, appSecret);
  const display = `1555${String(numbers.size + 1).padStart(7, "0")}`;
  numbers.set(phoneNumberId, { accessToken, display, name: `Load ${tenant.label} ${n}`, wabaId: "2" + phoneNumberId.slice(1) });
  const created = await tenant.must("POST", "/api/channels", { type: "meta", name: `Load ${tenant.label} ${n}`, phoneNumberId, wabaId: "2" + phoneNumberId.slice(1), accessToken, appSecret });
  const channel = { id: created.id, tenant, phoneNumberId, appSecret, display, wabaId: "2" + phoneNumberId.slice(1) };
  numbers.get(phoneNumberId).channel = channel;
  tenant.channels.push(channel);
  return channel;
}

// ---- the run -----------------------------------------------------------------
let failures = [];
const rows = []; // the table: [invariant, count, expected, ok]
const check = (name, value, ok, note = "") => {
  rows.push([name, String(value), note, ok]);
  if (!ok) failures.push(`${name}: ${value}${note ? ` (${note})` : ""}`);
};
const info = (name, value, note = "") => rows.push([name, String(value), note, null]);

try {
  say(`reliability run ${runId}: ${DELIVERIES} deliveries${SMALL ? " (small)" : ""}, seed ${SEED}, concurrency ${CONCURRENCY}`);
  graph = await startFakeGraph({ rates: GRAPH_RATES, seed: SEED, numbers, onAccepted });
  subscriber = await startFakeSubscriber({ secrets: subscriberSecrets, down: () => subscriberDown });
  say(`fake Graph API ${graph.url}; starting the stack with FAULT_INJECTION=${JSON.stringify(FAULTS)}`);
  stack = await startLoadStack({ name: SMALL ? "load-small" : "load", vars: { WHATSAPP_GRAPH_API_URL: graph.url, FAULT_INJECTION: JSON.stringify(FAULTS) } });
  say(`stack up at ${stack.base} (log: ${stack.logPath})`);
  db = new DatabaseSync(stack.d1Path(), { readOnly: true });
  const q = (sql, ...params) => db.prepare(sql).all(...params);

  // Tenants: one with the assistant on (questions and STOPs), two with it off (volume, agents, templates).
  const bot = await newTenant("bot");
  const quiet = [await newTenant("shop1"), await newTenant("shop2")];
  const tenants = [bot, ...quiet];
  for (const t of tenants) {
    const ep = await t.must("POST", "/api/webhook-endpoints", { url: subscriber.url(t.id), events: ["message.received"], rateLimitPerSecond: 1000 });
    t.endpointId = ep.id;
    secrets.push(ep.secret);
    subscriberSecrets.set(t.id, ep.secret);
  }
  await bot.must("PATCH", "/api/bot-settings", { enabled: true, burstSeconds: 1 });
  await bot.must("POST", "/api/knowledge", { title: "Opening hours", content: "We are open Monday to Sunday, 00:00 to 23:59, every day of the year." });
  for (const t of quiet) await t.must("PATCH", "/api/bot-settings", { enabled: false });
  await newMetaChannel(bot, 1);
  for (const t of quiet) for (let n = 1; n <= 2; n++) await newMetaChannel(t, n);
  const quietChannels = quiet.flatMap((t) => t.channels);
  say(`${tenants.length} tenants, ${numbers.size} Meta channels, ${tenants.length} webhook endpoints`);

  // ---- the workload ----
  const unique = Math.ceil(DELIVERIES / COPIES);
  const contactsPerChannel = Math.max(10, Math.round(unique / 12));
  const ts = () => String(Math.floor(Date.now() / 1000));
  const waId = (channel, n) => `62${channel.phoneNumberId.slice(-6)}${String(n).padStart(5, "0")}`;
  const expected = new Map(); // provider message id → { channel, kind, from }
  const malformedMarkers = new Set();
  const questions = []; // { channel, from, pmid }
  const stops = []; // { channel, from, pmid }
  let multi = 0;
  let withMalformed = 0;
  const uniques = [];
  for (let i = 0; i < unique; i++) {
    const r = random();
    if (r < 0.1) {
      const channel = bot.channels[0];
      const from = waId(channel, 50_000 + i);
      const isStop = random() < 0.3;
      const pmid = `wamid.IN${runId}B${i}`;
      const text = isStop ? "STOP" : "What are your opening hours?";
      expected.set(pmid, { channel, kind: isStop ? "stop" : "question", from });
      (isStop ? stops : questions).push({ channel, from, pmid });
      uniques.push({ ...metaDelivery(channel, { contacts: [{ wa_id: from, profile: { name: `Customer ${i}` } }], messages: [{ from, id: pmid, timestamp: ts(), type: "text", text: { body: text } }] }), ids: [pmid], marker: null });
      continue;
    }
    const channel = pick(quietChannels);
    const kind = random();
    const count = kind < 0.12 ? 2 + Math.floor(random() * 2) : 1;
    const malformed = kind >= 0.12 && kind < 0.16;
    const msgs = [];
    const contacts = new Map();
    for (let j = 0; j < count; j++) {
      const from = waId(channel, Math.floor(random() * contactsPerChannel));
      const pmid = `wamid.IN${runId}Q${i}_${j}`;
      contacts.set(from, { wa_id: from, profile: { name: `Customer ${from.slice(-4)}` } });
      expected.set(pmid, { channel, kind: "plain", from });
      msgs.push({ from, id: pmid, timestamp: ts(), type: "text", text: { body: `message ${i}.${j} from the load run` } });
    }
    if (count > 1) multi++;
    let marker = null;
    if (malformed) {
      withMalformed++;
      marker = `MALFORMED-${runId}-${i}`;
      malformedMarkers.add(marker);
      // No id and a non-string body: an event no parser can accept, beside valid ones.
      msgs.splice(Math.floor(random() * (msgs.length + 1)), 0, { from: msgs[0].from, timestamp: ts(), type: "text", text: { body: { marker } } });
    }
    uniques.push({ ...metaDelivery(channel, { contacts: [...contacts.values()], messages: msgs }), ids: msgs.filter((m) => m.id).map((m) => m.id), marker });
  }
  const deliveries = shuffle(uniques.flatMap((d) => Array.from({ length: COPIES }, () => d)));
  say(`workload: ${uniques.length} unique deliveries × ${COPIES} = ${deliveries.length}; ${expected.size} messages (${questions.length} questions, ${stops.length} STOPs, ${multi} multi-message deliveries, ${withMalformed} with a malformed event)`);

  // ---- drive ----
  const pumpDone = statusPump();
  let posted = 0;
  const postedIds = new Set();
  // Back-pressure: posting waits while too many posted messages are not stored yet, so the
  // run measures a pipeline that keeps up instead of a queue that grows until the deadline.
  let storedSoFar = 0;
  let polling = true;
  const storedPoller = (async () => {
    while (polling) {
      storedSoFar = db.prepare(`SELECT COUNT(*) AS n FROM messages WHERE direction = 'inbound' AND provider_message_id LIKE ?`).get(`wamid.IN${runId}%`).n;
      await sleep(500);
    }
  })();
  const MAX_BACKLOG = SMALL ? 1000 : 150;
  let subscriberDownSince = 0;
  const outageSeen = () => subscriber.counts.refused503 + subscriber.counts.dropped >= 3;
  const tInbound = Date.now();
  postingEndsAt = tInbound + (RUN_DEADLINE_MS - (tInbound - started)) * 0.55;
  await pool(
    deliveries,
    CONCURRENCY,
    async (d) => {
      // The subscriber goes down a quarter into the posting (by count or by time, whichever comes
      // first) and comes back at half way once it has turned deliveries away.
      const progress = Math.max(posted / deliveries.length, (Date.now() - tInbound) / (postingEndsAt - tInbound));
      if (progress >= 0.25 && subscriberDownSince === 0) {
        subscriberDown = true;
        subscriberDownSince = Date.now();
      }
      if (subscriberDown && progress >= 0.5 && outageSeen()) subscriberDown = false;
      while (postedIds.size - storedSoFar > MAX_BACKLOG && !overPostingBudget()) await sleep(100);
      await post(d);
      for (const id of d.ids) postedIds.add(id);
      if (d.marker) postedIds.add(d.marker);
      posted++;
      if (posted % Math.max(1, Math.floor(deliveries.length / 10)) === 0) say(`posted ${posted}/${deliveries.length} deliveries`);
    },
    overPostingBudget,
  );
  polling = false;
  await storedPoller;
  // What was never posted (the posting budget ran out) is not expected anywhere.
  for (const id of [...expected.keys()]) if (!postedIds.has(id)) expected.delete(id);
  for (const mk of [...malformedMarkers]) if (!postedIds.has(mk)) malformedMarkers.delete(mk);
  for (const list of [questions, stops]) list.splice(0, list.length, ...list.filter((a) => postedIds.has(a.pmid)));
  const inboundSeconds = (Date.now() - tInbound) / 1000;
  // On a fast run the posting can end before the event pipeline reaches the subscriber: the
  // outage lasts until it has turned deliveries away (or for at most a minute).
  while (subscriberDown && !outageSeen() && Date.now() - subscriberDownSince < 60_000) await sleep(200);
  subscriberDown = false;
  say(`deliveries posted in ${inboundSeconds.toFixed(1)} s (${(posted / inboundSeconds).toFixed(0)}/s); the subscriber is back`);

  // ---- every unique message stored (replaying dead letters that hold valid messages) ----
  const ids = [...expected.keys()];
  const storedCounts = () => {
    const m = new Map();
    for (const r of q(`SELECT provider_message_id AS id, COUNT(*) AS n FROM messages WHERE direction = 'inbound' AND provider_message_id LIKE ? GROUP BY provider_message_id`, `wamid.IN${runId}%`)) m.set(r.id, r.n);
    return m;
  };
  const tenantById = new Map(tenants.map((t) => [t.id, t]));
  const deadLetters = () => q(`SELECT id, tenant_id AS tenantId, queue, payload, error, replayed_at AS replayedAt FROM dead_letters`);
  const replayed = new Set();
  let deadLetterReplays = 0;
  for (let round = 0; round < 3; round++) {
    await settle("inbound storage", storedCounts, { done: (m) => m.size >= ids.length, progress: (m) => m.size });
    const pending = deadLetters().filter((d) => !d.replayedAt && !replayed.has(d.id));
    // A dead letter holding a malformed event fails the same way again; everything else is replayed.
    const replayable = pending.filter((d) => ![...malformedMarkers].some((mk) => d.payload.includes(mk)));
    if (!replayable.length) break;
    say(`replaying ${replayable.length} dead letters`);
    for (const d of replayable) {
      replayed.add(d.id);
      const t = tenantById.get(d.tenantId);
      if (!t) continue;
      const r = await t.api("POST", `/api/dead-letters/${d.id}/replay`);
      if (r.status < 300) deadLetterReplays++;
    }
  }

  // ---- STOP: wait for each opt-out, then agents and the API try to write to them ----
  const contactByWa = () => new Map(q(`SELECT c.wa_id AS waId, c.id, c.opted_out AS optedOut, c.opted_out_at AS optedOutAt, v.id AS conversationId FROM contacts c LEFT JOIN conversations v ON v.contact_id = c.id WHERE c.tenant_id = ?`, bot.id).map((r) => [r.waId, r]));
  const stopSet = new Set(stops.map((s) => s.from));
  await settle("opt-outs", contactByWa, {
    idleMs: Math.min(IDLE_MS, 30_000), done: (m) => [...stopSet].every((w) => m.get(w)?.optedOut), progress: (m) => [...stopSet].filter((w) => m.get(w)?.optedOut).length });
  const optOutAttempts = { tried: 0, accepted: 0, refused: 0 };
  const afterStop = [];
  const optedOutNow = contactByWa();
  await pool([...stops.entries()], 4, async ([n, s]) => {
    const c = optedOutNow.get(s.from);
    if (!c?.optedOut || !c.conversationId) return;
    const reply = await bot.api("POST", `/api/conversations/${c.conversationId}/messages`, { text: `Agent follow-up ${runId} ${n}` });
    const template = await bot.api("POST", `/api/conversations/${c.conversationId}/template`, { name: "load_offer", language: "en_US", components: [{ type: "body", parameters: [{ type: "text", text: `offer ${runId} ${n}` }] }] });
    for (const r of [reply, template]) {
      optOutAttempts.tried++;
      if (r.status < 300) optOutAttempts.accepted++;
      else optOutAttempts.refused++;
    }
    // The customer writes again after STOP: stored, never answered.
    const pmid = `wamid.IN${runId}S${n}`;
    expected.set(pmid, { channel: s.channel, kind: "after-stop", from: s.from });
    afterStop.push(pmid);
    const d = metaDelivery(s.channel, { contacts: [{ wa_id: s.from, profile: { name: "Customer" } }], messages: [{ from: s.from, id: pmid, timestamp: ts(), type: "text", text: { body: "hello again, what are your opening hours?" } }] });
    await Promise.all(Array.from({ length: COPIES }, () => post(d)));
  });

  // ---- agents and templates write to a share of the other customers ----
  const quietConversations = q(`SELECT v.id, v.tenant_id AS tenantId, c.wa_id AS waId FROM conversations v JOIN contacts c ON c.id = v.contact_id WHERE v.tenant_id IN (?, ?)`, quiet[0].id, quiet[1].id);
  const outboundExpected = new Map(); // Parley message id → { token, tenant }
  const agentTargets = shuffle(quietConversations).slice(0, Math.max(6, Math.round(quietConversations.length * 0.25)));
  const apiRefusals = { reply: 0, template: 0 };
  await pool(
    agentTargets.map((c, n) => ({ c, n })),
    4,
    async ({ c, n }) => {
      const t = tenantById.get(c.tenantId);
      const token = `${runId}-${n}`;
      const r =
        n % 5 === 4
          ? await t.api("POST", `/api/conversations/${c.id}/template`, { name: "load_update", language: "en_US", components: [{ type: "body", parameters: [{ type: "text", text: `update ${token}` }] }] })
          : await t.api("POST", `/api/conversations/${c.id}/messages`, { text: `Agent reply ${token}` });
      if (r.status === 201) outboundExpected.set(r.body.id, { token, waId: c.waId });
      else apiRefusals[n % 5 === 4 ? "template" : "reply"]++;
    },
  );
  say(`${outboundExpected.size} agent replies and templates queued; ${optOutAttempts.tried} attempts to write to opted-out customers`);
  await settle("inbound storage (after STOP)", storedCounts, { done: (m) => afterStop.every((id) => m.has(id)), progress: (m) => m.size });

  // ---- the assistant's answers ----
  let modes = new Map();
  const botConversations = () => {
    const m = new Map();
    for (const r of q(
      `SELECT c.wa_id AS waId, v.mode, SUM(CASE WHEN m.author = 'bot' THEN 1 ELSE 0 END) AS answers FROM contacts c JOIN conversations v ON v.contact_id = c.id LEFT JOIN messages m ON m.conversation_id = v.id WHERE c.tenant_id = ? GROUP BY c.wa_id`,
      bot.id,
    ))
      m.set(r.waId, r.answers);
    modes = new Map(q(`SELECT c.wa_id AS waId, v.mode FROM contacts c JOIN conversations v ON v.contact_id = c.id WHERE c.tenant_id = ?`, bot.id).map((r) => [r.waId, r.mode]));
    return m;
  };
  const askers = [...questions, ...stops];
  // A question is settled once answered or handed to a human (the assistant's turn failed).
  await settle("answers", botConversations, { done: (m) => questions.every((a) => (m.get(a.from) ?? 0) >= 1 || modes.get(a.from) === "human") && stops.every((a) => (m.get(a.from) ?? 0) >= 1), progress: (m) => [...m.values()].reduce((a, b) => a + b, 0) });

  // ---- outbound settles: nothing queued; what is `sending` is in doubt ----
  const outboundRows = () =>
    q(
      `SELECT m.id, m.author, m.status, m.text, m.payload, m.provider_message_id AS pmid, m.error_code AS errorCode, m.created_at AS createdAt, c.wa_id AS waId, ch.phone_number_id AS phoneNumberId
       FROM messages m JOIN conversations v ON v.id = m.conversation_id JOIN contacts c ON c.id = v.contact_id JOIN channels ch ON ch.id = m.channel_id
       WHERE m.direction = 'outbound' AND m.tenant_id IN (?, ?, ?)`,
      ...tenants.map((t) => t.id),
    );
  const acceptedByKey = () => {
    const byTo = new Map();
    for (const a of graph.accepted) byTo.set(`${a.phoneNumberId}|${a.to}`, [...(byTo.get(`${a.phoneNumberId}|${a.to}`) ?? []), a]);
    return byTo;
  };
  const sentTo = (row, byTo) => (byTo.get(`${row.phoneNumberId}|${row.waId}`) ?? []).filter((a) => a.providerMessageId === row.pmid || (row.text && a.text === row.text) || (row.payload && a.key.includes(outboundExpected.get(row.id)?.token ?? "\u0000")));
  await settle("outbound", outboundRows, {
    done: (rs) => {
      const byTo = acceptedByKey();
      return rs.every((r) => r.status !== "queued" && (r.status !== "sending" || sentTo(r, byTo).length > 0));
    },
    progress: (rs) => `${rs.length}:${rs.filter((r) => r.status === "queued" || r.status === "sending").length}:${graph.accepted.length}`,
  });

  // ---- statuses drain ----
  pumping = false;
  await pumpDone;
  await settle(
    "statuses",
    () => {
      const accepted = new Set(graph.accepted.map((a) => a.providerMessageId));
      return outboundRows().filter((r) => r.pmid && accepted.has(r.pmid) && r.status !== "read").length;
    },
    { done: (n) => n === 0, progress: (n) => n },
  );

  // ---- webhook deliveries: replay what the outage left failed or waiting, until all succeeded ----
  const deliveryRows = () => q(`SELECT id, tenant_id AS tenantId, status, next_attempt_at AS nextAttemptAt, replay_token AS replayToken FROM webhook_deliveries WHERE tenant_id IN (?, ?, ?) AND test = 0`, ...tenants.map((t) => t.id));
  let deliveryReplays = 0;
  for (let round = 0; round < 4; round++) {
    // Let fan-out and the immediate retries finish first.
    await settle("webhook deliveries", deliveryRows, {
      done: (rs) => rs.every((r) => r.status === "succeeded" || (r.status === "failed" && !r.replayToken) || (r.nextAttemptAt ?? 0) > Date.now() + 20_000),
      progress: (rs) => rs.filter((r) => r.status === "succeeded").length + ":" + rs.length,
      idleMs: Math.min(IDLE_MS, 20_000),
    });
    const stuck = deliveryRows().filter((r) => r.status !== "succeeded" && !r.replayToken);
    if (!stuck.length) break;
    say(`replaying ${stuck.length} webhook deliveries the outage left behind`);
    await pool(stuck, 6, async (r) => {
      const res = await tenantById.get(r.tenantId).api("POST", `/api/webhook-deliveries/${r.id}/replay`);
      if (res.status < 300) deliveryReplays++;
    });
    const replaying = new Set(stuck.map((r) => r.id));
    await settle("webhook replays", deliveryRows, {
      done: (rs) => rs.every((r) => !replaying.has(r.id) || r.status === "succeeded" || !r.replayToken),
      progress: (rs) => rs.filter((r) => r.status === "succeeded").length,
      idleMs: Math.min(IDLE_MS, 20_000),
    });
  }

  // =========================== the verdict ===========================
  say("judging");
  check("deliveries posted within the time budget", `${posted}/${deliveries.length}`, posted === deliveries.length, posted < deliveries.length ? `posting stopped at ${((postingEndsAt - started) / 1000).toFixed(0)} s to stay within ${RUN_DEADLINE_MS / 1000} s; only posted messages are judged` : "");
  const stored = storedCounts();
  const valid = [...expected.keys()];
  const lost = valid.filter((id) => !stored.has(id));
  const doubled = valid.filter((id) => (stored.get(id) ?? 0) > 1);
  check("unique inbound messages stored", `${valid.length - lost.length}/${valid.length}`, lost.length === 0, lost.length ? `lost e.g. ${lost.slice(0, 3).join(", ")}` : "");
  check("inbound messages stored twice", doubled.length, doubled.length === 0);

  const answers = botConversations();
  const handedOver = questions.filter((a) => (answers.get(a.from) ?? 0) === 0 && modes.get(a.from) === "human");
  const unanswered = questions.filter((a) => (answers.get(a.from) ?? 0) === 0 && modes.get(a.from) !== "human");
  const twice = askers.filter((a) => (answers.get(a.from) ?? 0) > 1);
  check("questions answered once or handed to a human", `${questions.length - unanswered.length}/${questions.length}`, unanswered.length === 0, `${handedOver.length} handed over after a failed turn${unanswered.length ? `, ${unanswered.length} left in bot mode unanswered` : ""}`);
  check("conversations answered more than once", twice.length, twice.length === 0);
  const stopConfirmed = stops.filter((s) => (answers.get(s.from) ?? 0) === 1).length;
  check("STOPs confirmed once, nothing after", `${stopConfirmed}/${stops.length}`, stopConfirmed === stops.length);

  const byKey = new Map();
  for (const a of graph.accepted) byKey.set(a.key, (byKey.get(a.key) ?? 0) + 1);
  const dupSends = [...byKey.values()].filter((n) => n > 1).length;
  check("sends accepted by the provider twice", dupSends, dupSends === 0, `${graph.accepted.length} accepted in all`);

  const orows = outboundRows();
  const byTo = acceptedByKey();
  const contacts = contactByWa();
  let optOutViolations = 0;
  for (const s of stops) {
    const c = contacts.get(s.from);
    const confirmation = orows.find((r) => r.waId === s.from && r.author === "bot");
    const after = (byTo.get(`${s.channel.phoneNumberId}|${s.from}`) ?? []).filter((a) => c?.optedOutAt && a.at > c.optedOutAt && !(confirmation && a.text === confirmation.text));
    optOutViolations += after.length;
  }
  check("sends to opted-out customers after STOP", optOutViolations, optOutViolations === 0);
  check("API accepted writes to opted-out customers", `${optOutAttempts.accepted}/${optOutAttempts.tried}`, optOutAttempts.accepted === 0, "agent reply + template each");

  const agentRows = orows.filter((r) => outboundExpected.has(r.id));
  const agentSent = agentRows.filter((r) => sentTo(r, byTo).length === 1).length;
  const agentFailed = agentRows.filter((r) => r.status === "failed");
  const inDoubt = orows.filter((r) => r.status === "sending").length;
  info("agent replies and templates accepted by the provider", `${agentSent}/${outboundExpected.size}`, `${agentFailed.length} failed (${[...new Set(agentFailed.map((r) => r.errorCode))].join(", ") || "—"}), ${inDoubt} outbound in doubt (lease open)`);
  const unconfirmed = orows.filter((r) => r.status === "failed" && sentTo(r, byTo).length > 0).length;
  info("outbound failed as unconfirmed after the provider accepted", unconfirmed, "consumer died after the send; never resent");

  const notRead = (() => {
    const accepted = new Set(graph.accepted.map((a) => a.providerMessageId));
    return orows.filter((r) => r.pmid && accepted.has(r.pmid) && r.status !== "read").length;
  })();
  check("accepted outbound messages whose statuses did not end at read", notRead, notRead === 0, `${statusPosted.n} status deliveries posted`);

  check("5xx answers at ingress", ingress.fiveXx, ingress.fiveXx === 0, `${ingress.posts} posts: ${Object.entries(ingress.byStatus).map(([k, v]) => `${k}×${v}`).join(" ")}${ingress.networkErrors ? `, ${ingress.networkErrors} network errors` : ""}`);
  check("deliveries Meta would have given up on", ingress.gaveUp, ingress.gaveUp === 0);

  const dls = deadLetters();
  const malformedDl = dls.filter((d) => [...malformedMarkers].some((mk) => d.payload.includes(mk)));
  const markersSeen = [...malformedMarkers].filter((mk) => dls.some((d) => d.payload.includes(mk))).length;
  const otherPending = dls.filter((d) => !d.replayedAt && !malformedDl.includes(d));
  check("malformed events dead-lettered (with a reason)", `${markersSeen}/${malformedMarkers.size}`, markersSeen === malformedMarkers.size && malformedDl.every((d) => d.error), `${malformedDl.length} dead letters`);
  check("other dead letters left after replay", otherPending.length, otherPending.length === 0, `${deadLetterReplays} replayed`);

  const drows = deliveryRows();
  const notDelivered = drows.filter((r) => r.status !== "succeeded").length;
  check("webhook deliveries not delivered after replay", `${notDelivered}/${drows.length}`, notDelivered === 0, `${deliveryReplays} replayed`);
  const storedIds = new Map(q(`SELECT id, tenant_id AS tenantId FROM messages WHERE direction = 'inbound' AND provider_message_id LIKE ?`, `wamid.IN${runId}%`).map((r) => [r.id, r.tenantId]));
  const eventsPerMessage = new Map();
  for (const e of subscriber.events.values()) if (e.type === "message.received") eventsPerMessage.set(e.data?.message?.id, (eventsPerMessage.get(e.data?.message?.id) ?? 0) + 1);
  const eventsLost = [...storedIds.keys()].filter((id) => !eventsPerMessage.has(id)).length;
  const eventsTwice = [...eventsPerMessage.values()].filter((n) => n > 1).length;
  check("message.received events the subscriber never got", `${eventsLost}/${storedIds.size}`, eventsLost === 0);
  check("messages announced under two event ids", eventsTwice, eventsTwice === 0);
  check("webhook signatures that did not verify", subscriber.counts.badSignature, subscriber.counts.badSignature === 0);

  // Secrets: none of what the run handed to the stack, nor anything shaped like one, in its log.
  await sleep(500);
  const logText = readFileSync(stack.logPath, "utf8");
  const leaked = secrets.filter((s) => s && logText.includes(s)).length + (logText.match(/whsec_[A-Za-z0-9+/]{20,}|prl_[A-Za-z0-9_-]{20,}/g) ?? []).length;
  check("secrets in the stack's log", leaked, leaked === 0, `${logText.split("\n").length} lines scanned`);

  // One log line per fault that fired (its message and stack both name the point).
  const logLines = logText.split("\n");
  const fired = Object.fromEntries(Object.keys(FAULTS).map((p) => [p, logLines.filter((l) => l.includes(`injected fault at ${p}"`) || l.includes(`injected fault at ${p}\\n`)).length]));
  const faultLine = [
    ...Object.entries(fired).map(([p, n]) => `${p} ×${n}`),
    `graph 500 ×${graph.counts.http500}`,
    `graph 130429 ×${graph.counts.throttled130429}`,
    `graph timeout ×${graph.counts.timeouts}`,
    `subscriber 503 ×${subscriber.counts.refused503}, dropped ×${subscriber.counts.dropped}`,
  ];
  const missing = [...Object.entries(fired).filter(([, n]) => n === 0).map(([p]) => p), ...(graph.counts.http500 ? [] : ["graph 500"]), ...(graph.counts.throttled130429 ? [] : ["graph 130429"]), ...(graph.counts.timeouts ? [] : ["graph timeout"]), ...(subscriber.counts.refused503 + subscriber.counts.dropped ? [] : ["subscriber down"])];
  if (SMALL) check("faults never exercised", missing.length, missing.length === 0, missing.join(", "));
  else info("faults never exercised", missing.length, missing.join(", "));

  // ---- the table ----
  const took = (Date.now() - started) / 1000;
  console.log(`\nParley reliability run ${runId} — ${DELIVERIES} deliveries (${uniques.length} unique × ${COPIES}), ${valid.length} customer messages, ${tenants.length} tenants, ${numbers.size} channels, seed ${SEED}`);
  console.log(`faults: ${faultLine.join(" · ")}`);
  console.log(`ingress: ${posted} deliveries in ${inboundSeconds.toFixed(1)} s; provider: ${graph.counts.requests} send requests, ${graph.accepted.length} accepted; subscriber: ${subscriber.counts.ok} deliveries received (${subscriber.counts.redeliveries} redeliveries)\n`);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [name, value, note, ok] of rows) console.log(`${ok === null ? "  ·" : ok ? "  ✓" : "  ✗"} ${name.padEnd(w0)}  ${value.padStart(w1)}  ${note}`);
  console.log(`\n${failures.length ? `✗ ${failures.length} invariant(s) violated` : "✓ every invariant held"} in ${took.toFixed(0)} s`);
  process.exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.error(`✗ the run could not finish: ${err.stack ?? err.message}`);
  process.exitCode = 2;
} finally {
  await cleanup();
}
