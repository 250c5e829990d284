import type { ReactNode } from "react";
import { cx } from "../../lib/cx";

type Tone = "neutral" | "accent" | "success" | "danger" | "warning";

/** A short label. Always text (and optionally an icon), never colour alone. */
export function Badge({ tone = "neutral", icon, children }: { tone?: Tone; icon?: ReactNode; children: ReactNode }) {
  return (
    <span className={cx("badge", `badge-${tone}`)}>
      {icon}
      {children}
    </span>
  );
}
