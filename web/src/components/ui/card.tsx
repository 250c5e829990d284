import type { ReactNode } from "react";
import { useId } from "react";
import { cx } from "../../lib/cx";

/** A titled section of a page. The title is an h2 that labels the section. */
export function Card({ title, description, actions, children, className, flush }: { title?: string; description?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; flush?: boolean }) {
  const id = useId();
  return (
    <section className={cx("card", className)} aria-labelledby={title ? id : undefined}>
      {(title || actions) && (
        <div className="card-header">
          <div>
            {title && (
              <h2 id={id} className="card-title">
                {title}
              </h2>
            )}
            {description && <p className="card-description">{description}</p>}
          </div>
          {actions && <div className="card-actions">{actions}</div>}
        </div>
      )}
      <div className={cx("card-body", flush && "card-body-flush")}>{children}</div>
    </section>
  );
}
