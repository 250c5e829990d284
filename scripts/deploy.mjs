// `npm run deploy`: production deploy to Cloudflare.
//   PUBLIC_URL=https://app.example.com npm run deploy
// Creates the D1 database and queues when missing, applies D1 migrations
// remotely, deploys the worker (wrangler --env production) and the dashboard
// to Cloudflare Pages. Secrets are set once with `wrangler secret put`
// (see docs/operations.md). Needs CLOUDFLARE_API_TOKEN (or `wrangler login`).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, root, run } from "./lib.mjs";

const publicUrl = process.env.PUBLIC_URL;
if (!publicUrl || !/^https:\/\//.test(publicUrl)) {
  console.error("Set PUBLIC_URL to the dashboard's https origin, e.g. PUBLIC_URL=https://app.example.com npm run deploy");
  process.exit(1);
}
const pagesProject = process.env.PAGES_PROJECT || "parley-dashboard";
const wrangler = (args, opts = {}) => execFileSync(bin("wrangler"), args, { cwd: root, encoding: "utf8", ...opts });

const QUEUES = [
  "parley-inbound",
  "parley-inbound-dlq",
  "parley-events",
  "parley-events-dlq",
  "parley-outbound",
  "parley-outbound-dlq",
];

console.log("› D1 database");
let databases = JSON.parse(wrangler(["d1", "list", "--json"]));
let db = databases.find((d) => d.name === "parley");
if (!db) {
  wrangler(["d1", "create", "parley"], { stdio: "inherit" });
  databases = JSON.parse(wrangler(["d1", "list", "--json"]));
  db = databases.find((d) => d.name === "parley");
}
if (!db) throw new Error("could not find or create the D1 database 'parley'");

console.log("› queues");
const config = readFileSync(join(root, "wrangler.toml"), "utf8");
const declared = [...config.matchAll(/queue = "([^"]+)"/g)].map((m) => m[1]).concat(QUEUES);
for (const q of new Set(declared)) {
  try {
    wrangler(["queues", "create", q], { stdio: "pipe" });
    console.log(`  created ${q}`);
  } catch (err) {
    if (!/already (exists|taken)/i.test(String(err.stderr ?? err.message))) throw err;
  }
}

console.log("› R2 buckets");
for (const bucket of new Set([...config.matchAll(/bucket_name = "([^"]+)"/g)].map((m) => m[1]))) {
  try {
    wrangler(["r2", "bucket", "create", bucket], { stdio: "pipe" });
    console.log(`  created ${bucket}`);
  } catch (err) {
    if (!/already exists|already own/i.test(String(err.stderr ?? err.message))) throw err;
  }
}

// The committed config carries a placeholder database id; deploy from a copy with the real one.
const productionConfig = join(root, "wrangler.production.toml");
writeFileSync(
  productionConfig,
  config.replace(
    /(\[\[env\.production\.d1_databases\]\][^[]*?database_id = ")[^"]*(")/,
    `$1${db.uuid}$2`,
  ),
);

console.log("› migrations (remote)");
await run(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--remote", "--env", "production", "-c", productionConfig], { env: { ...process.env, CI: "true" } });

console.log("› dashboard build");
await run(bin("vite"), ["build", "--config", "web/vite.config.ts"]);

console.log("› worker");
await run(bin("wrangler"), ["deploy", "--env", "production", "-c", productionConfig, "--var", `PUBLIC_URL:${publicUrl}`]);

console.log("› dashboard (Pages)");
try {
  wrangler(["pages", "project", "create", pagesProject, "--production-branch", "main"], { stdio: "pipe" });
} catch (err) {
  if (!/already exists/i.test(String(err.stderr ?? err.message))) throw err;
}
await run(bin("wrangler"), ["pages", "deploy", "dist", "--project-name", pagesProject, "--branch", "main"], { cwd: join(root, "web") });

console.log(`\nDeployed. Point ${publicUrl} at the Pages project '${pagesProject}' and check ${publicUrl}/api/health.`);
