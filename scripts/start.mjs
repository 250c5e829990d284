// `npm start`: build the dashboard, apply local D1 migrations, serve API and
// dashboard on one origin with wrangler's local runtime (scripts/dev/serve.mjs), seed
// the demo tenant, print the login.
import { bin, run, waitFor } from "./lib.mjs";
import { startDevGraph } from "./dev/fake-graph.mjs";
import { serveWorker } from "./dev/serve.mjs";
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
// `wrangler dev`'s runtime, without the DevTools inspector unless PARLEY_INSPECTOR_PORT is set (scripts/dev/serve.mjs).
const served = await serveWorker({
  config: "wrangler.toml",
  host,
  port,
  persist,
  // A local stand-in for the Graph API: the dev fake, or one of the benchmarks' and the reliability run's.
  vars: { PUBLIC_URL: base, WHATSAPP_GRAPH_API_URL: graphUrl },
});
const stop = async () => {
  await served.stop();
  await devGraph?.stop();
  process.exit(process.exitCode ?? 0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

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
  process.exitCode = 1;
  await stop();
}
