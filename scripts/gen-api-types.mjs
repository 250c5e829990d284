// npm run gen:api-types — writes web/src/api/schema.d.ts from the worker's OpenAPI
// document, without a running server: the Hono app is imported through Vite's module
// runner (TypeScript as the worker writes it) and asked for its document.
// `--check` only reports whether the committed file is current (exit 1 if not).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runnerImport } from "vite";
import { API_TYPES_PATH, renderApiTypes } from "./api-types.mjs";
import { root } from "./lib.mjs";

// Durable Object classes extend `cloudflare:workers`' DurableObject; building the
// document never constructs one, so a bare base class stands in outside workerd.
const workersRuntime = {
  name: "cloudflare-workers-runtime",
  resolveId: (id) => (id === "cloudflare:workers" ? "\0cloudflare:workers" : null),
  load: (id) =>
    id === "\0cloudflare:workers" ? "export class DurableObject { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }" : null,
};

const config = { configFile: false, root, logLevel: "error", plugins: [workersRuntime], ssr: { noExternal: ["cloudflare:workers"] } };
const { module: app } = await runnerImport(join(root, "worker/app.ts"), config);
const { module: openapi } = await runnerImport(join(root, "worker/http/openapi-document.ts"), config);
const text = await renderApiTypes(openapi.apiDocument(app.createApp()));

const target = join(root, API_TYPES_PATH);
let current = "";
try {
  current = readFileSync(target, "utf8");
} catch {}
if (process.argv.includes("--check")) {
  if (current !== text) {
    console.error(`${API_TYPES_PATH} is stale: run npm run gen:api-types`);
    process.exit(1);
  }
  console.log(`${API_TYPES_PATH} is current`);
} else {
  writeFileSync(target, text);
  console.log(current === text ? `${API_TYPES_PATH} unchanged` : `wrote ${API_TYPES_PATH}`);
}
