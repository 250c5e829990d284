// Starting a throwaway local stack (scripts/start.mjs) on a free port with its
// own state directory, for the browser tests and the benchmarks.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { bin, root, sleep } from "./lib.mjs";

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Start the stack; resolves once it printed its demo login and answers its
 * health check. `stop()` ends the whole process group and removes the state.
 */
export async function startStack({ name = "stack", timeoutMs = 180_000, stateDir: reuse = null } = {}) {
  // Wrangler needs Node 22 (the project's pinned `node` devDependency), whatever node runs this script.
  const nodeBin = existsSync(bin("node")) ? bin("node") : process.execPath;
  const env = { ...process.env, PATH: [join(root, "node_modules", ".bin"), process.env.PATH].join(delimiter) };
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // `stateDir` restarts on an earlier run's state (its D1 file was changed while stopped).
  const stateDir = reuse ?? mkdtempSync(join(tmpdir(), `parley-${name}-state-`));
  mkdirSync(join(root, "test-results"), { recursive: true });
  const logPath = join(root, "test-results", `${name}-stack.log`);
  // The stack writes straight into its log file: its log lines (one per request) never pass
  // through this process, which may be the one driving load at it (the benchmarks).
  const log = openSync(logPath, "w");
  const child = spawn(nodeBin, [join(root, "scripts", "start.mjs")], {
    cwd: root,
    env: { ...env, PORT: String(port), PARLEY_STATE_DIR: stateDir, CI: "true" },
    stdio: ["ignore", log, log],
    detached: true,
  });
  const output = () => readFileSync(logPath, "utf8");
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  let stopped = false;
  /** `keepState: true` leaves the state directory for a later startStack({ stateDir }). */
  const stop = async ({ keepState = false } = {}) => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      try {
        process.kill(-child.pid, "SIGTERM");
        for (let i = 0; i < 50 && !exited; i++) await sleep(100);
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    closeSync(log);
    if (!keepState) rmSync(stateDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`the stack exited during startup; see ${logPath}\n${output().slice(-3000)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the stack was not ready after ${timeoutMs / 1000} s; see ${logPath}\n${output().slice(-3000)}`);
    }
    // start.mjs prints the demo login once the health check passed and the demo tenant is seeded.
    const text = output();
    const email = /email:\s+(\S+)/.exec(text)?.[1];
    const password = /password:\s+(\S+)/.exec(text)?.[1];
    if (email && password && (await fetch(`${base}/api/health`).catch(() => null))?.ok) {
      return { base, port, stateDir, logPath, demo: { email, password }, nodeBin, env, stop, pid: child.pid };
    }
    await sleep(300);
  }
}
