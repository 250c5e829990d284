import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { SelectField, TextField } from "../../../components/ui/field";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import "../../credits/credits.css";
import "../analytics.css";
import { useOverview, type Range, type Totals } from "../api";
import { shortDate } from "../format";
import { Breakdowns } from "./breakdowns";
import { DailyChart } from "./daily-chart";
import { Headline } from "./headline";
import { UnansweredQuestions } from "./unanswered";

type Preset = "7" | "30" | "90" | "custom";

/** YYYY-MM-DD `days` before `date`. */
function minusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

const isEmpty = (t: Totals) => t.conversations.new + t.messages.inbound + t.messages.outbound.bot + t.messages.outbound.agent + t.messages.outbound.campaign + t.leads.newContacts === 0;

/** The overview's analytics: a range picker, headline figures against the previous period, a daily chart and the gap list. */
export function AnalyticsHome({ canTeach }: { canTeach: boolean }) {
  const [preset, setPreset] = useState<Preset>("30");
  const [range, setRange] = useState<Range>({});
  const [draft, setDraft] = useState({ from: "", to: "" });
  const overview = useOverview(range);
  // "Today" in the business's time zone, as the API reported it.
  const today = overview.data?.range.to;

  function choose(next: Preset) {
    setPreset(next);
    if (next === "custom") {
      setDraft({ from: overview.data?.range.from ?? "", to: overview.data?.range.to ?? "" });
      return;
    }
    if (next === "30" || !today) setRange({});
    else setRange({ from: minusDays(today, Number(next) - 1), to: today });
  }

  function applyCustom(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (draft.from && draft.to) setRange({ from: draft.from, to: draft.to });
  }

  const rangeError = overview.isError ? overview.error : null;
  return (
    <div className="analytics-stack">
      <form className="range-picker" onSubmit={applyCustom} aria-label="Date range">
        <SelectField
          label="Period"
          name="period"
          value={preset}
          onChange={(e) => choose(e.target.value as Preset)}
          options={[
            { value: "7", label: "Last 7 days" },
            { value: "30", label: "Last 30 days" },
            { value: "90", label: "Last 90 days" },
            { value: "custom", label: "Choose dates…" },
          ]}
        />
        {preset === "custom" && (
          <>
            <TextField label="From" name="from" type="date" value={draft.from} max={draft.to || undefined} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} required />
            <TextField label="To" name="to" type="date" value={draft.to} min={draft.from || undefined} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} required />
            <Button type="submit" variant="primary">
              Show
            </Button>
          </>
        )}
      </form>

      {rangeError ? (
        <Card>
          <ErrorState error={rangeError} what="your figures" onRetry={() => void overview.refetch()} retrying={overview.isFetching} />
        </Card>
      ) : !overview.data ? (
        <div className="stats-grid" role="status" aria-label="Loading figures">
          {[0, 1, 2, 3].map((i) => (
            <div className="stat" key={i}>
              <Skeleton height={14} width="50%" />
              <Skeleton height={28} width="70%" />
            </div>
          ))}
        </div>
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {shortDate(overview.data.range.from)} – {shortDate(overview.data.range.to)}, compared with the same number of days before.
            {isEmpty(overview.data.current) &&
              " Nothing happened in this period yet: as customers message you, the conversations, the assistant's answers, your team's replies and new leads are counted here."}
          </p>
          <Headline current={overview.data.current} previous={overview.data.previous} />
        </>
      )}

      <Breakdowns range={range} />

      <Card title="Day by day">
        <DailyChart range={range} />
      </Card>

      <Card title="Questions the assistant couldn't answer" description="Most asked first. Add the answer to your knowledge and the assistant handles the next customer who asks.">
        <UnansweredQuestions range={range} canTeach={canTeach} />
      </Card>
    </div>
  );
}
