import { useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { BanIcon, CheckIcon, KeyIcon, PlusIcon } from "../../../components/ui/icons";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { formatDate, formatRelative } from "../../../lib/format";
import { paths } from "../../../lib/paths";
import { toast } from "../../../lib/toast";
import { useApiKeys, type ApiKey } from "../api/list-api-keys";
import { useRevokeApiKey } from "../api/revoke-api-key";
import { RotateApiKeyDialog } from "./rotate-api-key-dialog";

const untilFmt = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function ApiKeysCard({ onCreate }: { onCreate: () => void }) {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);
  const rows = keys.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <Card title="Your keys" flush>
      {keys.isPending ? (
        <TableSkeleton label="Loading API keys" columns={5} />
      ) : keys.isError ? (
        <ErrorState error={keys.error} what="API keys" onRetry={() => void keys.refetch()} retrying={keys.isFetching} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<KeyIcon />}
          title="No API keys yet"
          action={
            <Button variant="primary" icon={<PlusIcon />} onClick={onCreate}>
              Create your first key
            </Button>
          }
        >
          Create a key when you want your own software, scripts or integrations to work with Parley. See the{" "}
          <a href={paths.apiReference} target="_blank" rel="noreferrer">
            API reference
          </a>{" "}
          for what it can do.
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">API keys</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((k) => (
                  <tr key={k.id} className={k.revokedAt ? "row-muted" : undefined}>
                    <td data-label="Name" className="cell-strong cell-break">
                      {k.name}
                    </td>
                    <td data-label="Key">
                      <code className="key-prefix">{k.prefix}…</code>
                    </td>
                    <td data-label="Created">
                      <time dateTime={k.createdAt}>{formatDate(k.createdAt)}</time>
                    </td>
                    <td data-label="Last used">
                      {k.lastUsedAt ? (
                        <time dateTime={k.lastUsedAt} title={formatDate(k.lastUsedAt)}>
                          {formatRelative(k.lastUsedAt)}
                        </time>
                      ) : (
                        <span className="muted">Never</span>
                      )}
                    </td>
                    <td data-label="Status">
                      {k.revokedAt ? (
                        <Badge tone="neutral" icon={<BanIcon size={14} />}>
                          Revoked {formatDate(k.revokedAt)}
                        </Badge>
                      ) : k.expiresAt ? (
                        <Badge tone="warning">Replaced · works until {untilFmt.format(new Date(k.expiresAt))}</Badge>
                      ) : (
                        <Badge tone="success" icon={<CheckIcon size={14} />}>
                          Active
                        </Badge>
                      )}
                    </td>
                    <td className="cell-actions">
                      {!k.revokedAt && !k.replacedBy && (
                        <Button variant="ghost" size="sm" onClick={() => setRotating(k)}>
                          Rotate<span className="visually-hidden"> {k.name} ({k.prefix}…)</span>
                        </Button>
                      )}
                      {!k.revokedAt && (
                        <Button variant="ghost" size="sm" className="btn-danger-text" onClick={() => setRevoking(k)}>
                          Revoke<span className="visually-hidden"> {k.name} ({k.prefix}…)</span>
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {keys.hasNextPage && (
            <div className="card-footer">
              <Button onClick={() => void keys.fetchNextPage()} loading={keys.isFetchingNextPage}>
                Show more keys
              </Button>
            </div>
          )}
        </>
      )}
      {rotating && <RotateApiKeyDialog apiKey={rotating} onClose={() => setRotating(null)} />}
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke “${revoking.name}”?` : ""}
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        error={revoke.error}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => {
          if (!revoking) return;
          const key = revoking;
          revoke.mutate(key.id, {
            onSuccess: () => {
              setRevoking(null);
              toast({ tone: "success", title: `“${key.name}” revoked`, description: "Anything still using it will be refused from now on." });
            },
          });
        }}
      >
        {revoking && (
          <p>
            Anything using the key starting <code>{revoking.prefix}</code> will stop working immediately. This can't be undone.
          </p>
        )}
      </ConfirmDialog>
    </Card>
  );
}
