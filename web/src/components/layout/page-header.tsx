import { useEffect, useRef, type ReactNode } from "react";

let firstPage = true;

/**
 * The page's h1. After in-app navigation it takes focus, so keyboard and
 * screen-reader users start at the new page instead of the old link.
 */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page-header">
      <div>
        <h1 ref={ref} tabIndex={-1} className="page-title">
          {title}
        </h1>
        {description && <p className="page-description">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
      <title>{`${title} · Parley`}</title>
    </div>
  );
}
