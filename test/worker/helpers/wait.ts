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
