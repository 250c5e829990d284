import { useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { TextField } from "../../../components/ui/field";
import { cx } from "../../../lib/cx";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { VARIABLES, firstName, renderVariables, unknownVariables } from "../../../../../worker/quick-replies/variables";
import { useSession } from "../../auth/hooks";
import { useSaveQuickReply, type QuickReply } from "../api";

const LABELS = { shortcut: "Shortcut", title: "Title", text: "Message" };
const SHORTCUT_RE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

const VARIABLE_LABELS: Record<(typeof VARIABLES)[number], string> = {
  "contact.name": "Customer's name",
  "contact.firstName": "Customer's first name",
  "contact.phone": "Customer's phone",
  "contact.email": "Customer's email",
  "agent.name": "Your name",
  "agent.firstName": "Your first name",
  "agent.email": "Your email",
  "business.name": "Business name",
};

/** Create or change a quick reply, with a live preview of its variables for an example customer. */
export function QuickReplyDialog({ reply, onClose }: { reply: QuickReply | null; onClose: () => void }) {
  const { user, tenant } = useSession();
  const save = useSaveQuickReply(reply?.id ?? null);
  const form = useForm(LABELS);
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? "");
  const [title, setTitle] = useState(reply?.title ?? "");
  const [text, setText] = useState(reply?.text ?? "");
  const textRef = useRef<HTMLTextAreaElement>(null);
  const textId = useId();

  const example: Record<string, string | null> = {
    "contact.name": "Siti Rahma",
    "contact.firstName": "Siti",
    "contact.phone": "+62 812 3456 7890",
    "contact.email": "siti@example.com",
    "agent.name": user.name ?? user.email,
    "agent.firstName": firstName(user.name) ?? user.email,
    "agent.email": user.email,
    "business.name": tenant.name,
  };
  const unknown = unknownVariables(text);
  const preview = renderVariables(text, (name) => (name in example ? example[name]! : name.startsWith("contact.fields.") ? `‹${name.slice(15)}›` : null));

  function insert(variable: string) {
    const el = textRef.current;
    const token = `{{${variable}}}`;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + token + text.slice(end);
    setText(next);
    form.clearError("text");
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const s = shortcut.trim().replace(/^\//, "").toLowerCase();
    const ok = form.check({
      shortcut: !s ? "Choose a shortcut, like hours" : SHORTCUT_RE.test(s) ? undefined : "Use up to 32 letters, digits, - or _",
      title: title.trim() ? undefined : "Give the reply a title your team will recognise",
      text: !text.trim() ? "Write the message" : unknown.length ? `Parley doesn't know ${unknown.map((v) => `{{${v}}}`).join(", ")}` : undefined,
    });
    if (!ok) return;
    save.mutate(
      { shortcut: s, title: title.trim(), text: text.trim() },
      {
        onSuccess: (saved) => {
          toast({ tone: "success", title: reply ? `“/${saved.shortcut}” saved` : `“/${saved.shortcut}” created`, description: "Type / in the inbox to use it." });
          onClose();
        },
        onError: form.showServerError,
      },
    );
  }

  return (
    <Dialog open onClose={() => !save.isPending && onClose()} title={reply ? `Edit “/${reply.shortcut}”` : "New quick reply"} closeOnBackdrop={false} size="md">
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label={reply ? "Edit quick reply" : "New quick reply"}>
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField
          label={LABELS.shortcut}
          name="shortcut"
          hint="Agents type / and this word in the inbox."
          placeholder="hours"
          autoComplete="off"
          maxLength={33}
          value={shortcut}
          onChange={(e) => {
            setShortcut(e.target.value);
            form.clearError("shortcut");
          }}
          error={form.errors.shortcut}
          required
        />
        <TextField
          label={LABELS.title}
          name="title"
          placeholder="Opening hours"
          autoComplete="off"
          maxLength={120}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            form.clearError("title");
          }}
          error={form.errors.title}
          required
        />
        <div className={cx("field", form.errors.text && "field-invalid")}>
          <label htmlFor={textId} className="field-label">
            {LABELS.text}
          </label>
          <textarea
            ref={textRef}
            id={textId}
            name="text"
            className="input textarea"
            rows={5}
            maxLength={4096}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              form.clearError("text");
            }}
            aria-invalid={form.errors.text ? true : undefined}
            aria-describedby={`${textId}-help`}
            required
          />
          {form.errors.text ? (
            <p id={`${textId}-help`} className="field-error" role="alert">
              {form.errors.text}
            </p>
          ) : (
            <p id={`${textId}-help`} className="field-hint">
              Add a fallback for empty values: {"{{contact.firstName | there}}"}. Custom fields: {"{{contact.fields.<key>}}"}.
            </p>
          )}
        </div>
        <fieldset className="qr-variables">
          <legend className="field-label">Insert a variable</legend>
          <div className="qr-variable-list">
            {VARIABLES.map((v) => (
              <Button key={v} size="sm" onClick={() => insert(v)}>
                {VARIABLE_LABELS[v]}
              </Button>
            ))}
          </div>
        </fieldset>
        <section className="qr-preview" aria-labelledby={`${textId}-preview`}>
          <h3 id={`${textId}-preview`} className="field-label">
            Preview for an example customer, Siti Rahma
          </h3>
          {text.trim() ? (
            <p className="qr-preview-bubble" aria-live="polite">
              {preview.text}
            </p>
          ) : (
            <p className="muted">The message appears here as a customer would read it.</p>
          )}
          {unknown.length > 0 && (
            <p className="field-error">
              Unknown: {unknown.map((v) => `{{${v}}}`).join(", ")}. Pick one of the variables above.
            </p>
          )}
        </section>
        <div className="form-actions">
          <Button onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={save.isPending}>
            {reply ? "Save changes" : "Create quick reply"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
