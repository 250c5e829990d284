// Waiting for asynchronous work (queue consumers) to show its outcome. The
// assertion is about the outcome; the deadline only bounds how long a broken
// pipeline can take to fail.
export async function eventually<T>(check: () => Promise<T>, opts: { timeoutMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`${opts.what ?? "condition"} not reached: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
    }
    await scheduler.wait(50);
  }
}

/**
 * Runs `attempt` so that what it counts falls inside one window aligned to the
 * clock: a limiter's window (RateLimiterDO and the runtime's rate-limiting
 * binding count fixed windows) or a UTC day (analytics). A run that fails after
 * crossing a window boundary is not evidence either way (the count started
 * again), so it runs again; a run that fails inside one window fails the test.
 * Each attempt must use keys of its own (a new address, email or tenant).
 */
export async function withinOneWindow<T>(windowMs: number, attempt: () => Promise<T>): Promise<T> {
  for (let run = 1; ; run++) {
    const window = Math.floor(Date.now() / windowMs);
    try {
      return await attempt();
    } catch (err) {
      if (run >= 3 || Math.floor(Date.now() / windowMs) === window) throw err;
    }
  }
}
