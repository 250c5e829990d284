import { Card } from "../../../components/ui/card";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { formatDate } from "../../../lib/format";
import { useCredits } from "../api/get-credits";
import { useRecentUsage } from "../api/list-recent-usage";
import { usageByDay } from "../usage";
import { UsageChart } from "./usage-chart";

/** Balance, plan and period, when credits run out, and usage per day. */
export function CreditsOverview() {
  const credits = useCredits();
  const usage = useRecentUsage();
  if (credits.isPending)
    return (
      <div className="stats-grid" role="status" aria-label="Loading credits">
        {[0, 1, 2, 3].map((i) => (
          <div className="stat" key={i}>
            <Skeleton height={14} width="50%" />
            <Skeleton height={28} width="70%" />
          </div>
        ))}
      </div>
    );
  if (credits.isError)
    return (
      <Card>
        <ErrorState error={credits.error} what="your credits" onRetry={() => void credits.refetch()} retrying={credits.isFetching} />
      </Card>
    );
  const c = credits.data;
  const pct = c.monthlyCredits > 0 ? Math.round((c.balance / c.monthlyCredits) * 100) : 0;
  return (
    <div className="stack-lg">
      <dl className="stats-grid">
        <div className="stat">
          <dt>Balance</dt>
          <dd className="stat-value">{c.balance.toLocaleString()}</dd>
          <dd className="muted small">{pct}% of this month's credits left</dd>
        </div>
        <div className="stat">
          <dt>Plan</dt>
          <dd className="stat-value capitalize">{c.plan}</dd>
          <dd className="muted small">{c.monthlyCredits.toLocaleString()} credits a month</dd>
        </div>
        <div className="stat">
          <dt>Period ends</dt>
          <dd className="stat-value">{formatDate(c.periodEndsAt)}</dd>
          <dd className="muted small">Credits are topped up then</dd>
        </div>
        <div className="stat">
          <dt>Runs out</dt>
          <dd className="stat-value">{c.projectedExhaustionAt ? formatDate(c.projectedExhaustionAt) : "Not enough usage yet"}</dd>
          <dd className="muted small">{c.burnPerDay > 0 ? `At ${c.burnPerDay} credits a day (last 7 days)` : "Projected from the last 7 days"}</dd>
        </div>
      </dl>
      <Card title="Usage by day" description="Credits used by bot answers, refunds deducted.">
        {usage.isPending ? (
          <Skeleton height={160} />
        ) : usage.isError ? (
          <ErrorState error={usage.error} what="your usage" onRetry={() => void usage.refetch()} retrying={usage.isFetching} />
        ) : (
          <UsageChart data={usageByDay(usage.data.data)} />
        )}
      </Card>
    </div>
  );
}
