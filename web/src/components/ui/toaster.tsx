import { useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import { cx } from "../../lib/cx";
import { dismissToast, toastStore, type Toast } from "../../lib/toast";
import { AlertIcon, CheckIcon, CloseIcon, InfoIcon } from "./icons";

function ToastItem({ t }: { t: Toast }) {
  const Icon = t.tone === "success" ? CheckIcon : t.tone === "error" ? AlertIcon : InfoIcon;
  return (
    // A plain container: a list item given role=status would no longer be a list item (axe: list).
    <div className={cx("toast", `toast-${t.tone}`)} role={t.tone === "error" ? "alert" : "status"}>
      <Icon className="toast-icon" />
      <div className="toast-content">
        <p className="toast-title">{t.title}</p>
        {t.description && <p className="toast-description">{t.description}</p>}
        {t.requestId && (
          <p className="toast-description">
            Reference: <code className="toast-ref">{t.requestId}</code>
          </p>
        )}
        {t.action && (
          <button
            type="button"
            className="btn btn-secondary btn-sm toast-action"
            onClick={() => {
              dismissToast(t.id);
              t.action!.onClick();
            }}
          >
            {t.action.label}
          </button>
        )}
      </div>
      <button type="button" className="icon-btn toast-close" onClick={() => dismissToast(t.id)} aria-label="Dismiss notification">
        <CloseIcon size={16} />
      </button>
    </div>
  );
}

export function Toaster() {
  const toasts = useSyncExternalStore(toastStore.subscribe, toastStore.getSnapshot, toastStore.getSnapshot);
  return createPortal(
    <section className="toaster" aria-label="Notifications" data-keep-interactive="">
      <div className="toaster-list">
        {toasts.map((t) => (
          <ToastItem key={t.id} t={t} />
        ))}
      </div>
    </section>,
    document.body,
  );
}
