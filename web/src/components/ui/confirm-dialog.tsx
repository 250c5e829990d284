import { useRef, type ReactNode } from "react";
import { describeError } from "../../lib/form";
import { isApiError } from "../../lib/api";
import { Alert } from "./alert";
import { Button } from "./button";
import { Dialog } from "./dialog";

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The safe choice; "Cancel" unless that would be confusing ("Cancel booking"). */
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  /** The last failure, shown inside the dialog so the person can try again. */
  error?: unknown;
  tone?: "danger" | "primary";
}

/** Asks before anything destructive. Focus starts on Cancel, the safe choice. */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel = "Cancel", onConfirm, onCancel, pending, error, tone = "danger" }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Network and server failures are announced by a toast; the dialog repeats the
  // plain reason for answers like "already accepted" that need no retry.
  const inline = error && isApiError(error) && error.status < 500 && error.status !== 401 ? describeError(error) : null;
  return (
    <Dialog
      open={open}
      onClose={() => {
        if (!pending) onCancel();
      }}
      title={title}
      role="alertdialog"
      initialFocusRef={cancelRef}
      description={children}
      footer={
        <>
          <Button ref={cancelRef} onClick={onCancel} disabled={pending}>
            {cancelLabel}
          </Button>
          <Button variant={tone} onClick={onConfirm} loading={pending}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {inline && <Alert>{inline}</Alert>}
    </Dialog>
  );
}
