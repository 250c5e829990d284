import { Link, useSearchParams } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Skeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { cx } from "../../../lib/cx";
import { formatRelative } from "../../../lib/format";
import type { ListedConversation } from "../../conversations/api/types";
import type { useConversations } from "../../conversations/api/list-conversations";
import { FILTERS, type InboxFilter } from "../filters";

/** The contact comes with the row (no request per row). */
const nameOf = (c: ListedConversation) => c.contact?.name || c.contact?.phone || c.contact?.username || (c.contact ? c.contact.waId : "Unknown contact");

function Row({ c, selected, href }: { c: ListedConversation; selected: boolean; href: string }) {
  const name = nameOf(c);
  return (
    <li>
      <Link to={href} className={cx("conv-row", selected && "conv-row-selected")} aria-current={selected ? "true" : undefined} data-conversation-id={c.id}>
        <span className="conv-row-top">
          <span className="conv-name">{name}</span>
          {c.lastMessageAt && <time className="conv-time" dateTime={c.lastMessageAt}>{formatRelative(c.lastMessageAt)}</time>}
        </span>
        <span className="conv-preview">{c.lastMessagePreview ?? "No messages yet"}</span>
        <span className="conv-badges">
          <Badge tone={c.mode === "bot" ? "accent" : "warning"}>{c.mode === "bot" ? "Bot" : c.mode === "human" ? "Human" : "Paused"}</Badge>
          {c.status === "closed" && <Badge>Closed</Badge>}
          {c.unreadCount > 0 && (
            <span className="unread-pill">
              {c.unreadCount}
              <span className="visually-hidden"> unread</span>
            </span>
          )}
        </span>
      </Link>
    </li>
  );
}

export function ConversationList({
  query,
  selectedId,
  filter,
  search,
  hrefFor,
}: {
  query: ReturnType<typeof useConversations>;
  selectedId: string | null;
  filter: InboxFilter;
  /** The server-side search in effect (already applied to `query`). */
  search: string;
  hrefFor: (id: string) => string;
}) {
  const [params, setParams] = useSearchParams();
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <section className="inbox-list" aria-label="Conversations">
      <div className="inbox-list-controls">
        <div className="filter-chips" role="group" aria-label="Show">
          {FILTERS.map((f) => (
            <button key={f.id} type="button" className={cx("chip", filter === f.id && "chip-active")} aria-pressed={filter === f.id} onClick={() => setParam("filter", f.id === "all" ? "" : f.id)}>
              {f.label}
            </button>
          ))}
        </div>
        <div className="inbox-search-row">
          <label className="visually-hidden" htmlFor="inbox-search">
            Search conversations
          </label>
          <input
            id="inbox-search"
            className="input input-sm"
            type="search"
            placeholder="Search name, phone or message"
            maxLength={100}
            value={params.get("q") ?? ""}
            onChange={(e) => setParam("q", e.target.value)}
          />
          <label className="visually-hidden" htmlFor="inbox-status">
            Status
          </label>
          <select id="inbox-status" className="input input-sm select" value={params.get("status") ?? "open"} onChange={(e) => setParam("status", e.target.value === "open" ? "" : e.target.value)}>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
          </select>
        </div>
      </div>
      {query.isPending ? (
        <div className="conv-skeleton" role="status" aria-label="Loading conversations">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="conv-row">
              <Skeleton width="50%" />
              <Skeleton width="85%" />
            </div>
          ))}
        </div>
      ) : query.isError ? (
        <ErrorState error={query.error} what="conversations" onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : rows.length === 0 ? (
        search ? (
          <EmptyState title="No conversations match">Nothing found for “{search}” in names, phone numbers or messages. Try fewer words.</EmptyState>
        ) : (
          <EmptyState title={filter === "all" ? "No conversations yet" : "Nothing matches this filter"}>
            {filter === "all" ? "When a customer writes to your WhatsApp number, or you send a test message on the sandbox, it appears here instantly." : "Try another filter, or show all conversations."}
          </EmptyState>
        )
      ) : (
        <>
          <ul className="conv-list">
            {rows.map((c) => (
              <Row key={c.id} c={c} selected={c.id === selectedId} href={hrefFor(c.id)} />
            ))}
          </ul>
          {query.hasNextPage && (
            <div className="card-footer">
              <Button size="sm" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                Load more
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
