// Small helpers for forms: client-side checks, server field errors from
// problem+json `errors[]`, and focusing the first field that needs attention.
import { useCallback, useRef, useState } from "react";
import { ApiError, isApiError } from "./api";
import { toast } from "./toast";

export type Errors<F extends string> = Partial<Record<F, string>>;

/** "must be at least 10 characters" + "Password" → "Password must be at least 10 characters". */
export function fieldMessage(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PASSWORD_MIN = 10;

/** A plain sentence for answers that are not about one field. */
export function describeError(error: unknown): string {
  if (!isApiError(error)) return "Couldn't reach Parley. Check your connection and try again.";
  if (error.status === 429) {
    const minutes = error.retryAfterSeconds ? Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) : null;
    return minutes ? `Too many attempts. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.` : "Too many attempts. Please wait a little and try again.";
  }
  if (error.status >= 500) return `Something went wrong on our side. Please try again.${error.requestId ? ` (Reference: ${error.requestId})` : ""}`;
  return error.detail;
}

export function useForm<F extends string>(labels: Record<F, string>) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Errors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const focusFirst = useCallback(
    (errs: Errors<F>) => {
      const first = (Object.keys(labels) as F[]).find((f) => errs[f]);
      if (!first) return;
      const el = formRef.current?.elements.namedItem(first);
      if (el instanceof HTMLElement) el.focus();
    },
    [labels],
  );

  /** Show client-side problems; returns true when there were none. */
  const check = useCallback(
    (errs: Errors<F>) => {
      const clean = Object.fromEntries(Object.entries(errs).filter(([, v]) => v)) as Errors<F>;
      setErrors(clean);
      setFormError(null);
      if (Object.keys(clean).length === 0) return true;
      focusFirst(clean);
      return false;
    },
    [focusFirst],
  );

  /**
   * Map an API failure onto the form. Network and server failures are already
   * announced by the query client (toast with retry / request id), so only
   * answers about this input are shown here.
   */
  const showServerError = useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError) || error.status >= 500) return;
      const fields: Errors<F> = {};
      let unmatched = false;
      for (const [path, message] of Object.entries(error.fieldErrors)) {
        if (path in labels) fields[path as F] = fieldMessage(labels[path as F], message);
        else unmatched = true;
      }
      setErrors(fields);
      const hasFields = Object.keys(fields).length > 0;
      setFormError(hasFields && !unmatched ? null : describeError(error));
      if (hasFields) focusFirst(fields);
    },
    [labels, focusFirst],
  );

  const clearError = useCallback((field: F) => {
    setErrors((prev) => {
      if (!prev[field]) return prev;
      const next = { ...prev };
      delete next[field];
      return next;
    });
  }, []);

  const reset = useCallback(() => {
    setErrors({});
    setFormError(null);
  }, []);

  return { formRef, errors, formError, check, showServerError, clearError, reset };
}

/** Read a form's named text inputs as strings. */
export function readForm<F extends string>(form: HTMLFormElement, fields: readonly F[]): Record<F, string> {
  const data = new FormData(form);
  return Object.fromEntries(fields.map((f) => [f, String(data.get(f) ?? "")])) as Record<F, string>;
}

/**
 * For actions without a form (role change, revoke…): a toast explaining a
 * refusal such as "a team needs at least one owner". Network, server and
 * session failures are already announced by the query client.
 */
export function notifyRefusal(title: string, error: unknown): void {
  if (error instanceof ApiError && error.status < 500 && error.status !== 401) {
    toast({ tone: "error", title, description: describeError(error) });
  }
}
