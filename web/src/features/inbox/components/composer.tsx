import { useMemo, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { isApiError } from "../../../lib/api";
import { cx } from "../../../lib/cx";
import { describeError } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useCreateNote } from "../../conversations/api/create-note";
import { useQuickReplies } from "../../conversations/api/list-quick-replies";
import { useRenderQuickReply } from "../../conversations/api/render-quick-reply";
import { useSendReply } from "../../conversations/api/send-reply";
import type { Conversation } from "../../conversations/api/types";
import { ACCEPTED_TYPES, attachmentProblem, formatBytes, uploadMedia } from "../../conversations/api/upload-media";
import { TemplatePicker } from "./template-picker";

export const REPLY_BOX_ID = "reply-box";

export function Composer({ conversation, onWindowClosed }: { conversation: Conversation; onWindowClosed: () => void }) {
  const [mode, setMode] = useState<"reply" | "note">("reply");
  // A reply and a note are separate drafts: switching tabs never loses either.
  const [drafts, setDrafts] = useState({ reply: "", note: "" });
  const text = drafts[mode];
  const setText = (value: string, which: "reply" | "note" = mode) => setDrafts((d) => ({ ...d, [which]: value }));
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const reply = useSendReply(conversation.id);
  const note = useCreateNote(conversation.id);
  const quickReplies = useQuickReplies();
  const render = useRenderQuickReply();
  const windowClosed = conversation.windowExpiresAt === null;
  const [attachment, setAttachment] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const pending = reply.isPending || note.isPending || uploading;

  /** Checked here against WhatsApp's types and sizes, so a file it would refuse is never uploaded. */
  function attach(file: File | undefined) {
    if (!file) return;
    const problem = attachmentProblem(file);
    if (problem) {
      setAttachment(null);
      setError(problem);
      return;
    }
    setError(null);
    setAttachment(file);
    document.getElementById(REPLY_BOX_ID)?.focus();
  }

  function onDrop(e: DragEvent<HTMLFormElement>) {
    if (mode !== "reply") return;
    e.preventDefault();
    setDragging(false);
    attach(e.dataTransfer.files[0]);
  }

  // "/" at the start opens the quick replies, filtered by what follows.
  const slash = mode === "reply" && text.startsWith("/") && !text.includes("\n") ? text.slice(1).toLowerCase() : null;
  const matches = useMemo(
    () => (slash === null ? [] : (quickReplies.data?.data ?? []).filter((q) => q.shortcut.toLowerCase().includes(slash) || q.title.toLowerCase().includes(slash)).slice(0, 8)),
    [slash, quickReplies.data],
  );

  function pick(id: string) {
    render.mutate(
      { quickReplyId: id, conversationId: conversation.id },
      {
        onSuccess: (r) => {
          setText(r.text);
          if (r.missing.length) toast({ tone: "info", title: "Some details were empty", description: `No value for ${r.missing.join(", ")}. Check the text before sending.` });
          document.getElementById(REPLY_BOX_ID)?.focus();
        },
        onError: (e) => setError(describeError(e)),
      },
    );
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (pending) return;
    const value = text.trim();
    if (mode === "reply" && attachment) return sendAttachment(attachment, value);
    if (!value) return setError(mode === "note" ? "Write a note first." : "Write a reply first.");
    setError(null);
    // The box empties at once, so whatever is typed next is never wiped by a late answer;
    // a failed send puts the text back unless something new was typed meanwhile.
    const which = mode;
    setText("", which);
    const restore = () => setDrafts((d) => (d[which] === "" ? { ...d, [which]: value } : d));
    if (which === "note") {
      note.mutate(value, {
        onError: (err) => {
          restore();
          setError(describeError(err));
        },
      });
      return;
    }
    reply.mutate({ text: value }, {
      onError: (err) => {
        restore();
        if (isApiError(err) && err.status === 422) onWindowClosed();
        if (isApiError(err) && err.status < 500) setError(err.fieldErrors.text ? `The reply ${err.fieldErrors.text}.` : describeError(err));
      },
    });
  }

  async function sendAttachment(file: File, caption: string) {
    setError(null);
    setUploading(true);
    try {
      const uploaded = await uploadMedia(file);
      await reply.mutateAsync({ mediaId: uploaded.id, ...(caption ? { text: caption } : {}) });
      setAttachment(null);
      setText("", "reply");
      if (fileInput.current) fileInput.current.value = "";
    } catch (err) {
      if (isApiError(err) && err.status === 422) onWindowClosed();
      setError(isApiError(err) && err.fieldErrors.file ? `The file ${err.fieldErrors.file}.` : isApiError(err) && err.fieldErrors.text ? `The caption ${err.fieldErrors.text}.` : describeError(err));
    } finally {
      setUploading(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (matches.length > 0) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setActive((i) => (i + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        pick(matches[Math.min(active, matches.length - 1)]!.id);
        return;
      }
    }
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
    if (e.key === "Escape") e.currentTarget.blur();
  }

  const listId = "quick-reply-list";
  return (
    <div className="composer">
      <div className="composer-tabs" role="group" aria-label="Write">
        <button type="button" className={cx("chip", mode === "reply" && "chip-active")} aria-pressed={mode === "reply"} onClick={() => setMode("reply")}>
          Reply
        </button>
        <button type="button" className={cx("chip", mode === "note" && "chip-active chip-note")} aria-pressed={mode === "note"} onClick={() => setMode("note")}>
          Internal note
        </button>
      </div>
      {mode === "reply" && windowClosed ? (
        <TemplatePicker conversationId={conversation.id} />
      ) : (
        <form
          className={cx("composer-form", mode === "note" && "composer-note", dragging && "composer-dragging")}
          onSubmit={submit}
          noValidate
          onDragOver={(e) => {
            if (mode !== "reply" || !e.dataTransfer.types.includes("Files")) return;
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          {error && <Alert>{error}</Alert>}
          {dragging && <p className="composer-drop-hint">Drop the file to attach it</p>}
          {mode === "reply" && attachment && (
            <div className="composer-attachment">
              <span>
                Attached: <strong>{attachment.name}</strong> <span className="muted small">{formatBytes(attachment.size)}</span>
              </span>
              <Button size="sm" variant="ghost" onClick={() => setAttachment(null)} aria-label={`Remove ${attachment.name}`} disabled={uploading}>
                Remove
              </Button>
            </div>
          )}
          {matches.length > 0 && (
            <ul className="quick-replies" id={listId} role="listbox" aria-label="Quick replies">
              {matches.map((q, i) => (
                <li key={q.id} role="option" id={`qr-${q.id}`} aria-selected={i === active} className={cx("quick-reply", i === active && "quick-reply-active")} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(q.id)}>
                  <strong>/{q.shortcut}</strong> {q.title}
                  <span className="quick-reply-text">{q.text}</span>
                </li>
              ))}
            </ul>
          )}
          <label htmlFor={REPLY_BOX_ID} className="visually-hidden">
            {mode === "note" ? "Internal note" : "Reply"}
          </label>
          <textarea
            id={REPLY_BOX_ID}
            className="input composer-input"
            rows={3}
            placeholder={
              mode === "note"
                ? "Note for your team — the customer never sees it"
                : attachment
                  ? "Add a caption (optional), then Enter to send"
                  : "Type a reply… (/ for quick replies, Enter to send, Shift+Enter for a new line)"
            }
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setActive(0);
              if (error) setError(null);
            }}
            onKeyDown={onKeyDown}
            aria-invalid={error ? true : undefined}
            role={matches.length > 0 ? "combobox" : undefined}
            aria-expanded={matches.length > 0 ? true : undefined}
            aria-controls={matches.length > 0 ? listId : undefined}
            aria-activedescendant={matches[active] ? `qr-${matches[active].id}` : undefined}
            maxLength={mode === "note" ? 10_000 : attachment ? 1024 : 4096}
          />
          <div className="composer-actions">
            {mode === "reply" ? (
              <span className="composer-attach">
                <input ref={fileInput} type="file" hidden accept={ACCEPTED_TYPES} aria-label="Attach a file" data-testid="composer-file" onChange={(e) => attach(e.target.files?.[0])} />
                <Button size="sm" onClick={() => fileInput.current?.click()} disabled={pending}>
                  Attach file
                </Button>
                <span className="muted small">{quickReplies.data?.data.length ? "Type / for quick replies" : "or drop a file here"}</span>
              </span>
            ) : (
              <span />
            )}
            <Button type="submit" variant={mode === "note" ? "secondary" : "primary"} loading={pending}>
              {mode === "note" ? "Add note" : "Send"}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
