import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { TextField } from "../../../components/ui/field";
import { TextAreaField } from "../../../components/ui/textarea-field";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useCreateKnowledge } from "../api/create-knowledge";
import type { KnowledgeEntry } from "../api/types";
import { useUpdateKnowledge } from "../api/update-knowledge";

const LABELS = { title: "Question or topic", content: "Answer", tags: "Tags" };

/** Add a new entry (entry = null) or edit an existing one. */
export function KnowledgeEntryDialog({ open, entry, onClose }: { open: boolean; entry: KnowledgeEntry | null; onClose: () => void }) {
  if (!open) return null;
  return <EntryForm entry={entry} onClose={onClose} />;
}

function EntryForm({ entry, onClose }: { entry: KnowledgeEntry | null; onClose: () => void }) {
  const create = useCreateKnowledge();
  const update = useUpdateKnowledge();
  const form = useForm(LABELS);
  const [title, setTitle] = useState(entry?.title ?? "");
  const [content, setContent] = useState(entry?.content ?? "");
  const [tags, setTags] = useState(entry?.tags.join(", ") ?? "");
  const pending = create.isPending || update.isPending;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = form.check({
      title: title.trim() ? (title.trim().length > 200 ? "Keep the title under 200 characters" : undefined) : "Write the question customers ask, or a short topic",
      content: content.trim() ? (content.trim().length > 20_000 ? "Keep the answer under 20,000 characters" : undefined) : "Write the answer the assistant should give",
    });
    if (!ok) return;
    const input = {
      title: title.trim(),
      content: content.trim(),
      tags: tags
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    };
    const done = () => {
      toast({ tone: "success", title: entry ? "Entry saved" : "Entry added", description: "The assistant can use it right away." });
      onClose();
    };
    if (entry) update.mutate({ id: entry.id, ...input }, { onSuccess: done, onError: form.showServerError });
    else create.mutate(input, { onSuccess: done, onError: form.showServerError });
  }

  return (
    <Dialog
      open
      onClose={() => !pending && onClose()}
      title={entry ? "Edit knowledge entry" : "Add knowledge entry"}
      size="md"
      closeOnBackdrop={false}
      description="The assistant answers customers only from these entries. One question or topic per entry works best."
    >
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label={entry ? "Edit knowledge entry" : "Add knowledge entry"}>
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField
          label={LABELS.title}
          name="title"
          placeholder="e.g. What are your opening hours?"
          value={title}
          maxLength={200}
          onChange={(e) => {
            setTitle(e.target.value);
            form.clearError("title");
          }}
          error={form.errors.title}
          required
        />
        <TextAreaField
          label={LABELS.content}
          name="content"
          rows={7}
          placeholder="e.g. We're open Monday to Saturday, 9:00 to 18:00."
          value={content}
          onChange={(e) => {
            setContent(e.target.value);
            form.clearError("content");
          }}
          error={form.errors.content}
          hint="Include the facts customers need: prices, times, addresses. The assistant never invents numbers."
          required
        />
        <TextField
          label={LABELS.tags}
          name="tags"
          optional
          placeholder="e.g. hours, store"
          hint="Separate tags with commas. They help you find entries; they don't change answers."
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          error={form.errors.tags}
        />
        <div className="form-actions">
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={pending}>
            {entry ? "Save entry" : "Add entry"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
