import { useId, useState } from "react";
import { SelectField } from "../../../components/ui/field";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { useSeries, type Range } from "../api";
import { shortDate } from "../format";

const METRICS = [
  ["messages.inbound", "Customer messages"],
  ["conversations.new", "New conversations"],
  ["conversations.handedOff", "Conversations handed to a person"],
  ["messages.outbound.bot", "Assistant replies"],
  ["messages.outbound.agent", "Team replies"],
  ["messages.outbound.campaign", "Campaign messages"],
  ["assistant.answered", "Answered from your knowledge"],
  ["assistant.unanswered", "Questions it couldn't answer"],
  ["leads.newContacts", "New contacts"],
  ["leads.qualified", "Qualified leads"],
  ["leads.booked", "Bookings"],
  ["messages.failed", "Messages that failed"],
  ["credits.used", "Credits used"],
] as const;

const W = 640;
const H = 170;
const PAD_BOTTOM = 22;

/** One metric per day as inline SVG bars, with a table (for screen readers, and on request) and a CSV download. */
export function DailyChart({ range }: { range: Range }) {
  const [metric, setMetric] = useState<string>(METRICS[0][0]);
  const [asTable, setAsTable] = useState(false);
  const series = useSeries(metric, range);
  const id = useId();
  const label = METRICS.find((m) => m[0] === metric)![1];
  const csv = `/api/analytics/timeseries?${new URLSearchParams({ metric, ...range, format: "csv" }).toString()}`;
  return (
    <div>
      <div className="analytics-chart-controls">
        <SelectField label="Show" name="metric" value={metric} onChange={(e) => setMetric(e.target.value)} options={METRICS.map(([value, text]) => ({ value, label: text }))} />
        <div className="chart-links">
          <button type="button" className="link-button small" aria-expanded={asTable} aria-controls={`${id}-table`} onClick={() => setAsTable((v) => !v)}>
            {asTable ? "Show as chart" : "Show as table"}
          </button>
          <a className="link-button small" href={csv} download>
            Download CSV
          </a>
        </div>
      </div>
      {series.isPending ? (
        <Skeleton height={H} />
      ) : series.isError ? (
        <ErrorState error={series.error} what="the chart" onRetry={() => void series.refetch()} retrying={series.isFetching} />
      ) : (
        <Bars data={series.data.data} label={label} id={id} asTable={asTable} />
      )}
    </div>
  );
}

function Bars({ data, label, id, asTable }: { data: Array<{ date: string; value: number }>; label: string; id: string; asTable: boolean }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const total = data.reduce((s, d) => s + d.value, 0);
  const slot = W / Math.max(1, data.length);
  const barW = Math.max(2, slot * 0.6);
  const every = Math.ceil(data.length / 8);
  return (
    <>
      <p className="muted small" id={`${id}-summary`}>
        {label}: {total.toLocaleString()} in {data.length} {data.length === 1 ? "day" : "days"}
        {total > 0 ? `, at most ${max.toLocaleString()} in one day` : ""}.
      </p>
      {!asTable && (
        <svg viewBox={`0 0 ${W} ${H}`} className="usage-svg" role="img" aria-labelledby={`${id}-summary`} preserveAspectRatio="none">
          <line x1={0} x2={W} y1={H - PAD_BOTTOM} y2={H - PAD_BOTTOM} className="usage-axis" />
          {data.map((d, i) => {
            const h = ((H - PAD_BOTTOM - 8) * Math.max(0, d.value)) / max;
            return (
              <g key={d.date}>
                <rect x={i * slot + (slot - barW) / 2} y={H - PAD_BOTTOM - h} width={barW} height={Math.max(h, d.value > 0 ? 2 : 0)} rx={2} className="usage-bar">
                  <title>{`${shortDate(d.date)}: ${d.value.toLocaleString()}`}</title>
                </rect>
                {i % every === 0 && (
                  <text x={i === 0 ? 0 : i * slot + slot / 2} y={H - 6} textAnchor={i === 0 ? "start" : "middle"} className="usage-label">
                    {shortDate(d.date)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      )}
      <table id={`${id}-table`} className={asTable ? "table" : "visually-hidden"}>
        <caption className="visually-hidden">{label} per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col" className="num">
              {label}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.date}>
              <td>{shortDate(d.date)}</td>
              <td className="num">{d.value.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
