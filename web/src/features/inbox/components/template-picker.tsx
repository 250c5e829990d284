import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { describeError } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useTemplates } from "../../conversations/api/list-templates";
import { useSendTemplate } from "../../conversations/api/send-template";

/** Shown instead of the text box when the 24-hour window is closed. */
export function TemplatePicker({ conversationId }: { conversationId: string }) {
  const templates = useTemplates();
  const send = useSendTemplate(conversationId);
  const [choice, setChoice] = useState("");
  const list = templates.data?.data ?? [];
  const selected = list.find((t) => t.id === choice) ?? null;
  const body = selected?.components.find((c) => String(c.type).toUpperCase() === "BODY");
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
          className="template-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!selected) return;
            send.mutate(
              { name: selected.name, language: selected.language },
              { onSuccess: () => toast({ tone: "success", title: `Template “${selected.name}” sent` }) },
            );
          }}
        >
          <label className="field-label" htmlFor="template-choice">
            Template
          </label>
          <select id="template-choice" className="input select" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose a template…</option>
            {list.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.language})
              </option>
            ))}
          </select>
          {typeof body?.text === "string" && <p className="template-preview">{body.text}</p>}
          {send.error && <Alert>{describeError(send.error)}</Alert>}
          <Button type="submit" variant="primary" disabled={!selected} loading={send.isPending}>
            Send template
          </Button>
        </form>
      )}
    </div>
  );
}
