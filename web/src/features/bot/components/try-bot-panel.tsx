import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { Spinner } from "../../../components/ui/spinner";
import { ErrorState } from "../../../components/ui/states";
import { isApiError } from "../../../lib/api";
import { describeError, notifyRefusal } from "../../../lib/form";
import { useKnowledgeList } from "../../knowledge/api/list-knowledge";
import { bookingsKey } from "../../bookings/api/types";
import { useBookings } from "../../bookings/api/list-bookings";
import { BookingList } from "../../bookings/components/booking-list";
import { useBookingTimezone } from "../../bookings/use-booking-timezone";
import { contactQualificationKey } from "../../contacts/api/get-contact-qualification";
import { LeadQualification } from "../../contacts/components/lead-qualification";
import { useTestConversation } from "../api/get-test-conversation";
import { useTestMessages } from "../api/list-test-messages";
import { useResumeTestBot } from "../api/resume-test-bot";
import { useSendTestMessage } from "../api/send-test-message";
import type { TestMessage } from "../api/types";
import { handoffReason } from "../handoff-reasons";
import { useTestCustomer } from "../test-customer";

const POLL_MS = 1000;
/** After this long without an answer we stop polling and say so. */
const WAIT_LIMIT_MS = 30_000;

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/**
 * Try your bot: the owner writes as a test customer on the built-in sandbox
 * channel and watches the real pipeline answer. Works with no channel connected.
 */
export function TryBotPanel({ tenantId, botEnabled }: { tenantId: string; botEnabled: boolean }) {
  const { customer, setConversation, startOver } = useTestCustomer(tenantId);
  const [text, setText] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  // The id of the message we're waiting on an answer for, and since when.
  const [waiting, setWaiting] = useState<{ messageId: string; since: number } | null>(null);
  const [timedOut, setTimedOut] = useState(false);
  const send = useSendTestMessage();
  const resume = useResumeTestBot();
  const conversationId = customer.conversationId;
  const messages = useTestMessages(conversationId, waiting ? POLL_MS : false);
  const conversation = useTestConversation(conversationId, waiting ? POLL_MS : false);
  const knowledge = useKnowledgeList("");
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const logRef = useRef<HTMLOListElement>(null);

  const titles = useMemo(() => new Map((knowledge.data?.pages.flatMap((p) => p.data) ?? []).map((e) => [e.id, e.title])), [knowledge.data]);
  const thread = useMemo(() => [...(messages.data?.data ?? [])].reverse(), [messages.data]);
  const mode = conversation.data?.mode ?? "bot";
  const contactId = conversation.data?.contactId ?? null;
  const qc = useQueryClient();

  // Each new message may have recorded an answer or booked a slot: refresh what the bot captured.
  const newestId = messages.data?.data[0]?.id;
  useEffect(() => {
    if (!contactId || !newestId) return;
    void qc.invalidateQueries({ queryKey: contactQualificationKey(contactId) });
    void qc.invalidateQueries({ queryKey: bookingsKey });
  }, [qc, contactId, newestId]);

  // Stop waiting once something newer than our message came back, or the bot went quiet for a person.
  useEffect(() => {
    if (!waiting) return;
    const list = messages.data?.data ?? [];
    const mine = list.findIndex((m) => m.id === waiting.messageId);
    const answered = mine > 0 && list.slice(0, mine).some((m) => m.direction === "outbound");
    // A handoff message is stored just before the conversation leaves bot mode: keep polling until the mode shows it.
    const handingOff = mine > 0 && list.slice(0, mine).some((m) => typeof m.payload?.handoff === "string");
    const silent = mode !== "bot" && mine >= 0 && Date.now() - waiting.since > 4000;
    if ((answered && !(handingOff && mode === "bot")) || silent) setWaiting(null);
  }, [messages.data, mode, waiting]);

  useEffect(() => {
    if (!waiting) return;
    const t = setTimeout(() => {
      setWaiting(null);
      setTimedOut(true);
    }, WAIT_LIMIT_MS);
    return () => clearTimeout(t);
  }, [waiting]);

  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [thread.length, waiting]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const body = text.trim();
    if (!body) {
      setFieldError("Write a message, as a customer would");
      inputRef.current?.focus();
      return;
    }
    setFieldError(null);
    setTimedOut(false);
    send.mutate(
      { from: customer.phone, name: `Test customer ${customer.number}`, text: body },
      {
        onSuccess: (res) => {
          setText("");
          if (res.conversationId !== conversationId) setConversation(res.conversationId);
          setWaiting({ messageId: res.messageId, since: Date.now() });
          inputRef.current?.focus();
        },
        onError: (err) => {
          if (isApiError(err) && err.status < 500 && err.status !== 401) setFieldError(err.fieldErrors.text ? `Message ${err.fieldErrors.text}` : describeError(err));
        },
      },
    );
  }

  function newCustomer() {
    setWaiting(null);
    setTimedOut(false);
    setText("");
    send.reset();
    startOver();
    inputRef.current?.focus();
  }

  return (
    <Card
      title="Try your bot"
      className="try-bot"
      description="Write as a customer would. Messages go through the real assistant on the built-in test channel, so no WhatsApp number is needed."
      actions={<Button onClick={newCustomer}>New test customer</Button>}
    >
      <div className="try-bot-body">
        <p className="muted small">
          You're <strong>Test customer {customer.number}</strong> ({customer.phone}). Answers use credits like real ones, and the conversation also appears in your inbox.
        </p>
        {!botEnabled && (
          <Alert tone="info" title="The assistant is switched off">
            Customers' messages are stored but not answered. Switch it on under Assistant to see answers here.
          </Alert>
        )}
        <ol ref={logRef} className="chat-log" role="log" aria-label="Test conversation" aria-live="polite">
          {conversationId === null || (thread.length === 0 && !messages.isPending) ? (
            <li className="chat-empty muted" role="none">Ask something your knowledge base answers, like “What are your opening hours?”</li>
          ) : messages.isPending ? (
            <li className="chat-empty" role="none">
              <Spinner /> Loading the conversation…
            </li>
          ) : (
            thread.map((m) => <ChatMessage key={m.id} message={m} titles={titles} />)
          )}
          {waiting && (
            <li className="chat-typing" role="status">
              <Spinner /> Waiting for the bot's answer…
            </li>
          )}
        </ol>
        {messages.isError && !messages.data && <ErrorState error={messages.error} what="the test conversation" onRetry={() => void messages.refetch()} retrying={messages.isFetching} />}
        {timedOut && (
          <Alert tone="info" title="No answer yet">
            The bot hasn't answered within 30 seconds. It may be outside business hours or switched off; check the settings, or{" "}
            <button type="button" className="link-button" onClick={() => void messages.refetch()}>
              check again
            </button>
            .
          </Alert>
        )}
        {conversationId && mode !== "bot" && (
          <div className="handoff-bar" role="status">
            <p>
              <strong>A person has this conversation.</strong> The bot stays silent until you hand it back.
            </p>
            <Button
              size="sm"
              variant="primary"
              loading={resume.isPending}
              onClick={() => resume.mutate(conversationId, { onError: (e) => notifyRefusal("Couldn't hand the conversation back", e) })}
            >
              Hand back to the bot
            </Button>
          </div>
        )}
        <form className="chat-composer" onSubmit={onSubmit} noValidate>
          <label htmlFor="try-bot-message" className="visually-hidden">
            Message as a test customer
          </label>
          <textarea
            id="try-bot-message"
            ref={inputRef}
            className="input chat-input"
            rows={2}
            maxLength={4096}
            placeholder="Type a customer message…"
            value={text}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? "try-bot-error" : "try-bot-hint"}
            onChange={(e) => {
              setText(e.target.value);
              setFieldError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) onSubmit(e);
            }}
          />
          <Button type="submit" variant="primary" loading={send.isPending}>
            Send
          </Button>
        </form>
        {fieldError ? (
          <p id="try-bot-error" className="field-error" role="alert">
            {fieldError}
          </p>
        ) : (
          <p id="try-bot-hint" className="field-hint">
            Enter sends; Shift+Enter adds a line.
          </p>
        )}
        <section className="try-bot-lead" aria-label="What the bot captured">
          {contactId ? (
            <>
              <LeadQualification contactId={contactId} />
              <TestBookings contactId={contactId} />
            </>
          ) : (
            <p className="muted small">When the bot asks your qualification questions, the answers it captures and the lead score show here as you reply.</p>
          )}
        </section>
      </div>
    </Card>
  );
}

function ChatMessage({ message: m, titles }: { message: TestMessage; titles: Map<string, string> }) {
  const fromCustomer = m.direction === "inbound";
  const who = fromCustomer ? "You (test customer)" : m.author === "bot" ? "Bot" : m.author === "agent" ? "Your team" : "Parley";
  const sources = Array.isArray(m.payload?.sources) ? m.payload.sources.filter((id): id is string => typeof id === "string") : [];
  const handoff = typeof m.payload?.handoff === "string" ? m.payload.handoff : null;
  return (
    <li role="none" className={fromCustomer ? "chat-msg chat-msg-customer" : "chat-msg chat-msg-bot"}>
      <p className="chat-meta">
        <span className="chat-author">{who}</span> · <time dateTime={m.createdAt}>{timeFmt.format(new Date(m.createdAt))}</time>
        {m.status === "failed" && <span className="chat-failed"> · not delivered</span>}
      </p>
      {m.text && <p className="chat-text">{m.text}</p>}
      {sources.length > 0 && (
        <p className="chat-sources">
          <span className="chat-sources-label">Sources:</span> {sources.map((id) => titles.get(id) ?? "a deleted entry").join(" · ")}
        </p>
      )}
      {handoff && <p className="chat-handoff">Handed to a human: {handoffReason(handoff)}</p>}
    </li>
  );
}

/** The test customer's confirmed bookings, if the bot booked one. */
function TestBookings({ contactId }: { contactId: string }) {
  const list = useBookings({ contactId, status: "confirmed", limit: 10 });
  const timeZone = useBookingTimezone();
  const bookings = list.data?.data ?? [];
  if (bookings.length === 0) return null;
  return (
    <div className="stack-sm">
      <h3 className="subheading">Booked</h3>
      <BookingList bookings={bookings} timeZone={timeZone} label="Test customer's bookings" />
    </div>
  );
}
