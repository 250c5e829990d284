import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { BanIcon, PlusIcon, UsersIcon } from "../../../components/ui/icons";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { formatRelative } from "../../../lib/format";
import { contactsExportUrl, useContacts, type ContactFilters, type ContactSort } from "../api/list-contacts";
import { useTags } from "../api/list-tags";
import { contactLabel } from "../api/types";
import { BulkTagDialog } from "./bulk-tag-dialog";
import { BAND_LABELS } from "./lead-qualification";
import { ImportDialog } from "./import-dialog";
import { AddContactDialog } from "./add-contact-dialog";

const SORTS: Array<{ value: ContactSort; label: string }> = [
  { value: "created", label: "Newest" },
  { value: "lastMessage", label: "Last message" },
  { value: "score", label: "Lead score" },
];

export function ContactsTable() {
  const [params, setParams] = useSearchParams();
  const filters: ContactFilters = {
    q: params.get("q")?.trim() || undefined,
    tag: params.get("tag") || undefined,
    optedOut: params.get("optedOut") === "true" ? "true" : params.get("optedOut") === "false" ? "false" : undefined,
    sort: (SORTS.find((s) => s.value === params.get("sort"))?.value ?? "created") as ContactSort,
  };
  const contacts = useContacts(filters);
  const tags = useTags();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<"import" | "tag" | "add" | null>(null);
  const rows = contacts.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = !!(filters.q || filters.tag || filters.optedOut);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <>
      <div className="page-toolbar">
        <Button variant="primary" icon={<PlusIcon />} onClick={() => setDialog("add")}>
          Add contact
        </Button>
        <Button icon={<PlusIcon />} onClick={() => setDialog("import")}>
          Import CSV
        </Button>
        <a className="btn btn-secondary" href={contactsExportUrl(filters)} download>
          Export CSV
        </a>
      </div>
      <Card flush>
        <div className="filters-bar" role="search" aria-label="Filter contacts">
          <div className="field">
            <label className="field-label" htmlFor="contacts-q">
              Search
            </label>
            <input id="contacts-q" type="search" className="input input-sm" placeholder="Name, phone or email" defaultValue={filters.q ?? ""} onChange={(e) => set("q", e.target.value)} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="contacts-tag">
              Tag
            </label>
            <select id="contacts-tag" className="input input-sm select" value={filters.tag ?? ""} onChange={(e) => set("tag", e.target.value)}>
              <option value="">Any tag</option>
              {(tags.data?.data ?? []).map((t) => (
                <option key={t.id} value={t.name}>
                  {t.name} ({t.contactCount})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="contacts-optout">
              Marketing
            </label>
            <select id="contacts-optout" className="input input-sm select" value={filters.optedOut ?? ""} onChange={(e) => set("optedOut", e.target.value)}>
              <option value="">Everyone</option>
              <option value="false">Subscribed</option>
              <option value="true">Opted out</option>
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="contacts-sort">
              Sort by
            </label>
            <select id="contacts-sort" className="input input-sm select" value={filters.sort} onChange={(e) => set("sort", e.target.value === "created" ? "" : e.target.value)}>
              {SORTS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {selected.size > 0 && (
          <div className="bulk-bar" role="region" aria-label="Selected contacts">
            <span>{selected.size} selected</span>
            <Button size="sm" onClick={() => setDialog("tag")}>
              Add or remove tags
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
          </div>
        )}
        {contacts.isPending ? (
          <TableSkeleton label="Loading contacts" columns={5} rows={5} />
        ) : contacts.isError ? (
          <ErrorState error={contacts.error} what="contacts" onRetry={() => void contacts.refetch()} retrying={contacts.isFetching} />
        ) : rows.length === 0 ? (
          filtered ? (
            <EmptyState title="No contacts match">Try a different search or clear the filters.</EmptyState>
          ) : (
            <EmptyState
              icon={<UsersIcon />}
              title="No contacts yet"
              action={
                <Button variant="primary" onClick={() => setDialog("import")}>
                  Import a CSV file
                </Button>
              }
            >
              Contacts are added automatically when customers message you. You can also import a list you already have.
            </EmptyState>
          )
        ) : (
          <>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Contacts</caption>
                <thead>
                  <tr>
                    <th scope="col" className="cell-check">
                      <input type="checkbox" aria-label="Select all contacts shown" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))} />
                    </th>
                    <th scope="col">Name</th>
                    <th scope="col">Phone</th>
                    <th scope="col">Tags</th>
                    <th scope="col">Score</th>
                    <th scope="col">Last message</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((c) => (
                    <tr key={c.id}>
                      <td className="cell-check">
                        <input type="checkbox" aria-label={`Select ${contactLabel(c)}`} checked={selected.has(c.id)} onChange={() => toggle(c.id)} />
                      </td>
                      <td data-label="Name" className="cell-strong">
                        <Link to={`/contacts/${encodeURIComponent(c.id)}`}>{contactLabel(c)}</Link>
                        {c.optedOut && (
                          <>
                            {" "}
                            <Badge icon={<BanIcon size={12} />}>Opted out</Badge>
                          </>
                        )}
                      </td>
                      <td data-label="Phone">{c.phone}</td>
                      <td data-label="Tags">
                        {c.tags.length ? (
                          <span className="tag-list">
                            {c.tags.map((t) => (
                              <Badge key={t}>{t}</Badge>
                            ))}
                          </span>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td data-label="Score">
                        {c.leadScore} <span className="muted small">{BAND_LABELS[c.leadBand]}</span>
                      </td>
                      <td data-label="Last message">{c.lastMessageAt ? formatRelative(c.lastMessageAt) : <span className="muted">Never</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {contacts.hasNextPage && (
              <div className="card-footer">
                <Button onClick={() => void contacts.fetchNextPage()} loading={contacts.isFetchingNextPage}>
                  Load more
                </Button>
              </div>
            )}
          </>
        )}
      </Card>
      {dialog === "import" && <ImportDialog onClose={() => setDialog(null)} />}
      {dialog === "add" && <AddContactDialog onClose={() => setDialog(null)} />}
      {dialog === "tag" && (
        <BulkTagDialog
          contactIds={[...selected]}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            setSelected(new Set());
          }}
        />
      )}
    </>
  );
}
