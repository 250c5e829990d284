// The retry schedule (Svix's, which Standard Webhooks recommends): attempt
// immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each
// delay counted from the previous failure and spread by ±10 % jitter so
// deliveries that failed together do not retry together.
export const RETRY_DELAYS_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;
export const MAX_SCHEDULED_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
export const JITTER = 0.1;

/** Queues' documented per-message delay cap; longer waits are chained hop by hop. */
export const MAX_QUEUE_DELAY_SECONDS = 12 * 3600;
/** A subscriber's Retry-After is honoured up to this; beyond it the delivery would outlive its usefulness. */
export const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/** The jittered wait after scheduled attempt `attempt` (1-based) failed, or null after the last one. */
export function retryDelaySeconds(attempt: number, random: () => number): number | null {
  const base = RETRY_DELAYS_SECONDS[attempt - 1];
  if (base === undefined) return null;
  return Math.max(1, Math.round(base * (1 - JITTER + 2 * JITTER * random())));
}

/** Retry-After as seconds from `now` (delta-seconds or an HTTP date), or null if absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The wait before the next attempt: the schedule's, lengthened (never
 * shortened) by the subscriber's Retry-After, which is capped so a huge value
 * cannot park a delivery indefinitely. A Retry-After shorter than the
 * schedule is ignored, so a subscriber cannot burn through the attempts.
 */
export function nextDelaySeconds(scheduled: number, retryAfter: number | null): number {
  if (retryAfter === null) return scheduled;
  return Math.max(scheduled, Math.min(retryAfter, MAX_RETRY_AFTER_SECONDS));
}

/** The delay for the next queue hop towards `notBefore` (ms): at most the queue cap; 0 when due. */
export function hopDelaySeconds(notBefore: number, now: number): number {
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil((notBefore - now) / 1000)));
}
