// Campaign throughput on a throwaway local stack: BENCH_CAMPAIGN_N contacts
// (default 10,000) imported, one campaign at BENCH_CAMPAIGN_RATE messages a
// second (default 50) to a local fake of Meta's Graph API, which records when
// each message arrives. Prints the time to completion next to its floor
// (N / rate), the achieved rate as a share of the configured one, the busiest
// one-second bucket and how many seconds went over the rate, and whether every
// recipient got exactly one message. Exits 1 if the rate was exceeded in any
// second or a recipient got none or two. Callable from `npm run bench`.
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { loadavg as osLoadavg } from "node:os";
import { freePort, startStack } from "./stack.mjs";

const N = Number(process.env.BENCH_CAMPAIGN_N || 10_000);
const RATE = Number(process.env.BENCH_CAMPAIGN_RATE || 50);
const TIMEOUT_MS = Number(process.env.BENCH_CAMPAIGN_TIMEOUT_MS || Math.max(120_000, (N / RATE) * 3000));

// The fake Graph API: every send is accepted and timestamped on arrival.
const arrivals = [];
const graphPort = await freePort();
const graph = createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    const m = /^\/v21\.0\/(\d+)\/messages$/.exec(req.url ?? "");
    res.setHeader("content-type", "application/json");
    // Connecting the channel asks whether the token owns the number: it does.
    const lookup = /^\/v\d+\.\d+\/(\d+)\?fields=/.exec(req.url ?? "");
    if (req.method === "GET" && lookup) return res.end(JSON.stringify({ id: lookup[1], display_phone_number: "+1 555 0100", verified_name: "Bench" }));
    if (req.method !== "POST" || !m) return res.end("{}");
    const to = JSON.parse(body || "{}").to;
    arrivals.push({ at: Date.now(), to });
    res.end(JSON.stringify({ messaging_product: "whatsapp", contacts: [{ input: to, wa_id: String(to).replace(/\D/g, "") }], messages: [{ id: `wamid.bench.${arrivals.length}` }] }));
  });
});
await new Promise((r) => graph.listen(graphPort, "127.0.0.1", r));
process.env.WHATSAPP_GRAPH_API_URL = `http://127.0.0.1:${graphPort}/v21.0`;

const stack = await startStack({ name: "bench-campaign" });
const base = stack.base;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let t0 = 0;
let c = null;
let started = null;
try {
  const email = `bench-${randomBytes(4).toString("hex")}@example.com`;
  const signup = await fetch(`${base}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password: "bench-password-123", tenantName: "Campaign bench" }),
  });
  const cookie = signup.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const key = (await (await fetch(`${base}/api/api-keys`, { method: "POST", headers: { "content-type": "application/json", origin: base, cookie }, body: JSON.stringify({ name: "bench" }) })).json()).key;
  const api = async (method, path, body, type = "application/json") => {
    const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${key}`, "content-type": type }, body: body === undefined ? undefined : type === "application/json" ? JSON.stringify(body) : body });
    const json = await res.json();
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };

  const channel = await api("POST", "/api/channels", { type: "meta", name: "Bench line", phoneNumberId: "1" + String(Date.now()).slice(-14), accessToken: "EAAG" + randomBytes(16).toString("hex"), appSecret: randomBytes(16).toString("hex") });

  const first = 6281300000000;
  const csv = ["phone,name,tags", ...Array.from({ length: N }, (_, i) => `+${first + i},Bench ${i},bench`)].join("\n");
  let imp = await api("POST", "/api/contacts/imports", csv, "text/csv");
  while (imp.status !== "completed") {
    if (imp.status === "failed") throw new Error(`import failed: ${JSON.stringify(imp)}`);
    await sleep(500);
    imp = await api("GET", `/api/contacts/imports/${imp.id}`);
  }

  const campaign = await api("POST", "/api/campaigns", { name: "Bench", channelId: channel.id, audience: { tags: ["bench"] }, message: { template: { name: "bench_promo", language: "en" } }, ratePerSecond: RATE });
  t0 = Date.now();
  started = await api("POST", `/api/campaigns/${campaign.id}/start`);
  c = started;
  while (c.status !== "completed") {
    if (Date.now() - t0 > TIMEOUT_MS) throw new Error(`not completed after ${TIMEOUT_MS} ms: ${JSON.stringify(c.counts)}`);
    await sleep(1000);
    c = await api("GET", `/api/campaigns/${campaign.id}`);
  }
  report(c, (Date.parse(c.completedAt) - t0) / 1000);
} catch (err) {
  // A run cut short (the stack stopped, the time limit) still shows what arrived until then.
  console.error(String(err?.stack ?? err));
  if (arrivals.length > 1) report(c ?? { counts: {} }, null);
  process.exitCode = 1;
} finally {
  await stack.stop();
  graph.close();
}

/** The figures of a run: `elapsed` is null when it did not complete. */
function report(c, elapsed) {
  const buckets = new Map();
  for (const a of arrivals) buckets.set(Math.floor(a.at / 1000), (buckets.get(Math.floor(a.at / 1000)) ?? 0) + 1);
  const perRecipient = new Map();
  for (const a of arrivals) perRecipient.set(a.to, (perRecipient.get(a.to) ?? 0) + 1);
  const over = [...buckets.values()].filter((n) => n > RATE).length;
  const busiest = Math.max(...buckets.values());
  const span = (arrivals.at(-1).at - arrivals[0].at) / 1000;
  const achieved = (arrivals.length - 1) / span;
  const twice = [...perRecipient.values()].filter((n) => n > 1).length;
  const floor = N / RATE;
  const loadavg = osLoadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`campaign ${N} recipients at ${RATE}/s`);
  console.log(`  audience frozen          ${started?.audienceCount}`);
  console.log(elapsed === null ? `  NOT COMPLETED            floor ${floor.toFixed(1)} s` : `  completed in             ${elapsed.toFixed(1)} s   floor ${floor.toFixed(1)} s   ratio ${(elapsed / floor).toFixed(3)}`);
  console.log(`  achieved rate            ${achieved.toFixed(1)}/s = ${((achieved / RATE) * 100).toFixed(1)}% of ${RATE}/s (first to last arrival, ${span.toFixed(1)} s)`);
  console.log(`  busiest second           ${busiest}   seconds over the rate: ${over}`);
  console.log(`  provider received        ${arrivals.length}   recipients reached ${perRecipient.size}   reached twice ${twice}`);
  console.log(`  totals                   ${JSON.stringify(c.counts)}`);
  const firstSecond = Math.floor(arrivals[0].at / 1000);
  const lastSecond = Math.floor(arrivals.at(-1).at / 1000);
  const histogram = Array.from({ length: lastSecond - firstSecond + 1 }, (_, i) => buckets.get(firstSecond + i) ?? 0);
  console.log(`  per second               ${histogram.length > 60 && !process.env.BENCH_CAMPAIGN_ALL_SECONDS ? histogram.slice(0, 30).join(" ") + " … " + histogram.slice(-30).join(" ") : histogram.join(" ")}`);
  console.log(`  load average at the end  ${loadavg}`);
  process.exitCode = over > 0 || twice > 0 || perRecipient.size !== N ? 1 : 0;
}
