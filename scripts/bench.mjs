// `npm run bench`: latency and throughput of the inbound path on a local stack.
// Prints numbers; asserts nothing. BASE_URL=http://… measures a running stack
// instead of starting one.
import { createHmac, randomBytes } from "node:crypto";
import { startStack } from "./stack.mjs";

const N = Number(process.env.BENCH_N || 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 10);
const stack = process.env.BASE_URL ? { base: process.env.BASE_URL, stop: async () => {} } : await startStack({ name: "bench" });
const base = stack.base;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const summary = (label, xs, totalMs) =>
  console.log(
    `${label.padEnd(38)} n=${String(xs.length).padStart(4)}  p50=${pct(xs, 50).toFixed(1)} ms  p95=${pct(xs, 95).toFixed(1)} ms  p99=${pct(xs, 99).toFixed(1)} ms` +
      (totalMs ? `  ${((xs.length / totalMs) * 1000).toFixed(0)} req/s` : ""),
  );

async function pool(n, concurrency, fn) {
  const times = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        await fn(i);
        times.push(performance.now() - t);
      }
    }),
  );
  return { times, total: performance.now() - started };
}

try {
  const email = `bench-${randomBytes(4).toString("hex")}@example.com`;
  const signup = await fetch(`${base}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password: "bench-password-123", tenantName: "Bench" }),
  });
  const cookie = signup.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const key = (await (await fetch(`${base}/api/api-keys`, { method: "POST", headers: { "content-type": "application/json", origin: base, cookie }, body: JSON.stringify({ name: "bench" }) })).json()).key;
  const api = (method, path, body) =>
    fetch(base + path, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined }).then((r) => r.json());

  const appSecret = randomBytes(16).toString("hex");
  const phoneNumberId = "1" + String(Date.now()).slice(-14);
  const channel = await api("POST", "/api/channels", { type: "meta", name: "Bench", phoneNumberId, accessToken: "EAAG" + randomBytes(12).toString("hex"), appSecret });
  await api("PATCH", "/api/bot-settings", { enabled: false });

  const delivery = (i) => {
    const from = `62811${String(100000 + (i % 200)).padStart(7, "0")}`;
    const raw = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [{ id: "1", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "1", phone_number_id: phoneNumberId }, contacts: [{ wa_id: from, profile: { name: "Bench" } }], messages: [{ from, id: `wamid.BENCH${i}${randomBytes(6).toString("hex")}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: `message ${i}` } }] } }] }],
    });
    return { raw, sig: "sha256=" + createHmac("sha256", appSecret).update(raw).digest("hex") };
  };
  const post = ({ raw, sig }) => fetch(`${base}/webhooks/meta/${channel.id}`, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": sig }, body: raw });

  console.log(`Parley bench against ${base} (${N} deliveries, concurrency ${CONCURRENCY})\n`);
  for (let i = 0; i < 20; i++) await post(delivery(1_000_000 + i)); // warm-up
  const bodies = Array.from({ length: N }, (_, i) => delivery(i));
  let failed = 0;
  const ingress = await pool(N, CONCURRENCY, async (i) => {
    const r = await post(bodies[i]);
    if (r.status !== 200) failed++;
    await r.arrayBuffer();
  });
  summary("webhook ingress (verify+limit+enqueue)", ingress.times, ingress.total);
  if (failed) console.log(`  ${failed} deliveries were not accepted`);

  const forged = await pool(100, CONCURRENCY, async (i) => {
    const r = await post({ raw: bodies[i].raw, sig: "sha256=" + "0".repeat(64) });
    await r.arrayBuffer();
  });
  summary("forged webhook rejected (401)", forged.times, forged.total);

  // Delivery → stored and visible through the API.
  const e2e = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const r = await api("POST", "/api/sandbox/messages", { from: `+6281${String(5000000 + i)}`, text: `hello ${i}` });
    for (;;) {
      const m = await api("GET", `/api/conversations/${r.conversationId}/messages?limit=1`);
      if (m.data?.some((x) => x.id === r.messageId)) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    e2e.push(performance.now() - t);
  }
  summary("sandbox message → stored (queue+DO+D1)", e2e);

  await api("PATCH", "/api/bot-settings", { enabled: true, burstSeconds: 0 });
  await api("POST", "/api/knowledge", { title: "Opening hours", content: "We are open Monday to Friday, 08:00 to 16:00." });
  const answers = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const r = await api("POST", "/api/sandbox/messages", { from: `+6282${String(5000000 + i)}`, text: "When are you open?" });
    for (;;) {
      const m = await api("GET", `/api/conversations/${r.conversationId}/messages?limit=5`);
      if (m.data?.some((x) => x.direction === "outbound")) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    answers.push(performance.now() - t);
  }
  summary("sandbox message → bot answer stored", answers);
  const stored = await api("GET", "/api/conversations?limit=1");
  console.log(`\nconversations listed: ${stored.data ? "ok" : "failed"}`);
} finally {
  await stack.stop();
}
