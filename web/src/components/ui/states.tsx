import type { ReactNode } from "react";
import { isApiError, isNetworkError } from "../../lib/api";
import { Button } from "./button";
import { AlertIcon, CloudOffIcon } from "./icons";

export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      {icon && <div className="empty-state-icon">{icon}</div>}
      <p className="empty-state-title">{title}</p>
      {children && <div className="empty-state-body">{children}</div>}
      {action && <div className="empty-state-action">{action}</div>}
    </div>
  );
}

/** What went wrong loading something, in plain words, with a way to try again. */
export function ErrorState({ error, what, onRetry, retrying }: { error: unknown; what: string; onRetry: () => void; retrying?: boolean }) {
  const offline = isNetworkError(error);
  const api = isApiError(error) ? error : null;
  let message: string;
  if (offline) message = "We couldn't reach Parley. Check your internet connection.";
  else if (api && api.status >= 500) message = "Something went wrong on our side.";
  else if (api) message = api.detail;
  else message = "Something unexpected happened.";
  return (
    <div className="error-state" role="alert">
      <div className="empty-state-icon error-state-icon">{offline ? <CloudOffIcon /> : <AlertIcon />}</div>
      <p className="empty-state-title">Couldn't load {what}</p>
      <p className="empty-state-body">{message}</p>
      {api?.requestId && api.status >= 500 && (
        <p className="muted small">
          Reference: <code>{api.requestId}</code>
        </p>
      )}
      <div className="empty-state-action">
        <Button onClick={onRetry} loading={retrying}>
          Try again
        </Button>
      </div>
    </div>
  );
}
