import { useSearchParams } from "react-router";
import { PageHeader } from "../../../components/layout/page-header";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { canManageTeam } from "../../../lib/authorization";
import { formatDate } from "../../../lib/format";
import { useApiKeys } from "../../api-keys/api/list-api-keys";
import { useSession } from "../../auth/hooks";
import { useMembers } from "../../team/api/list-members";
import { useAuditActions, useAuditLog, type AuditFilters } from "../api";
import { dayStart, describeAction, describeMetadata, describeObjectType, objectTypesOf } from "../describe";
import "../audit-log.css";

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

export function AuditLogPage() {
  const { role, tenant } = useSession();
  if (!canManageTeam(role)) {
    return (
      <>
        <PageHeader title="Audit log" />
        <Card>
          <EmptyState title="Only owners and admins can read the audit log">Ask an owner of {tenant.name} if you need to know who changed something.</EmptyState>
        </Card>
      </>
    );
  }
  return <AuditLog />;
}

function AuditLog() {
  const [params, setParams] = useSearchParams();
  const fromDay = params.get("from") ?? "";
  const toDay = params.get("to") ?? "";
  const filters: AuditFilters = {
    actorId: params.get("actor") || undefined,
    action: params.get("action") || undefined,
    targetType: params.get("object") || undefined,
    from: dayStart(fromDay),
    to: dayStart(toDay, true),
  };
  const badRange = !!(filters.from && filters.to && filters.from >= filters.to);
  const log = useAuditLog(badRange ? { ...filters, to: undefined } : filters);
  const actions = useAuditActions();
  const members = useMembers();
  const keys = useApiKeys();
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Object.values(filters).some(Boolean);
  const actionList = actions.data?.data ?? [];

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title="Audit log" description="Every change made in the dashboard or through the API: who did it, what changed and when." />
      <Card flush>
        <div className="filters-bar audit-filters" role="search" aria-label="Filter the audit log">
          <div className="field">
            <label className="field-label" htmlFor="audit-actor">
              Who
            </label>
            <select id="audit-actor" className="input input-sm select" value={filters.actorId ?? ""} onChange={(e) => set("actor", e.target.value)}>
              <option value="">Anyone</option>
              <optgroup label="Team members">
                {(members.data?.data ?? []).map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name ?? m.email}
                  </option>
                ))}
              </optgroup>
              <optgroup label="API keys">
                {(keys.data?.pages.flatMap((p) => p.data) ?? []).map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name} ({k.prefix}…)
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="audit-action">
              What
            </label>
            <select id="audit-action" className="input input-sm select" value={filters.action ?? ""} onChange={(e) => set("action", e.target.value)}>
              <option value="">Any change</option>
              {actionList.map((a) => (
                <option key={a} value={a}>
                  {describeAction(a)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="audit-object">
              Object
            </label>
            <select id="audit-object" className="input input-sm select" value={filters.targetType ?? ""} onChange={(e) => set("object", e.target.value)}>
              <option value="">Anything</option>
              {objectTypesOf(actionList).map((t) => (
                <option key={t} value={t}>
                  {describeObjectType(t)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="audit-from">
              From
            </label>
            <input id="audit-from" type="date" className="input input-sm" value={fromDay} max={toDay || undefined} onChange={(e) => set("from", e.target.value)} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="audit-to">
              To
            </label>
            <input
              id="audit-to"
              type="date"
              className="input input-sm"
              value={toDay}
              min={fromDay || undefined}
              aria-invalid={badRange || undefined}
              aria-describedby={badRange ? "audit-range-error" : undefined}
              onChange={(e) => set("to", e.target.value)}
            />
          </div>
          {filtered && (
            <Button size="sm" className="audit-clear" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              Clear filters
            </Button>
          )}
        </div>
        {badRange && (
          <p id="audit-range-error" className="field-error audit-range-error" role="alert">
            “To” is before “From”: showing everything from the “From” day.
          </p>
        )}
        {log.isPending ? (
          <TableSkeleton label="Loading the audit log" columns={4} />
        ) : log.isError ? (
          <ErrorState error={log.error} what="the audit log" onRetry={() => void log.refetch()} retrying={log.isFetching} />
        ) : rows.length === 0 ? (
          filtered ? (
            <EmptyState title="Nothing matches these filters">Try another person, change or date, or clear the filters.</EmptyState>
          ) : (
            <EmptyState title="No changes recorded yet">Changes your team makes, like adding a contact or a key, appear here.</EmptyState>
          )
        ) : (
          <>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Audit log, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <tr key={e.id}>
                      <td data-label="When">
                        <time dateTime={e.createdAt}>
                          {formatDate(e.createdAt)} {timeFmt.format(new Date(e.createdAt))}
                        </time>
                      </td>
                      <td data-label="Who" className="cell-break">
                        {e.actor.type === "api_key" && (
                          <Badge tone="neutral">API key</Badge>
                        )}{" "}
                        {e.actor.name ?? <span className="muted">{e.actor.type === "user" ? "A former member" : "A deleted key"}</span>}
                      </td>
                      <td data-label="What" className="cell-strong">
                        {describeAction(e.action)}
                      </td>
                      <td data-label="Details" className="cell-break audit-details">
                        {e.targetType && (
                          <span>
                            {describeObjectType(e.targetType)} <code>{e.targetId}</code>
                          </span>
                        )}
                        {describeMetadata(e.metadata) && <span className="muted"> {describeMetadata(e.metadata)}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {log.hasNextPage && (
              <div className="card-footer">
                <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
                  Show older changes
                </Button>
              </div>
            )}
          </>
        )}
      </Card>
    </>
  );
}
