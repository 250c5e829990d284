// Seeds the demo tenant through the public API (idempotent): signs the demo
// user up, or checks the existing account still logs in.
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
  if (signup.status === 201) return "created";
  if (signup.status !== 409) throw new Error(`demo signup failed: ${signup.status} ${await signup.text()}`);
  const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers, body: JSON.stringify({ email: demo.email, password: demo.password }) });
  if (!login.ok) throw new Error(`demo account exists but cannot log in: ${login.status} ${await login.text()}`);
  return "exists";
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = (process.argv[2] || `http://127.0.0.1:${process.env.PORT || 8787}`).replace(/\/$/, "");
  const result = await seedDemo(base);
  console.log(`demo tenant ${result}: ${demo.email} / ${demo.password}`);
}
