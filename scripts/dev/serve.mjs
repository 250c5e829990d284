// Serving a worker locally exactly as `wrangler dev` does (workerd with local
// D1, Queues, Durable Objects, R2, the rate-limiting binding and static
// assets), through wrangler's `startWorker` API, so that one thing can be
// chosen that the command line cannot: no DevTools inspector unless asked for.
//
// With the inspector attached, workerd reports every console line the worker
// writes to wrangler's inspector proxy, which forwards each one to wrangler's
// own process as a local HTTP request, on top of the same line arriving on
// workerd's standard output. That costs about 1.2 ms of CPU per log line on
// the machine serving the requests (measured per process over 6,000 webhook
// deliveries, one log line each): more than the worker spends on the request
// itself. Production has no such relay. `PARLEY_INSPECTOR_PORT=9229` turns the
// inspector on for debugging.
//
// Also a command line, for the benchmarks' floor workers, which must run the
// same way as the stack they are compared with:
//   node scripts/dev/serve.mjs --config bench/noop.toml --port 8788 --persist-to DIR
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/**
 * Start `config`'s worker on host:port with its state under `persist`;
 * `vars` are plain-text bindings set over the config's. Resolves once it
 * serves; `stop()` shuts workerd down.
 */
export async function serveWorker({ config, host = "127.0.0.1", port, persist, vars = {}, inspectorPort = process.env.PARLEY_INSPECTOR_PORT }) {
  process.env.WRANGLER_SEND_METRICS ??= "false";
  // Wrangler's local trace store stalls the whole runtime under load (docs/campaigns.md): off unless asked for.
  process.env.X_LOCAL_OBSERVABILITY ??= "false";
  const { unstable_startWorker: startWorker } = await import("wrangler");
  const worker = await startWorker({
    config,
    bindings: Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { type: "plain_text", value }])),
    dev: {
      server: { hostname: host, port },
      inspector: inspectorPort ? { hostname: host, port: Number(inspectorPort) } : false,
      persist,
      watch: false,
    },
  });
  await worker.ready;
  return { stop: () => worker.dispose() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { config: { type: "string" }, port: { type: "string" }, host: { type: "string" }, "persist-to": { type: "string" } },
  });
  const served = await serveWorker({ config: values.config, host: values.host, port: Number(values.port), persist: values["persist-to"] });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
      await served.stop();
      process.exit(0);
    });
  }
}
