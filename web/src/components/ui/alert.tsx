import type { ReactNode } from "react";
import { cx } from "../../lib/cx";
import { AlertIcon, InfoIcon } from "./icons";

/** An inline message box. Errors are announced to screen readers as they appear. */
export function Alert({ tone = "error", title, children, className }: { tone?: "error" | "info" | "success"; title?: string; children?: ReactNode; className?: string }) {
  return (
    <div className={cx("alert", `alert-${tone}`, className)} role={tone === "error" ? "alert" : "status"}>
      {tone === "error" ? <AlertIcon /> : <InfoIcon />}
      <div>
        {title && <p className="alert-title">{title}</p>}
        {children && <div className="alert-body">{children}</div>}
      </div>
    </div>
  );
}
