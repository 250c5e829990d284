// Seeds the demo tenant through the API (idempotent): signs the demo user up,
// or checks the existing account still logs in, then asks for its 30-day
// history (POST /api/demo/history, only where DEMO_SEED is on; written once).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./lib.mjs";

export const demo = JSON.parse(readFileSync(join(root, "worker/ops/demo-account.json"), "utf8"));

export async function seedDemo(base) {
  const headers = { "content-type": "application/json", origin: base };
  const signup = await fetch(`${base}/api/auth/signup`, {
    method: "POST",
    headers,
    body: JSON.stringify({ email: demo.email, password: demo.password, name: demo.name, tenantName: demo.tenantName }),
  });
  let session = signup;
  if (signup.status !== 201) {
    if (signup.status !== 409) throw new Error(`demo signup failed: ${signup.status} ${await signup.text()}`);
    session = await fetch(`${base}/api/auth/login`, { method: "POST", headers, body: JSON.stringify({ email: demo.email, password: demo.password }) });
    if (!session.ok) throw new Error(`demo account exists but cannot log in: ${session.status} ${await session.text()}`);
  }
  await seedHistory(base, session);
  return signup.status === 201 ? "created" : "exists";
}

/** The demo tenant's 30 days of customers, answers, handoffs and bookings (once; the worker refuses unless DEMO_SEED is on). */
async function seedHistory(base, session) {
  const cookie = (session.headers.getSetCookie?.() ?? [session.headers.get("set-cookie") ?? ""]).map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/demo/history`, { method: "POST", headers: { origin: base, cookie } });
  if (res.status === 404) return; // DEMO_SEED is off: an account without history.
  if (!res.ok) throw new Error(`demo history failed: ${res.status} ${await res.text()}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = (process.argv[2] || `http://127.0.0.1:${process.env.PORT || 8787}`).replace(/\/$/, "");
  const result = await seedDemo(base);
  console.log(`demo tenant ${result}: ${demo.email} / ${demo.password}`);
}
