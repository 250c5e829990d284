import type { Totals } from "../api";
import { change, formatDuration, percent } from "../format";

interface Stat {
  metric: string;
  label: string;
  value: (t: Totals) => number | null;
  show?: (v: number | null) => string;
  note?: (t: Totals) => string | null;
  /** Shown only when this holds in the period or the one before (a figure of a feature the business uses). */
  when?: (t: Totals) => boolean;
}

const outbound = (t: Totals) => t.messages.outbound.bot + t.messages.outbound.agent + t.messages.outbound.campaign;

const STATS: Stat[] = [
  { metric: "conversations.new", label: "New conversations", value: (t) => t.conversations.new },
  {
    metric: "conversations.botOnly",
    label: "Handled by the assistant alone",
    value: (t) => t.conversations.botOnly,
    note: (t) => (t.conversations.new ? `${percent(t.conversations.botOnly, t.conversations.new)} of new conversations` : null),
  },
  { metric: "conversations.handedOff", label: "Handed to a person", value: (t) => t.conversations.handedOff },
  { metric: "messages.inbound", label: "Customer messages", value: (t) => t.messages.inbound },
  { metric: "assistant.answered", label: "Answered from your knowledge", value: (t) => t.assistant.answered },
  { metric: "assistant.unanswered", label: "Questions it couldn't answer", value: (t) => t.assistant.unanswered },
  {
    metric: "responseTimes.botP50Ms",
    label: "Assistant reply time (median)",
    value: (t) => t.responseTimes.botP50Ms,
    show: formatDuration,
    note: (t) => (t.responseTimes.botP90Ms === null ? "No assistant replies in this period" : `9 in 10 within ${formatDuration(t.responseTimes.botP90Ms)}`),
  },
  {
    metric: "responseTimes.humanP50Ms",
    label: "Team reply time (median)",
    value: (t) => t.responseTimes.humanP50Ms,
    show: formatDuration,
    note: (t) => (t.responseTimes.humanP90Ms === null ? "No team replies in this period" : `9 in 10 within ${formatDuration(t.responseTimes.humanP90Ms)}`),
  },
  {
    metric: "messages.delivered",
    label: "Messages delivered",
    value: (t) => t.messages.delivered,
    note: (t) => (outbound(t) ? `${percent(t.messages.delivered, outbound(t))} of ${outbound(t).toLocaleString()} sent, ${percent(t.messages.read, outbound(t))} read` : null),
  },
  { metric: "messages.failed", label: "Messages that failed", value: (t) => t.messages.failed },
  {
    metric: "campaigns.sent",
    label: "Campaign messages sent",
    value: (t) => t.campaigns.sent,
    note: (t) => (t.campaigns.sent ? `${percent(t.campaigns.read, t.campaigns.sent)} read, ${t.campaigns.replied.toLocaleString()} replied` : null),
    when: (t) => t.messages.outbound.campaign > 0,
  },
  { metric: "leads.newContacts", label: "New contacts", value: (t) => t.leads.newContacts },
  { metric: "leads.qualified", label: "Qualified leads", value: (t) => t.leads.qualified },
  { metric: "leads.booked", label: "Bookings", value: (t) => t.leads.booked },
  { metric: "credits.used", label: "Credits used", value: (t) => t.credits.used },
];

/** The headline figures with their change against the previous period of equal length. */
export function Headline({ current, previous }: { current: Totals; previous: Totals }) {
  return (
    <dl className="stats-grid" aria-label="Headline figures">
      {STATS.filter((s) => !s.when || s.when(current) || s.when(previous)).map((s) => {
        const v = s.value(current);
        const diff = change(v, s.value(previous));
        const note = s.note?.(current);
        return (
          <div className="stat" key={s.metric}>
            <dt>{s.label}</dt>
            <dd className="stat-value" data-metric={s.metric} data-value={v ?? ""}>
              {s.show ? s.show(v) : (v ?? 0).toLocaleString()}
            </dd>
            {note && <dd className="muted small">{note}</dd>}
            {diff && <dd className="muted small stat-change">{diff.text}</dd>}
          </div>
        );
      })}
    </dl>
  );
}
