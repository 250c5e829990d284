import { useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Skeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { notifyRefusal } from "../../../lib/form";
import { useSession } from "../../auth/hooks";
import { useContact } from "../../contacts/api/get-contact";
import { contactLabel } from "../../contacts/api/types";
import { useAssignConversation } from "../../conversations/api/assign-conversation";
import { useCloseConversation } from "../../conversations/api/close-conversation";
import { useConversation } from "../../conversations/api/get-conversation";
import { useNotes } from "../../conversations/api/list-notes";
import { useMessages } from "../../conversations/api/list-messages";
import { useMarkConversationRead } from "../../conversations/api/mark-read";
import { useReopenConversation } from "../../conversations/api/reopen-conversation";
import { useTakeOver } from "../../conversations/api/take-over";
import { useResumeBot } from "../../conversations/api/resume-bot";
import type { Conversation } from "../../conversations/api/types";
import { useMembers } from "../../team/api/list-members";
import { Composer, REPLY_BOX_ID } from "./composer";
import { SentimentTrend } from "./sentiment-trend";
import { MessageItem, NoteItem } from "./message-item";

function Actions({ c }: { c: Conversation }) {
  const { user } = useSession();
  const members = useMembers();
  const assign = useAssignConversation(c.id);
  const resume = useResumeBot();
  const takeOver = useTakeOver();
  const close = useCloseConversation();
  const reopen = useReopenConversation();
  const memberList = members.data?.data ?? [];
  return (
    <div className="thread-actions">
      {c.mode === "bot" ? (
        <Button
          size="sm"
          variant="primary"
          loading={takeOver.isPending || assign.isPending}
          onClick={() =>
            takeOver.mutate(c.id, {
              onSuccess: () => {
                // Taking over also makes the conversation yours, unless a colleague already has it.
                if (!c.assignedTo) assign.mutate(user.id, { onError: (e) => notifyRefusal("Couldn't assign it to you", e) });
                document.getElementById(REPLY_BOX_ID)?.focus();
              },
              onError: (e) => notifyRefusal("Couldn't take over", e),
            })
          }
        >
          Take over
        </Button>
      ) : (
        <Button size="sm" loading={resume.isPending} onClick={() => resume.mutate(c.id, { onError: (e) => notifyRefusal("Couldn't hand back", e) })}>
          Hand back to bot
        </Button>
      )}
      <label className="visually-hidden" htmlFor="assignee">
        Assigned to
      </label>
      <select
        id="assignee"
        className="input input-sm select assignee-select"
        value={c.assignedTo ?? ""}
        disabled={assign.isPending}
        onChange={(e) => assign.mutate(e.target.value || null, { onError: (err) => notifyRefusal("Couldn't assign", err) })}
      >
        <option value="">Unassigned</option>
        {memberList.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.userId === user.id ? "Me" : m.name || m.email}
          </option>
        ))}
        {c.assignedTo && !memberList.some((m) => m.userId === c.assignedTo) && <option value={c.assignedTo}>A former member</option>}
      </select>
      {c.status === "open" ? (
        <Button size="sm" loading={close.isPending} onClick={() => close.mutate(c.id, { onError: (e) => notifyRefusal("Couldn't close", e) })} aria-keyshortcuts="e">
          Close
        </Button>
      ) : (
        <Button size="sm" loading={reopen.isPending} onClick={() => reopen.mutate(c.id, { onError: (e) => notifyRefusal("Couldn't reopen", e) })}>
          Reopen
        </Button>
      )}
    </div>
  );
}

export function Thread({ id, pollMs, backHref, contactHref }: { id: string; pollMs: number | false; backHref: string; contactHref: string }) {
  const conversation = useConversation(id);
  const messages = useMessages(id, pollMs);
  const notes = useNotes(id);
  const contact = useContact(conversation.data?.contactId);
  const members = useMembers();
  const markRead = useMarkConversationRead();
  const endRef = useRef<HTMLDivElement>(null);
  const [, force] = useState(0);

  const c = conversation.data;
  const unread = c?.unreadCount ?? 0;
  useEffect(() => {
    if (unread > 0 && !markRead.isPending) markRead.mutate(id);
    // Only when new unread messages arrive for the open conversation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, unread]);

  const timeline = useMemo(() => {
    const msgs = (messages.data?.pages.flatMap((p) => p.data) ?? []).map((m) => ({ kind: "message" as const, at: m.createdAt, id: m.id, m }));
    const ns = (notes.data?.data ?? []).map((n) => ({ kind: "note" as const, at: n.createdAt, id: n.id, n }));
    return [...msgs, ...ns].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }, [messages.data, notes.data]);

  const last = timeline[timeline.length - 1]?.id;
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: "end" });
  }, [last, id]);

  const nameOf = (userId: string | null) => members.data?.data.find((m) => m.userId === userId)?.name ?? null;

  if (conversation.isError) {
    return (
      <section className="inbox-thread" aria-label="Conversation">
        <ErrorState error={conversation.error} what="this conversation" onRetry={() => void conversation.refetch()} retrying={conversation.isFetching} />
      </section>
    );
  }
  const title = contact.data ? contactLabel(contact.data) : "Conversation";
  return (
    <section className="inbox-thread" aria-label={`Conversation with ${title}`}>
      <header className="thread-header">
        <Link to={backHref} className="btn btn-ghost btn-sm pane-back">
          ← Conversations
        </Link>
        <div className="thread-title">
          <h2 className="card-title">{c ? title : <Skeleton width={140} />}</h2>
          {c && (
            <span className="thread-badges">
              <Badge tone={c.mode === "bot" ? "accent" : "warning"}>{c.mode === "bot" ? "Bot is answering" : c.mode === "human" ? "Human is answering" : "Paused"}</Badge>
              {c.status === "closed" && <Badge>Closed</Badge>}
              {c.windowExpiresAt === null && <Badge tone="danger">Window closed</Badge>}
              {contact.data && contact.data.leadBand !== "cold" && <Badge tone={contact.data.leadBand === "hot" ? "danger" : "warning"}>{contact.data.leadBand === "hot" ? "Hot lead" : "Warm lead"}</Badge>}
              <SentimentTrend messages={messages.data?.pages.flatMap((p) => p.data) ?? []} />
            </span>
          )}
        </div>
        <Link to={contactHref} className="btn btn-ghost btn-sm pane-contact-link">
          Contact
        </Link>
        {c && <Actions c={c} />}
      </header>
      <div className="thread-body" role="log" aria-label="Messages" tabIndex={0} aria-live="polite" aria-relevant="additions">
        {messages.isPending ? (
          <div role="status" aria-label="Loading messages" className="stack">
            <Skeleton width="55%" height={44} />
            <Skeleton width="40%" height={44} className="skeleton-right" />
            <Skeleton width="60%" height={44} />
          </div>
        ) : messages.isError ? (
          <ErrorState error={messages.error} what="messages" onRetry={() => void messages.refetch()} retrying={messages.isFetching} />
        ) : timeline.length === 0 ? (
          <EmptyState title="No messages yet">Messages appear here as soon as they arrive.</EmptyState>
        ) : (
          <>
            {messages.hasNextPage && (
              <div className="load-earlier">
                <Button size="sm" onClick={() => void messages.fetchNextPage().then(() => force((n) => n + 1))} loading={messages.isFetchingNextPage}>
                  Load earlier messages
                </Button>
              </div>
            )}
            <ol className="msg-list">
              {timeline.map((item) => (item.kind === "message" ? <MessageItem key={item.id} message={item.m} authorName={nameOf(item.m.authorUserId)} /> : <NoteItem key={item.id} note={item.n} />))}
            </ol>
          </>
        )}
        <div ref={endRef} />
      </div>
      {c && c.mode === "bot" && <p className="composer-hint">The bot is answering. Press <strong>Take over</strong> or send a reply to answer yourself.</p>}
      {c && <Composer conversation={c} onWindowClosed={() => void conversation.refetch()} />}
    </section>
  );
}
