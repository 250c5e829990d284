import { Link } from "react-router";
import { Card } from "../../../components/ui/card";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { formatRelative } from "../../../lib/format";
import { paths } from "../../../lib/paths";
import { handoffReason } from "../../bot/handoff-reasons";
import { useBreakdowns, type Breakdowns as Data, type Range } from "../api";
import { shortDate } from "../format";

const pct = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);
const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Row {
  key: string;
  label: string;
  count: number;
}

/** Labelled counts with a bar each (the bar is decoration: the number is the figure). */
function Bars({ rows, figure, empty, label }: { rows: Row[]; figure: string; empty: string; label: string }) {
  if (!rows.length) return <p className="muted small">{empty}</p>;
  const max = Math.max(...rows.map((r) => r.count), 1);
  return (
    <ul className="bar-list" aria-label={label}>
      {rows.map((r) => (
        <li key={r.key}>
          <span className="bar-label">{r.label}</span>
          <span className="bar-count" data-figure={`${figure}.${r.key}`} data-value={r.count}>
            {r.count.toLocaleString()}
          </span>
          <span className="bar" aria-hidden="true">
            <span style={{ width: `${(r.count / max) * 100}%` }} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One figure: its label, the value (machine-readable in data-value), and a note. */
function Figure({ label, value, figure, raw, note }: { label: string; value: string; figure: string; raw: number | string | null; note?: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd className="stat-value" data-figure={figure} data-value={raw ?? ""}>
        {value}
      </dd>
      {note && <dd className="muted small">{note}</dd>}
    </div>
  );
}

function Sections({ d }: { d: Data }) {
  const f = d.leads.funnel;
  const closed = d.responsiveness.repliesWhileClosed;
  const scored = d.leads.scoreDistribution.reduce((n, b) => n + b.count, 0);
  return (
    <div className="breakdowns">
      <Card title="Conversations" description="New conversations by channel, and why conversations went to a person.">
        <h3 className="breakdown-heading">By channel</h3>
        <Bars
          label="New conversations by channel"
          figure="conversations.byChannel"
          rows={d.conversations.byChannel.map((c) => ({ key: c.channelId, label: c.name ?? "A removed channel", count: c.count }))}
          empty="No new conversations in this period."
        />
        <h3 className="breakdown-heading">Handed to a person because</h3>
        <Bars
          label="Handoffs by reason"
          figure="conversations.byHandoffReason"
          rows={d.conversations.byHandoffReason.map((h) => ({ key: h.reason, label: h.reason === "agent" ? "A person took over" : capitalized(handoffReason(h.reason)), count: h.count }))}
          empty="No conversation went to a person in this period."
        />
      </Card>

      <Card title="Messages and replies" description="What reached your customers, and how many of their messages got a reply.">
        <dl className="stats-grid breakdown-stats">
          <Figure label="Delivered" figure="messages.deliveryRate" raw={d.messages.deliveryRate} value={pct(d.messages.deliveryRate)} note={`${d.messages.delivered.toLocaleString()} of ${d.messages.outbound.toLocaleString()} sent`} />
          <Figure label="Read" figure="messages.readRate" raw={d.messages.readRate} value={pct(d.messages.readRate)} note={`${d.messages.read.toLocaleString()} of ${d.messages.outbound.toLocaleString()} sent`} />
          <Figure
            label="Customer messages answered"
            figure="responsiveness.answeredRate"
            raw={d.responsiveness.answeredRate}
            value={pct(d.responsiveness.answeredRate)}
            note={`${d.responsiveness.answered.toLocaleString()} of ${d.responsiveness.customerMessages.toLocaleString()}`}
          />
          <Figure
            label="Replies while you were closed"
            figure="responsiveness.repliesWhileClosed"
            raw={closed ? closed.bot + closed.agent : null}
            value={closed ? (closed.bot + closed.agent).toLocaleString() : "—"}
            note={closed ? `${closed.bot.toLocaleString()} by the assistant, ${closed.agent.toLocaleString()} by your team` : "Set your opening hours in the bot settings to see this."}
          />
        </dl>
        <h3 className="breakdown-heading">Why messages failed</h3>
        <Bars
          label="Failed messages by reason"
          figure="messages.failuresByReason"
          rows={d.messages.failuresByReason.map((x) => ({ key: x.code ?? "none", label: x.title, count: x.count }))}
          empty="No message failed in this period."
        />
      </Card>

      <Card title="Leads" description="The qualification funnel in this period; scores, hot and cold leads as they are now.">
        <h3 className="breakdown-heading">Qualification</h3>
        <Bars
          label="Qualification funnel"
          figure="leads.funnel"
          rows={[
            { key: "asked", label: "Asked the first question", count: f.asked },
            { key: "answered", label: "Answered", count: f.answered },
            { key: "qualified", label: "Qualified", count: f.qualified },
            { key: "booked", label: "Booked", count: f.booked },
          ]}
          empty=""
        />
        <dl className="stats-grid breakdown-stats">
          <Figure label="Hot leads waiting for a person" figure="leads.hotWaiting" raw={d.leads.hotWaiting.count} value={d.leads.hotWaiting.count.toLocaleString()} />
          <Figure label={`No message from them for ${d.leads.cold.days} days`} figure="leads.cold" raw={d.leads.cold.count} value={d.leads.cold.count.toLocaleString()} note="Cold leads to follow up" />
        </dl>
        {d.leads.hotWaiting.conversations.length > 0 && (
          <ul className="question-list" aria-label="Hot leads waiting longest">
            {d.leads.hotWaiting.conversations.map((c) => (
              <li key={c.conversationId}>
                <Link to={`${paths.inbox}?c=${encodeURIComponent(c.conversationId)}`}>{c.name || c.phone}</Link>
                <span className="muted small">wrote {formatRelative(c.waitingSince)}</span>
              </li>
            ))}
          </ul>
        )}
        <h3 className="breakdown-heading">Lead scores now</h3>
        <Bars
          label="Contacts by lead score"
          figure="leads.scoreDistribution"
          rows={scored ? d.leads.scoreDistribution.map((b) => ({ key: String(b.min), label: `${b.min}–${b.max}`, count: b.count })) : []}
          empty="No contacts yet."
        />
      </Card>

      <Card title="Credits" description="Answers cost credits; refunds are taken off.">
        <dl className="stats-grid breakdown-stats">
          <Figure label="Used in this period" figure="credits.used" raw={d.credits.used} value={d.credits.used.toLocaleString()} />
          <Figure label="Per day, last 7 days" figure="credits.usedPerDayLastWeek" raw={d.credits.usedPerDayLastWeek} value={d.credits.usedPerDayLastWeek.toLocaleString()} />
          <Figure label="Balance" figure="credits.balance" raw={d.credits.balance} value={d.credits.balance === null ? "—" : d.credits.balance.toLocaleString()} />
          <Figure
            label="Runs out around"
            figure="credits.projectedExhaustion"
            raw={d.credits.projectedExhaustion}
            value={d.credits.projectedExhaustion ? shortDate(d.credits.projectedExhaustion) : "—"}
            note={d.credits.projectedExhaustion ? "At the last 7 days' rate" : "No credits used in the last 7 days"}
          />
        </dl>
      </Card>
    </div>
  );
}

/** What the headline figures are made of, and the leads and credits as they are now. */
export function Breakdowns({ range }: { range: Range }) {
  const q = useBreakdowns(range);
  if (q.isError)
    return (
      <Card title="Breakdowns">
        <ErrorState error={q.error} what="the breakdowns" onRetry={() => void q.refetch()} retrying={q.isFetching} />
      </Card>
    );
  if (!q.data)
    return (
      <div className="breakdowns" role="status" aria-label="Loading breakdowns">
        {[0, 1, 2, 3].map((i) => (
          <div className="card" key={i}>
            <div className="card-body">
              <Skeleton height={18} width="40%" />
              <Skeleton height={14} width="90%" />
              <Skeleton height={14} width="70%" />
            </div>
          </div>
        ))}
      </div>
    );
  return <Sections d={q.data} />;
}
