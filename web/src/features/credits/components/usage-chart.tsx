import { useId, useState } from "react";
import type { DayUsage } from "../usage";

const W = 640;
const H = 160;
const PAD_BOTTOM = 22;

/** Inline SVG bars of credits used per day, with a table for screen readers and a toggle to see it. */
export function UsageChart({ data }: { data: DayUsage[] }) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  const max = Math.max(1, ...data.map((d) => d.used));
  const total = data.reduce((s, d) => s + d.used, 0);
  const slot = W / data.length;
  const barW = Math.max(6, slot * 0.6);
  return (
    <div className="usage-chart">
      <div className="usage-chart-head">
        <p className="muted small" id={`${id}-summary`}>
          {total} {total === 1 ? "credit" : "credits"} used in the last {data.length} days{total > 0 ? `, at most ${max} in one day` : ""}.
        </p>
        <button type="button" className="link-button small" aria-expanded={asTable} aria-controls={`${id}-table`} onClick={() => setAsTable((v) => !v)}>
          {asTable ? "Show as chart" : "Show as table"}
        </button>
      </div>
      {!asTable && (
        <svg viewBox={`0 0 ${W} ${H}`} className="usage-svg" role="img" aria-labelledby={`${id}-summary`} preserveAspectRatio="none">
          <line x1={0} x2={W} y1={H - PAD_BOTTOM} y2={H - PAD_BOTTOM} className="usage-axis" />
          {data.map((d, i) => {
            const h = ((H - PAD_BOTTOM - 8) * d.used) / max;
            const x = i * slot + (slot - barW) / 2;
            return (
              <g key={d.day}>
                <rect x={x} y={H - PAD_BOTTOM - h} width={barW} height={Math.max(h, d.used > 0 ? 2 : 0)} rx={2} className="usage-bar">
                  <title>{`${d.label}: ${d.used} credits`}</title>
                </rect>
                {(i % 2 === data.length % 2 || data.length <= 7) && (
                  <text x={i * slot + slot / 2} y={H - 6} textAnchor="middle" className="usage-label">
                    {d.label}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      )}
      <table id={`${id}-table`} className={asTable ? "table" : "visually-hidden"}>
        <caption className="visually-hidden">Credits used per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Credits used</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.day}>
              <td>{d.label}</td>
              <td>{d.used}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
