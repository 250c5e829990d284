// The email provider seam: one HTTP call to a Resend-style API
// (POST EMAIL_API_URL { from, to: [address], subject, text } with a Bearer key,
// answering { id }). Nothing else in Parley knows how email leaves.
import type { Config } from "../env";

export interface OutgoingEmail {
  /** Parley's email id, sent as the provider's Idempotency-Key so a retried call sends once. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

export type EmailSendResult =
  | { ok: true; providerMessageId: string | null }
  | { ok: false; retryable: boolean; error: string };

export interface EmailProvider {
  send(email: OutgoingEmail): Promise<EmailSendResult>;
}

const SEND_TIMEOUT_MS = 10_000;

/** The configured provider, or null when EMAIL_API_URL is not set (emails then stay in the outbox). */
export function emailProvider(config: Config, fetcher: typeof fetch = fetch): EmailProvider | null {
  const url = config.EMAIL_API_URL;
  const key = config.EMAIL_API_KEY;
  const from = config.EMAIL_FROM;
  if (!url || !key || !from) return null;
  return {
    async send(email) {
      let res: Response;
      try {
        res = await fetcher(url, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": email.id },
          body: JSON.stringify({ from, to: [email.to], subject: email.subject, text: email.text }),
          redirect: "manual",
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        });
      } catch (err) {
        return { ok: false, retryable: true, error: err instanceof Error && err.name === "TimeoutError" ? "the email provider did not answer in time" : "the email provider could not be reached" };
      }
      const body = (await res.json().catch(() => null)) as { id?: unknown; message?: unknown } | null;
      if (res.ok) return { ok: true, providerMessageId: typeof body?.id === "string" ? body.id : null };
      const why = typeof body?.message === "string" ? `: ${body.message.slice(0, 200)}` : "";
      return { ok: false, retryable: res.status >= 500 || res.status === 429 || res.status === 409, error: `the email provider answered ${res.status}${why}` };
    },
  };
}
