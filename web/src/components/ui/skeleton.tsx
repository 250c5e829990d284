import { cx } from "../../lib/cx";

export function Skeleton({ width, height = 14, className }: { width?: number | string; height?: number | string; className?: string }) {
  return <span className={cx("skeleton", className)} style={{ width, height }} aria-hidden="true" />;
}

/** Placeholder rows for a table while it loads. */
export function TableSkeleton({ rows = 3, columns = 4, label }: { rows?: number; columns?: number; label: string }) {
  return (
    <div className="table-skeleton" role="status" aria-label={label}>
      {Array.from({ length: rows }, (_, r) => (
        <div className="table-skeleton-row" key={r}>
          {Array.from({ length: columns }, (_, c) => (
            <Skeleton key={c} width={c === 0 ? "28%" : `${14 + ((r + c) % 3) * 4}%`} />
          ))}
        </div>
      ))}
    </div>
  );
}
