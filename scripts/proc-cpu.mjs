// CPU time spent by a locally served worker, read from /proc (Linux only), so
// the benchmark can say where a request's time went and not only how many
// requests fit in a second. A worker served by wrangler's runtime is a process
// group: wrangler's Node process (which also prints every log line), workerd
// running wrangler's proxy in front of the worker, and workerd running the
// worker itself with its Durable Objects, local D1 and queue broker, on one
// thread. The worker's workerd is the one holding files of the state directory.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";

const available = existsSync("/proc/self/stat");
const msPerTick = (() => {
  if (!available) return 10;
  try {
    return 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  } catch {
    return 10;
  }
})();

/** "worker" for the workerd holding files of the state directory, "proxy" for the other, "node" for the rest. */
function roleOf(pid, comm, stateDir) {
  if (comm !== "workerd") return "node";
  let fds = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return "proxy";
  }
  const holdsState = fds.some((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(`${stateDir}/`);
    } catch {
      return false;
    }
  });
  return holdsState ? "worker" : "proxy";
}

/**
 * CPU milliseconds used so far by the processes of group `pgid`, split into
 * `worker` (the worker's workerd), `proxy` (wrangler's proxy workerd) and
 * `node` (everything else: wrangler's Node process and its helpers). Null when
 * /proc is not there.
 */
export function groupCpu(pgid, stateDir) {
  if (!available) return null;
  const out = { worker: 0, proxy: 0, node: 0 };
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(")");
    // After the command name: state, ppid, pgrp, …, utime (14th field of the line), stime (15th).
    const fields = stat.slice(close + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue;
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    out[roleOf(pid, comm, stateDir)] += (Number(fields[11]) + Number(fields[12])) * msPerTick;
  }
  return out;
}

/** CPU ms per unit between two groupCpu readings. */
export function cpuPer(before, after, units) {
  if (!before || !after || !units) return null;
  const per = (k) => +((after[k] - before[k]) / units).toFixed(3);
  return { worker: per("worker"), proxy: per("proxy"), node: per("node") };
}
