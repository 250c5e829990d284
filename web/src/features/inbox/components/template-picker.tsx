import { useEffect, useMemo, useRef, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { TextField } from "../../../components/ui/field";
import { AlertIcon } from "../../../components/ui/icons";
import { isApiError } from "../../../lib/api";
import { describeError, fieldMessage } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useTemplates } from "../../conversations/api/list-templates";
import { useSendTemplate } from "../../conversations/api/send-template";
import { missingSlots, sendComponents, templateShape } from "../template-params";
import { PreviewText } from "./template-preview-text";

const FIELD_LABELS: Record<string, string> = { name: "Template", language: "Language" };

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Shown instead of the text box when the 24-hour window is closed. */
export function TemplatePicker({ conversationId }: { conversationId: string }) {
  const templates = useTemplates();
  const send = useSendTemplate(conversationId);
  const [choice, setChoice] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  /** After a refusal: focus the first value still to fill once the reloaded template shows it. */
  const [refocus, setRefocus] = useState(false);
  const list = templates.data?.data ?? [];
  const selected = list.find((t) => t.id === choice) ?? null;
  const shape = useMemo(() => (selected ? templateShape(selected) : null), [selected]);
  const missing = shape ? missingSlots(shape, values) : [];

  // The server names the field it refused: the values (their count no longer matches) or the template itself.
  const fieldErrors = isApiError(send.error) && send.error.status < 500 ? send.error.fieldErrors : {};
  const serverField = (path: string) => (fieldErrors[path] ? fieldMessage(FIELD_LABELS[path] ?? path, fieldErrors[path]) : undefined);
  // "template "x" takes 3 body parameter(s); 2 given": the template changed since the list was loaded.
  const valuesError = fieldErrors.components ? `${capitalize(fieldErrors.components)}. Fill in every value and send again.` : undefined;
  const choiceError = serverField("name") ?? serverField("language");
  const otherError = send.error && !valuesError && !choiceError ? describeError(send.error) : null;

  useEffect(() => {
    if (!refocus) return;
    const inputs = Array.from(formRef.current?.querySelectorAll<HTMLInputElement>(".template-values input") ?? []);
    const empty = inputs.find((i) => !i.value.trim());
    if (!empty) return; // the reloaded template has not rendered yet
    empty.focus();
    setRefocus(false);
  }, [refocus, shape]);

  function choose(id: string) {
    setRefocus(false);
    setChoice(id);
    setValues({});
    send.reset();
  }

  return (
    <div className="template-picker">
      <Alert tone="info" title="The 24-hour window is closed">
        WhatsApp only allows approved templates until the customer writes again.
      </Alert>
      {templates.isPending ? (
        <p className="muted small">Loading templates…</p>
      ) : templates.isError ? (
        <Alert>
          Couldn't load templates. <Button size="sm" onClick={() => void templates.refetch()}>Try again</Button>
        </Alert>
      ) : list.length === 0 ? (
        <p className="muted small">No approved templates yet. Sync them from your Meta channel or create one, then come back to re-open the conversation.</p>
      ) : (
        <form
          ref={formRef}
          className="template-form"
          aria-label="Send a template"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!selected || !shape || missing.length > 0) return;
            const components = sendComponents(shape, values);
            send.mutate(
              { name: selected.name, language: selected.language, ...(components ? { components } : {}) },
              {
                onSuccess: () => {
                  toast({ tone: "success", title: `Template “${selected.name}” sent` });
                  setValues({});
                },
                onError: (err) => {
                  if (!isApiError(err) || !err.fieldErrors.components) return;
                  // The template changed since the list was loaded: show its current placeholders and go to the first empty one.
                  setRefocus(true);
                  void templates.refetch();
                },
              },
            );
          }}
        >
          <div className={choiceError ? "field field-invalid" : "field"}>
            <label className="field-label" htmlFor="template-choice">
              Template
            </label>
            <select
              id="template-choice"
              className="input select"
              value={choice}
              onChange={(e) => choose(e.target.value)}
              aria-invalid={choiceError ? true : undefined}
              aria-describedby={choiceError ? "template-choice-error" : undefined}
            >
              <option value="">Choose a template…</option>
              {list.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.language})
                </option>
              ))}
            </select>
            {choiceError && (
              <p id="template-choice-error" className="field-error">
                <AlertIcon size={15} />
                {choiceError}
              </p>
            )}
          </div>
          {shape && (shape.header || shape.body || shape.footer) && (
            <div className="template-preview" aria-label="Preview" role="group">
              {shape.header && (
                <p className="template-preview-header">
                  <PreviewText section="header" text={shape.header} values={values} />
                </p>
              )}
              {shape.body && (
                <p>
                  <PreviewText section="body" text={shape.body} values={values} />
                </p>
              )}
              {shape.footer && <p className="template-preview-footer">{shape.footer}</p>}
            </div>
          )}
          {shape && shape.slots.length > 0 && (
            <fieldset className="template-values" aria-describedby={valuesError ? "template-values-error" : undefined}>
              <legend className="field-label">Fill in the template</legend>
              <div className="template-values-grid">
                {shape.slots.map((slot) => (
                  <TextField
                    key={slot.id}
                    label={slot.label}
                    name={slot.id}
                    maxLength={1024}
                    autoComplete="off"
                    value={values[slot.id] ?? ""}
                    onChange={(e) => {
                      setValues((v) => ({ ...v, [slot.id]: e.target.value }));
                      if (send.error) send.reset();
                    }}
                  />
                ))}
              </div>
              {valuesError && (
                <p id="template-values-error" className="field-error" role="alert">
                  <AlertIcon size={15} />
                  {valuesError}
                </p>
              )}
            </fieldset>
          )}
          {otherError && <Alert>{otherError}</Alert>}
          <div className="template-actions">
            {selected && missing.length > 0 && (
              <p className="muted small" id="template-missing">
                Fill in {missing.length === 1 ? "1 more value" : `${missing.length} more values`} to send.
              </p>
            )}
            <Button
              type="submit"
              variant="primary"
              disabled={!selected || missing.length > 0}
              loading={send.isPending}
              aria-describedby={selected && missing.length > 0 ? "template-missing" : undefined}
            >
              Send template
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
