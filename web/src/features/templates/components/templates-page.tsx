import { useMemo, useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { SelectField } from "../../../components/ui/field";
import { PlusIcon } from "../../../components/ui/icons";
import { PageHeader } from "../../../components/layout/page-header";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { describeError } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useChannels } from "../../channels/api/list-channels";
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, useDeleteTemplate, useManagedTemplates, useSyncTemplates, type ManagedTemplate, type TemplateFilters } from "../api";
import { CATEGORY_LABEL, TemplateEditor } from "./template-editor";
import { TemplatePreviewDialog } from "./template-preview-dialog";
import { TemplatePreview } from "./template-text";
import "../templates.css";

const STATUS_TONE: Record<string, "success" | "warning" | "danger" | "neutral"> = { approved: "success", pending: "warning", in_appeal: "warning", rejected: "danger", paused: "danger", disabled: "danger" };
const statusLabel = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, " ");
const QUALITY_TONE: Record<string, "success" | "warning" | "danger"> = { green: "success", yellow: "warning", red: "danger" };

/** All of the tenant's WhatsApp templates: filter, preview, create and edit local ones, submit to Meta, sync. */
export function TemplatesPage({ canManage }: { canManage: boolean }) {
  const [filters, setFilters] = useState<TemplateFilters>({});
  const templates = useManagedTemplates(filters);
  const channels = useChannels();
  const sync = useSyncTemplates();
  const remove = useDeleteTemplate();
  const [editing, setEditing] = useState<ManagedTemplate | "new" | null>(null);
  const [previewing, setPreviewing] = useState<ManagedTemplate | null>(null);
  const [deleting, setDeleting] = useState<ManagedTemplate | null>(null);
  const metaChannels = useMemo(() => (channels.data?.data ?? []).filter((c) => c.type === "meta" && c.wabaId), [channels.data]);
  const channelName = (id: string | null) => (id ? (channels.data?.data.find((c) => c.id === id)?.name ?? "Meta channel") : "WAHA and sandbox");
  const rows = templates.data?.data ?? [];
  const languages = useMemo(() => [...new Set(rows.map((t) => t.language))].sort(), [rows]);
  const filtered = Object.values(filters).some(Boolean);
  const setFilter = (key: keyof TemplateFilters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value || undefined }));

  function runSync() {
    sync.mutate(
      metaChannels.map((c) => c.id),
      {
        onSuccess: (results) => {
          const fetched = results.reduce((n, r) => n + r.fetched, 0);
          toast({ tone: "success", title: "Templates synced", description: `${fetched} ${fetched === 1 ? "template" : "templates"} read from Meta.` });
        },
        onError: (err) => toast({ tone: "error", title: "Couldn't sync templates", description: describeError(err) }),
      },
    );
  }

  return (
    <>
      <PageHeader
        title="Templates"
        description="Pre-approved messages for writing to customers outside the 24-hour window, and for campaigns."
        actions={
          canManage && (
            <>
              {metaChannels.length > 0 && (
                <Button onClick={runSync} loading={sync.isPending}>
                  Sync from Meta
                </Button>
              )}
              <Button variant="primary" icon={<PlusIcon />} onClick={() => setEditing("new")}>
                New template
              </Button>
            </>
          )
        }
      />
      <Card flush>
        <div className="template-filters" role="search" aria-label="Filter templates">
          <SelectField label="Status" name="status" value={filters.status ?? ""} onChange={setFilter("status")} options={[{ value: "", label: "Any status" }, ...TEMPLATE_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))]} />
          <SelectField label="Category" name="category" value={filters.category ?? ""} onChange={setFilter("category")} options={[{ value: "", label: "Any category" }, ...TEMPLATE_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABEL[c] }))]} />
          <SelectField
            label="Language"
            name="language"
            value={filters.language ?? ""}
            onChange={setFilter("language")}
            options={[{ value: "", label: "Any language" }, ...[...new Set([...languages, ...(filters.language ? [filters.language] : [])])].map((l) => ({ value: l, label: l }))]}
          />
          <SelectField
            label="Channel"
            name="channelId"
            value={filters.channelId ?? ""}
            onChange={setFilter("channelId")}
            options={[{ value: "", label: "All channels" }, { value: "local", label: "WAHA and sandbox" }, ...(channels.data?.data ?? []).filter((c) => c.type === "meta").map((c) => ({ value: c.id, label: c.name }))]}
          />
        </div>
        {templates.isPending ? (
          <TableSkeleton label="Loading templates" rows={3} columns={3} />
        ) : templates.isError ? (
          <ErrorState error={templates.error} what="templates" onRetry={() => void templates.refetch()} retrying={templates.isFetching} />
        ) : rows.length === 0 ? (
          filtered ? (
            <EmptyState title="No templates match these filters" action={<Button onClick={() => setFilters({})}>Clear filters</Button>} />
          ) : (
            <EmptyState title="No templates yet">
              {metaChannels.length ? "Sync them from Meta, or create one for WAHA and the sandbox." : "Create one for WAHA and the sandbox, or connect a Meta number with its WhatsApp Business Account ID to sync Meta's."}
            </EmptyState>
          )
        ) : (
          <ul className="template-list" aria-label="Templates">
            {rows.map((t) => (
              <li key={t.id} className="template-item">
                <div className="template-item-head">
                  <div>
                    <p className="template-item-name">{t.name}</p>
                    <p className="template-item-meta">
                      {t.language} · {CATEGORY_LABEL[t.category]} · {channelName(t.channelId)}
                    </p>
                  </div>
                  <div className="template-item-badges">
                    <Badge tone={STATUS_TONE[t.status] ?? "neutral"}>{statusLabel(t.status)}</Badge>
                    {t.quality && t.quality !== "unknown" && <Badge tone={QUALITY_TONE[t.quality] ?? "neutral"}>Quality: {t.quality}</Badge>}
                  </div>
                </div>
                {t.statusReason && t.status !== "approved" && <p className="template-item-reason">{t.statusReason}</p>}
                <TemplatePreview template={t} />
                <div className="template-item-actions">
                  <Button size="sm" onClick={() => setPreviewing(t)}>
                    Preview<span className="visually-hidden"> {t.name}</span>
                  </Button>
                  {canManage && t.source === "local" && (
                    <Button size="sm" onClick={() => setEditing(t)}>
                      Edit<span className="visually-hidden"> {t.name}</span>
                    </Button>
                  )}
                  {canManage && (
                    <Button size="sm" variant="ghost" className="btn-danger-text" onClick={() => setDeleting(t)}>
                      Delete<span className="visually-hidden"> {t.name}</span>
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {editing && <TemplateEditor key={editing === "new" ? "new" : editing.id} open onClose={() => setEditing(null)} template={editing === "new" ? null : editing} metaChannels={metaChannels} />}
      {previewing && <TemplatePreviewDialog template={previewing} onClose={() => setPreviewing(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ""}”?`}
        confirmLabel="Delete template"
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast({ tone: "success", title: `“${deleting.name}” deleted` });
              setDeleting(null);
            },
          })
        }
      >
        {deleting?.source === "meta" ? "It stays in WhatsApp Manager and comes back on the next sync while Meta still lists it." : "Agents and campaigns can no longer send it."}
      </ConfirmDialog>
    </>
  );
}
