import { useCallback, useEffect, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { cx } from "../../../lib/cx";
import { useCloseConversation } from "../../conversations/api/close-conversation";
import { useConversation } from "../../conversations/api/get-conversation";
import { useConversations } from "../../conversations/api/list-conversations";
import { parseFilter, toQuery } from "../filters";
import { pollMs, useRealtime, type LiveStatus } from "../realtime";
import { ConversationList } from "./conversation-list";
import { ContactPanel } from "./contact-panel";
import { REPLY_BOX_ID } from "./composer";
import { Thread } from "./thread";
import "../inbox.css";

const LIVE_LABEL: Record<LiveStatus, string> = { live: "Live", connecting: "Connecting…", offline: "Reconnecting — refreshing every 10 s" };

/** The value once it has stopped changing for `ms` (typing a search sends one request, not one per key). */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

function typingInField(e: KeyboardEvent) {
  const t = e.target as HTMLElement | null;
  return !!t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));
}

/** Three panes: conversations, the open thread, and its contact. On phones one pane at a time. */
export function Inbox() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const live = useRealtime();
  const filter = parseFilter(params.get("filter"));
  const selectedId = params.get("c");
  const view = params.get("view") === "contact" ? "contact" : selectedId ? "thread" : "list";
  const search = useSettled((params.get("q") ?? "").trim().slice(0, 100), 300);
  const list = useConversations({ ...toQuery(filter, params.get("status")), ...(search && { q: search }) }, pollMs(live));
  const selected = useConversation(selectedId);
  const close = useCloseConversation();

  const hrefWith = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      const qs = next.toString();
      return `/inbox${qs ? `?${qs}` : ""}`;
    },
    [params],
  );

  // The row a key press has just opened. Focus follows it once that row is rendered (after the next
  // page has arrived, when the keys walked past the last loaded row); until then it is where the
  // keyboard is, so a quick second press moves on from it rather than from the row focus has not left yet.
  const keyTarget = useRef<{ id: string; from: string | null } | null>(null);
  useEffect(() => {
    const target = keyTarget.current;
    if (!target) return;
    if (selectedId !== target.id) {
      // Still on the way there; or another conversation was opened meanwhile (a click, a link).
      if (selectedId !== target.from) keyTarget.current = null;
      return;
    }
    const row = document.querySelector<HTMLElement>(`.conv-row[data-conversation-id="${CSS.escape(target.id)}"]`);
    if (row) {
      row.focus();
      keyTarget.current = null;
    }
  });

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || typingInField(e) || document.querySelector(".dialog-root")) return;
      // j/k anywhere; the arrow keys while a conversation row has focus.
      const row = (e.target as HTMLElement | null)?.closest?.<HTMLElement>(".conv-row[data-conversation-id]") ?? null;
      const onRow = row !== null;
      const down = e.key === "j" || (onRow && e.key === "ArrowDown");
      const up = e.key === "k" || (onRow && e.key === "ArrowUp");
      if (down || up) {
        const ids = Array.from(document.querySelectorAll<HTMLElement>(".conv-row[data-conversation-id]")).map((el) => el.dataset.conversationId!);
        if (ids.length === 0) return;
        // From the row a key has just opened, else the focused row (it is where the user is), else the open conversation.
        const currentId = keyTarget.current?.id ?? row?.dataset.conversationId ?? selectedId;
        const i = currentId ? ids.indexOf(currentId) : -1;
        e.preventDefault();
        const open = (id: string) => {
          keyTarget.current = { id, from: selectedId };
          void navigate(hrefWith({ c: id, view: null }), { replace: true });
        };
        // Past the last loaded row: load the next page and keep going, so thousands of conversations stay reachable.
        if (down && i === ids.length - 1 && list.hasNextPage) {
          if (!list.isFetchingNextPage) {
            void list.fetchNextPage().then((r) => {
              const next = r.data?.pages.flatMap((p) => p.data)[i + 1];
              if (next) open(next.id);
            });
          }
          return;
        }
        open(ids[down ? Math.min(ids.length - 1, i + 1) : Math.max(0, i === -1 ? 0 : i - 1)]!);
      } else if (e.key === "r" && selectedId) {
        e.preventDefault();
        document.getElementById(REPLY_BOX_ID)?.focus();
      } else if (e.key === "e" && selectedId && selected.data?.status === "open") {
        e.preventDefault();
        close.mutate(selectedId);
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [selectedId, navigate, hrefWith, selected.data?.status, close, list]);

  return (
    <div className={cx("inbox", `inbox-view-${view}`)}>
      <p className={cx("live-status", `live-${live}`)} role="status">
        <span className="live-dot" aria-hidden="true" />
        {LIVE_LABEL[live]}
        <span className="muted small keys-hint"> · j/k move · r reply · e close</span>
      </p>
      <div className="inbox-panes">
        <ConversationList query={list} selectedId={selectedId} filter={filter} search={search} hrefFor={(id) => hrefWith({ c: id, view: null })} />
        {selectedId ? (
          <Thread key={selectedId} id={selectedId} pollMs={pollMs(live)} backHref={hrefWith({ c: null, view: null })} contactHref={hrefWith({ view: "contact" })} />
        ) : (
          <section className="inbox-thread inbox-placeholder" aria-label="Conversation">
            <p className="empty-state-title">Pick a conversation</p>
            <p className="muted">Choose one on the left, or press j to open the first.</p>
          </section>
        )}
        {selected.data ? (
          <ContactPanel contactId={selected.data.contactId} backHref={hrefWith({ view: null })} />
        ) : (
          <aside className="inbox-contact inbox-placeholder" aria-label="Contact">
            <p className="muted">The customer's details show here.</p>
          </aside>
        )}
      </div>
    </div>
  );
}
