import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { TextField } from "../../../components/ui/field";
import { PlusIcon } from "../../../components/ui/icons";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { formatRelative } from "../../../lib/format";
import { notifyRefusal } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useDeleteKnowledge } from "../api/delete-knowledge";
import { useKnowledgeList } from "../api/list-knowledge";
import type { KnowledgeEntry } from "../api/types";
import { ImportKnowledgeDialog } from "./import-knowledge-dialog";
import { KnowledgeEntryDialog } from "./knowledge-entry-dialog";

/** The knowledge base: search, add, edit, delete, import. Read-only for agents. */
export function KnowledgeCard({ canEdit, query, onQueryChange }: { canEdit: boolean; query: string; onQueryChange: (q: string) => void }) {
  const list = useKnowledgeList(query);
  const [editing, setEditing] = useState<KnowledgeEntry | null | "new">(null);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<KnowledgeEntry | null>(null);
  const remove = useDeleteKnowledge();
  const entries = list.data?.pages.flatMap((p) => p.data) ?? [];
  const searching = query.trim() !== "";

  function confirmDelete() {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => {
        toast({ tone: "success", title: "Entry deleted", description: `“${deleting.title}” is no longer used in answers.` });
        setDeleting(null);
      },
      onError: (e) => notifyRefusal("Couldn't delete the entry", e),
    });
  }

  return (
    <Card
      title="Knowledge base"
      description="The assistant answers only from these entries. Anything else goes to your team."
      actions={
        canEdit && (
          <>
            <Button onClick={() => setImporting(true)}>Import</Button>
            <Button variant="primary" icon={<PlusIcon />} onClick={() => setEditing("new")}>
              Add entry
            </Button>
          </>
        )
      }
    >
      <div className="stack">
        <form role="search" onSubmit={(e) => e.preventDefault()} className="knowledge-search">
          <TextField
            label="Search the knowledge base"
            hideLabel
            name="q"
            type="search"
            placeholder="Search as a customer would ask…"
            value={query}
            onChange={(e) => onQueryChange(e.target.value)}
          />
        </form>
        {list.isPending ? (
          <TableSkeleton rows={3} columns={2} label="Loading the knowledge base" />
        ) : list.isError ? (
          <ErrorState error={list.error} what="the knowledge base" onRetry={() => void list.refetch()} retrying={list.isFetching} />
        ) : entries.length === 0 ? (
          searching ? (
            <EmptyState title="No entry matches">The assistant would hand this question to your team. Add an entry that answers it.</EmptyState>
          ) : (
            <EmptyState
              title="Your knowledge base is empty"
              action={
                canEdit && (
                  <Button variant="primary" icon={<PlusIcon />} onClick={() => setEditing("new")}>
                    Add your first entry
                  </Button>
                )
              }
            >
              {canEdit
                ? "Add the questions customers ask most (opening hours, prices, delivery) or import a Markdown or CSV file. Until then every question goes to your team."
                : "Ask an owner or admin to add the questions customers ask most."}
            </EmptyState>
          )
        ) : (
          <ul className="knowledge-list" aria-label={searching ? "Matching entries" : "Entries"} aria-busy={list.isFetching || undefined}>
            {entries.map((entry) => (
              <li key={entry.id} className="knowledge-item">
                <div className="knowledge-item-text">
                  <p className="cell-strong">{entry.title}</p>
                  <p className="muted small knowledge-item-content">{entry.content}</p>
                  <p className="muted small">
                    {entry.tags.length > 0 && <span>{entry.tags.map((t) => `#${t}`).join(" ")} · </span>}
                    Updated {formatRelative(entry.updatedAt)}
                  </p>
                </div>
                {canEdit && (
                  <div className="cell-actions">
                    <Button size="sm" onClick={() => setEditing(entry)} aria-label={`Edit “${entry.title}”`}>
                      Edit
                    </Button>
                    <Button size="sm" variant="ghost" className="btn-danger-text" onClick={() => setDeleting(entry)} aria-label={`Delete “${entry.title}”`}>
                      Delete
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        {list.hasNextPage && (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Show more entries
          </Button>
        )}
      </div>
      <KnowledgeEntryDialog open={editing !== null} entry={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      <ImportKnowledgeDialog open={importing} onClose={() => setImporting(false)} />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this entry?"
        confirmLabel="Delete entry"
        onConfirm={confirmDelete}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
        pending={remove.isPending}
        error={remove.error}
      >
        “{deleting?.title}” will no longer be used to answer customers. This can't be undone.
      </ConfirmDialog>
    </Card>
  );
}
