import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { useLedger } from "../api/list-ledger";
import type { LedgerEntry } from "../api/types";

const REASON: Record<LedgerEntry["reason"], string> = { monthly_grant: "Monthly credits", answer: "Bot answer", refund: "Refund", adjustment: "Adjustment" };
const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Every credit movement, newest first, a page at a time. */
export function LedgerCard() {
  const ledger = useLedger();
  const rows = ledger.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card title="Credit history" description="Every credit added or used, newest first." flush>
      {ledger.isPending ? (
        <div className="card-pad">
          <TableSkeleton rows={4} columns={4} label="Loading credit history" />
        </div>
      ) : ledger.isError ? (
        <ErrorState error={ledger.error} what="the credit history" onRetry={() => void ledger.refetch()} retrying={ledger.isFetching} />
      ) : rows.length === 0 ? (
        <EmptyState title="No credit movements yet">Credits are added at the start of each period and used when the bot answers. Try your bot to see the first one.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col" className="num">
                  Change
                </th>
                <th scope="col" className="num">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{when.format(new Date(r.createdAt))}</td>
                  <td>{REASON[r.reason] ?? r.reason}</td>
                  <td className={r.delta < 0 ? "num delta-neg" : "num delta-pos"}>{r.delta > 0 ? `+${r.delta}` : r.delta}</td>
                  <td className="num">{r.balanceAfter.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {ledger.hasNextPage && (
        <div className="card-pad">
          <Button onClick={() => void ledger.fetchNextPage()} loading={ledger.isFetchingNextPage}>
            Show older movements
          </Button>
        </div>
      )}
    </Card>
  );
}
