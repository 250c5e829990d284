// The reliability run's stack: `wrangler dev` offline on a free loopback port
// with a throwaway state directory, extra vars (the fake Graph API, fault
// injection), and every line it prints captured for the secret scan.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { bin, root, run, sleep } from "../lib.mjs";
import { freePort } from "../stack.mjs";

export async function startLoadStack({ name = "load", vars = {}, timeoutMs = 180_000 }) {
  const env = {
    ...process.env,
    PATH: [join(root, "node_modules", ".bin"), process.env.PATH].join(delimiter),
    CI: "true",
    WRANGLER_SEND_METRICS: "false",
  };
  if (!existsSync(join(root, "web", "dist", "index.html"))) {
    await run(bin("vite"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"], { env });
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const stateDir = mkdtempSync(join(tmpdir(), `parley-${name}-state-`));
  mkdirSync(join(root, "test-results"), { recursive: true });
  const logPath = join(root, "test-results", `${name}-stack.log`);
  const log = createWriteStream(logPath);
  await run(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir], { env, stdio: ["ignore", "ignore", "inherit"] });

  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", stateDir, "--show-interactive-dev-session=false", "--var", `PUBLIC_URL:${base}`];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child = spawn(bin("wrangler"), args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let exited = false;
  let output = "";
  const capture = (d) => {
    log.write(d);
    if (output.length < 200_000) output += d;
  };
  child.stdout.on("data", capture);
  child.stderr.on("data", capture);
  child.on("exit", () => {
    exited = true;
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      try {
        process.kill(-child.pid, "SIGTERM");
        for (let i = 0; i < 50 && !exited; i++) await sleep(100);
        if (!exited) process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    await new Promise((r) => log.end(r));
    rmSync(stateDir, { recursive: true, force: true });
  };
  // Synchronous last resort when this process exits without running stop().
  const killNow = () => {
    if (!exited) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`wrangler dev exited during startup; see ${logPath}\n${output.slice(-3000)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the stack was not ready after ${timeoutMs / 1000} s; see ${logPath}`);
    }
    const res = await fetch(`${base}/api/health`).catch(() => null);
    if (res?.ok) break;
    await sleep(300);
  }
  return { base, port, stateDir, logPath, stop, killNow, d1Path: () => d1File(stateDir) };
}

/** The local D1 database file under a `--persist-to` directory. */
function d1File(stateDir) {
  const dir = join(stateDir, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (!file) throw new Error(`no D1 database under ${dir}`);
  return join(dir, file);
}
