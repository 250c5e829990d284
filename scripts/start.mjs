// `npm start`: build the dashboard, apply local D1 migrations, serve API and
// dashboard on one origin with wrangler dev, seed the demo tenant, print the login.
import { spawn } from "node:child_process";
import { bin, root, run, waitFor } from "./lib.mjs";
import { startDevGraph } from "./dev/fake-graph.mjs";
import { demo, seedDemo } from "./seed.mjs";

const port = Number(process.env.PORT || 8787);
const host = "127.0.0.1";
const base = `http://${host}:${port}`;
const persist = process.env.PARLEY_STATE_DIR || ".wrangler/state";

console.log("› building the dashboard");
await run(bin("vite"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);

console.log("› applying D1 migrations (local)");
await run(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], { env: { ...process.env, CI: "true" } });

// Without WHATSAPP_GRAPH_API_URL the local stack talks to a local fake Graph API
// (scripts/dev/fake-graph.mjs), so Meta channels connect and send offline.
let graphUrl = process.env.WHATSAPP_GRAPH_API_URL;
let devGraph = null;
if (!graphUrl) {
  devGraph = await startDevGraph();
  graphUrl = devGraph.url;
  console.log(`› local fake Graph API on ${graphUrl} (set WHATSAPP_GRAPH_API_URL to use another)`);
}

console.log(`› starting the worker on ${base}`);
const dev = spawn(
  bin("wrangler"),
  [
    "dev", "--ip", host, "--port", String(port), "--persist-to", persist, "--var", `PUBLIC_URL:${base}`, "--show-interactive-dev-session=false",
    // A local stand-in for the Graph API: the dev fake, or one of the benchmarks' and the reliability run's.
    "--var", `WHATSAPP_GRAPH_API_URL:${graphUrl}`,
  ],
  // Wrangler's local trace store (X_LOCAL_OBSERVABILITY) records every span of every invocation in the
  // same workerd and writes them out in large batches, each one stalling the whole runtime for seconds
  // under load (8–12 s every minute in a 50-a-second campaign). It is off unless asked for.
  { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", X_LOCAL_OBSERVABILITY: process.env.X_LOCAL_OBSERVABILITY ?? "false" } },
);
const stop = (signal) => {
  if (!dev.killed) dev.kill(signal);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
dev.on("exit", async (code) => {
  await devGraph?.stop();
  process.exit(code ?? 0);
});

try {
  await waitFor(`${base}/api/health`);
  const seeded = await seedDemo(base);
  console.log(`
  Parley is running at ${base}
  Demo login (${seeded === "created" ? "just created" : "already seeded"}):
    email:    ${demo.email}
    password: ${demo.password}
`);
} catch (err) {
  console.error(`✗ ${err.message}`);
  stop("SIGTERM");
  process.exitCode = 1;
}
