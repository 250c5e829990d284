// Structured JSON logs, one object per line. Anything that looks like a secret
// is redacted by key name before it is written.
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|^key$|signature|hmac|credential|dsn/i;

/** Paths whose segments are credentials (the calendar feed's secret) are logged without them. */
const SECRET_PATH = /^(\/api\/calendar\/[^/.]*\.)[^/]+(\.ics)$/;
export const redactPath = (path: string): string => path.replace(SECRET_PATH, "$1[redacted]$2");

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) ? "[redacted]" : k === "path" && typeof v === "string" ? redactPath(v) : redact(v, depth + 1);
  }
  return out;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** One object per request, queue batch or turn: methods on the prototype, so making one costs little. */
class JsonLogger implements Logger {
  constructor(private readonly base: Record<string, unknown>) {}
  log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
    const line = JSON.stringify(redact({ level, msg, time: new Date().toISOString(), ...this.base, ...fields }));
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.log(line);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.log("info", msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.log("warn", msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.log("error", msg, fields);
  }
  child(fields: Record<string, unknown>): Logger {
    return new JsonLogger({ ...this.base, ...fields });
  }
}

export function createLogger(base: Record<string, unknown> = {}): Logger {
  return new JsonLogger(base);
}

export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { error: err.message, errorName: err.name, stack: err.stack?.split("\n").slice(0, 6).join("\n") };
  return { error: String(err) };
}
