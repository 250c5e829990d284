import { useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { PlusIcon } from "../../../components/ui/icons";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { toast } from "../../../lib/toast";
import { useDeleteCustomField } from "../api/delete-custom-field";
import { useCustomFields } from "../api/list-custom-fields";
import type { CustomField } from "../api/types";
import "../custom-fields.css";
import { CustomFieldDialog, FIELD_TYPE_LABELS } from "./custom-field-dialog";

type Editing = { field?: CustomField } | null;

/** The tenant's custom contact fields: a list for everyone, add/edit/delete for owners and admins. */
export function CustomFieldsManager({ manage, adding, onAddingChange }: { manage: boolean; adding: boolean; onAddingChange: (open: boolean) => void }) {
  const fields = useCustomFields();
  const remove = useDeleteCustomField();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  const list = fields.data?.data ?? [];

  return (
    <Card
      title="Fields"
      description={
        fields.data
          ? `${list.length} ${list.length === 1 ? "field" : "fields"} on every contact. ${manage ? "Fill them in from a contact's Edit dialog, a CSV import or the API." : "Owners and admins add and change them."}`
          : undefined
      }
      flush
    >
      {fields.isPending ? (
        <TableSkeleton label="Loading fields" columns={4} />
      ) : fields.isError ? (
        <ErrorState error={fields.error} what="your fields" onRetry={() => void fields.refetch()} retrying={fields.isFetching} />
      ) : list.length === 0 ? (
        <EmptyState
          title="No fields yet"
          action={
            manage ? (
              <Button variant="primary" icon={<PlusIcon />} onClick={() => onAddingChange(true)}>
                Add a field
              </Button>
            ) : undefined
          }
        >
          {manage ? "Add one to capture things like budget or preferred area." : "Owners and admins can add fields to capture things like budget or preferred area."}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table cf-table">
            <caption className="visually-hidden">Custom contact fields</caption>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Key</th>
                <th scope="col">Type</th>
                <th scope="col">Options</th>
                {manage && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.map((f) => (
                <tr key={f.id}>
                  <td data-label="Label" className="cell-strong cell-break">
                    {f.label}
                  </td>
                  <td data-label="Key">
                    <code className="key-prefix cf-key">{f.key}</code>
                  </td>
                  <td data-label="Type">{FIELD_TYPE_LABELS[f.type]}</td>
                  <td data-label="Options">
                    {f.options?.length ? (
                      <span className="tag-list cf-options">
                        {f.options.map((o) => (
                          <Badge key={o}>{o}</Badge>
                        ))}
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  {manage && (
                    <td className="cell-actions">
                      <Button variant="ghost" size="sm" onClick={() => setEditing({ field: f })}>
                        Edit<span className="visually-hidden"> {f.label}</span>
                      </Button>
                      <Button variant="ghost" size="sm" className="btn-danger-text" onClick={() => setDeleting(f)}>
                        Delete<span className="visually-hidden"> {f.label}</span>
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manage && adding && <CustomFieldDialog onClose={() => onAddingChange(false)} />}
      {manage && editing?.field && <CustomFieldDialog key={editing.field.id} field={editing.field} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `Delete the ${deleting.label} field?` : ""}
        confirmLabel="Delete field and values"
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => {
          if (!deleting) return;
          const f = deleting;
          remove.mutate(f.id, {
            onSuccess: () => {
              setDeleting(null);
              toast({ tone: "success", title: `${f.label} was deleted`, description: "Its values were removed from every contact." });
            },
          });
        }}
      >
        {deleting && (
          <p>
            Every contact's <strong>{deleting.label}</strong> value is removed with it, for good. CSV imports and the API stop accepting <code>{deleting.key}</code>. This can't be
            undone.
          </p>
        )}
      </ConfirmDialog>
    </Card>
  );
}
