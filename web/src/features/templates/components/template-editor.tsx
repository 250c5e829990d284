import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { SelectField, TextField } from "../../../components/ui/field";
import { TextAreaField } from "../../../components/ui/textarea-field";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import type { Channel } from "../../channels/api/types";
import { TEMPLATE_CATEGORIES, useSaveTemplate, type ManagedTemplate, type TemplateCategory, type TemplateInput } from "../api";
import { TemplatePreview } from "./template-text";

const LABELS = { destination: "Where it is used", name: "Name", language: "Language", category: "Category", header: "Header", body: "Message", footer: "Footer" };
type Field = keyof typeof LABELS;

const textOf = (t: ManagedTemplate | null, type: string) => {
  const c = t?.components.find((x) => String(x.type).toUpperCase() === type);
  return typeof c?.text === "string" ? c.text : "";
};

export const CATEGORY_LABEL: Record<TemplateCategory, string> = { marketing: "Marketing", utility: "Utility", authentication: "Authentication" };

/**
 * Create a local template (WAHA and the sandbox), edit one, or submit a new
 * one to Meta for approval (a Meta channel with its WhatsApp Business Account ID).
 */
export function TemplateEditor({ open, onClose, template, metaChannels }: { open: boolean; onClose: () => void; template: ManagedTemplate | null; metaChannels: Channel[] }) {
  const save = useSaveTemplate();
  const form = useForm(LABELS);
  const editing = template !== null;
  const [values, setValues] = useState(() => ({
    destination: "local",
    name: template?.name ?? "",
    language: template?.language ?? "en",
    category: (template?.category ?? "utility") as TemplateCategory,
    header: textOf(template, "HEADER"),
    body: textOf(template, "BODY"),
    footer: textOf(template, "FOOTER"),
  }));
  const set = (field: Field) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    form.clearError(field);
  };
  const components: TemplateInput["components"] = [
    ...(values.header.trim() ? [{ type: "HEADER" as const, format: "TEXT" as const, text: values.header.trim() }] : []),
    { type: "BODY", text: values.body.trim() },
    ...(values.footer.trim() ? [{ type: "FOOTER" as const, text: values.footer.trim() }] : []),
  ];
  const toMeta = values.destination !== "local";

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = form.check({
      name: /^[a-z0-9_]{1,512}$/.test(values.name.trim()) ? undefined : "Use lowercase letters, digits and underscores, like order_update",
      language: /^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(values.language.trim()) ? undefined : "Use a WhatsApp language code such as en, en_US or id",
      body: values.body.trim() ? undefined : "Write the message",
    });
    if (!ok) return;
    const input: TemplateInput = { name: values.name.trim(), language: values.language.trim(), category: values.category, components };
    save.mutate(
      { id: template?.id, channelId: toMeta ? values.destination : null, input },
      {
        onSuccess: (t) => {
          toast({ tone: "success", title: editing ? `“${t.name}” saved` : toMeta ? `“${t.name}” sent to Meta for review` : `“${t.name}” created` });
          onClose();
        },
        onError: (err) => form.showServerError(err),
      },
    );
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={editing ? `Edit “${template.name}”` : "New template"}
      description={editing ? "Local templates are used on WAHA and sandbox channels." : "For WAHA and the sandbox it is ready at once; a Meta template is used once Meta approves it."}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="template-editor" variant="primary" loading={save.isPending}>
            {editing ? "Save template" : toMeta ? "Submit to Meta" : "Create template"}
          </Button>
        </>
      }
    >
      <form id="template-editor" ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label={editing ? "Edit template" : "New template"}>
        {form.formError && <Alert>{form.formError}</Alert>}
        {!editing && (
          <SelectField
            label={LABELS.destination}
            name="destination"
            value={values.destination}
            onChange={set("destination")}
            options={[
              { value: "local", label: "WAHA and sandbox (no approval needed)" },
              ...metaChannels.map((c) => ({ value: c.id, label: `Submit to Meta for ${c.name}` })),
            ]}
            hint={toMeta ? "Meta reviews it, usually within minutes to a day; its status shows here." : undefined}
          />
        )}
        <div className="template-editor-row">
          <TextField label={LABELS.name} name="name" value={values.name} onChange={set("name")} error={form.errors.name} autoComplete="off" hint="Like order_update" required />
          <TextField label={LABELS.language} name="language" value={values.language} onChange={set("language")} error={form.errors.language} autoComplete="off" hint="en, en_US, id…" required />
          <SelectField label={LABELS.category} name="category" value={values.category} onChange={set("category")} options={TEMPLATE_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABEL[c] }))} />
        </div>
        <TextField label={LABELS.header} name="header" value={values.header} onChange={set("header")} error={form.errors.header} optional maxLength={60} />
        <TextAreaField
          label={LABELS.body}
          name="body"
          value={values.body}
          onChange={set("body")}
          error={form.errors.body}
          rows={4}
          maxLength={1024}
          hint="Put {{1}}, {{2}}… where details change for each customer."
          required
        />
        <TextField label={LABELS.footer} name="footer" value={values.footer} onChange={set("footer")} error={form.errors.footer} optional maxLength={60} />
        {values.body.trim() && <TemplatePreview template={{ components }} />}
      </form>
    </Dialog>
  );
}
