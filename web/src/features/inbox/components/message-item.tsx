import { cx } from "../../../lib/cx";
import { formatDate } from "../../../lib/format";
import { useKnowledgeEntry } from "../../conversations/api/get-knowledge-entry";
import type { Message, Note, QuotedMessage } from "../../conversations/api/types";
import { AlertIcon, CheckIcon } from "../../../components/ui/icons";
import { formatWhatsApp } from "../whatsapp-format";
import { ContactCards, MessageMedia } from "./message-media";

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const time = (iso: string) => timeFmt.format(new Date(iso));

const AUTHOR: Record<Message["author"], string> = { customer: "Customer", bot: "Bot", agent: "Agent", campaign: "Campaign" };

function DeliveryStatus({ message }: { message: Message }) {
  if (message.direction !== "outbound") return null;
  const s = message.status;
  if (s === "failed") {
    const reason = message.error?.title || message.error?.detail || message.error?.code || "WhatsApp refused the message";
    return (
      <span className="msg-status msg-status-failed">
        <AlertIcon size={14} /> Not delivered: {reason}
        {message.error?.detail && message.error.detail !== reason ? ` (${message.error.detail})` : ""}
      </span>
    );
  }
  const label = s === "queued" || s === "sending" ? "Sending" : s === "sent" ? "Sent" : s === "delivered" ? "Delivered" : s === "read" || s === "played" ? "Read" : s;
  const ticks = s === "queued" || s === "sending" ? 0 : s === "sent" ? 1 : 2;
  return (
    <span className={cx("msg-status", (s === "read" || s === "played") && "msg-status-read")}>
      {ticks > 0 && (
        <span className="ticks" aria-hidden="true">
          <CheckIcon size={13} />
          {ticks > 1 && <CheckIcon size={13} />}
        </span>
      )}
      {label}
    </span>
  );
}

function SourceTitle({ id }: { id: string }) {
  const entry = useKnowledgeEntry(id);
  return <li>{entry.data?.title ?? (entry.isError ? "A deleted knowledge entry" : "Loading…")}</li>;
}

function Sources({ payload }: { payload: Message["payload"] }) {
  const sources = Array.isArray(payload?.sources) ? (payload.sources as unknown[]).filter((s): s is string => typeof s === "string") : [];
  if (sources.length === 0) return null;
  return (
    <div className="msg-sources">
      <span className="msg-sources-label">Answered from</span>
      <ul>
        {sources.map((id) => (
          <SourceTitle key={id} id={id} />
        ))}
      </ul>
    </div>
  );
}

/** The message a reply quotes, as WhatsApp shows it: who wrote it and the start of what they wrote. */
function Quote({ quoted }: { quoted: QuotedMessage }) {
  const who = quoted.author ? AUTHOR[quoted.author] : "Earlier message";
  const what = quoted.text ? quoted.text : quoted.type && quoted.type !== "text" ? `A ${quoted.type} message` : "A message not in this inbox";
  const short = what.length > 160 ? `${what.slice(0, 157)}…` : what;
  return (
    <blockquote className="msg-quote">
      <span className="msg-quote-author">Replying to {who}</span>
      <span className="msg-quote-text">{formatWhatsApp(short)}</span>
    </blockquote>
  );
}

/** Customers' reactions under the bubble they react to, grouped by emoji. */
function Reactions({ message }: { message: Message }) {
  const list = message.reactions ?? [];
  if (list.length === 0) return null;
  const counts = new Map<string, number>();
  for (const r of list) counts.set(r.emoji, (counts.get(r.emoji) ?? 0) + 1);
  return (
    <p className="msg-reactions">
      <span className="visually-hidden">Customer reacted: </span>
      {[...counts].map(([emoji, n]) => (
        <span key={emoji} className="msg-reaction">
          {emoji}
          {n > 1 && <span className="msg-reaction-count">{n}</span>}
        </span>
      ))}
    </p>
  );
}

function templateText(m: Message): string | null {
  const t = m.payload?.template as { renderedText?: string | null; name?: string } | undefined;
  return t?.renderedText ?? null;
}

export function MessageItem({ message, authorName }: { message: Message; authorName?: string | null }) {
  const out = message.direction === "outbound";
  // A template's stored text is only its name; show it as the customer reads it, parameters filled in.
  const hasAttachment = message.media !== null || message.type === "location";
  const text =
    (message.type === "template" ? templateText(message) : null) ??
    (message.type === "location" ? null : message.text) ??
    (message.type === "template" ? "Template message" : hasAttachment ? null : `A ${message.type} message`);
  return (
    <li className={cx("msg", out ? "msg-out" : "msg-in", `msg-${message.author}`, message.status === "failed" && "msg-failed")}>
      <div className="msg-bubble">
        <p className="msg-author">
          {message.payload?.fromDevice === true ? "Agent · from the phone" : message.author === "agent" && authorName ? authorName : AUTHOR[message.author]}
          {message.type === "template" && " · template"}
        </p>
        {message.replyTo && <Quote quoted={message.replyTo} />}
        {hasAttachment && <MessageMedia message={message} />}
        {message.type === "contacts" && message.text ? <ContactCards text={message.text} /> : text && <p className="msg-text">{formatWhatsApp(text)}</p>}
        {message.author === "bot" && <Sources payload={message.payload} />}
        <p className="msg-meta">
          <time dateTime={message.createdAt} title={formatDate(message.createdAt)}>
            {time(message.createdAt)}
          </time>
          <DeliveryStatus message={message} />
        </p>
        <Reactions message={message} />
      </div>
    </li>
  );
}

export function NoteItem({ note }: { note: Note }) {
  return (
    <li className="msg msg-note">
      <div className="msg-bubble">
        <p className="msg-author">Internal note · {note.author.name ?? (note.author.type === "api_key" ? "API key" : "Parley")}</p>
        <p className="msg-text">{note.text}</p>
        <p className="msg-meta">
          <time dateTime={note.createdAt}>{time(note.createdAt)}</time>
          <span>Only your team sees this</span>
        </p>
      </div>
    </li>
  );
}
