import { useMemo, useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { SelectField, TextField } from "../../../components/ui/field";
import { Skeleton } from "../../../components/ui/skeleton";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useCustomFields } from "../api/list-custom-fields";
import { contactLabel, type Contact, type CustomField } from "../api/types";
import { useUpdateContact, type ContactPatch } from "../api/update-contact";

/** Stages the dashboard and the qualification flow use; any other lowercase word works too. */
const STAGE_SUGGESTIONS = ["new", "lead", "contacted", "qualified", "customer", "lost"];

const BASE_LABELS = { name: "Name", email: "Email", stage: "Stage", leadScore: "Lead score" };
type Base = keyof typeof BASE_LABELS;
/** Every input's text: the built-in fields, then "customFields.<key>" ones. */
type Values = Record<Base, string> & { [path: string]: string };

const fieldPath = (key: string) => `customFields.${key}`;

/** A custom field's value as the text of its input ("" when not set). */
function asText(def: CustomField, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (def.type === "boolean") return value === true ? "true" : value === false ? "false" : "";
  return String(value);
}

/** The input's text as the value the API takes: null clears it, undefined means "can't be read". */
function fromText(def: CustomField, text: string): unknown {
  const t = text.trim();
  if (t === "") return null;
  if (def.type === "number") return /^-?\d+([.,]\d+)?$/.test(t) ? Number(t.replace(",", ".")) : undefined;
  if (def.type === "boolean") return t === "true";
  return t;
}

/** The "Edit contact" button of the contact page and its dialog. */
export function EditContactButton({ contact }: { contact: Contact }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Edit contact</Button>
      {open && <ContactEditDialog contact={contact} onClose={() => setOpen(false)} />}
    </>
  );
}

export function ContactEditDialog({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const fields = useCustomFields();
  const update = useUpdateContact(contact.id);
  const title = `Edit ${contactLabel(contact)}`;
  return (
    <Dialog open onClose={() => !update.isPending && onClose()} title={title} size="md" closeOnBackdrop={false} description={`Phone ${contact.phone} can't be changed: it is how WhatsApp identifies this person.`}>
      {fields.isPending ? (
        <div className="stack" role="status" aria-label="Loading the contact's fields">
          <Skeleton height={40} />
          <Skeleton height={40} />
          <Skeleton height={40} width="60%" />
        </div>
      ) : (
        <EditForm contact={contact} definitions={fields.data?.data ?? []} fieldsFailed={fields.isError} update={update} onClose={onClose} title={title} />
      )}
    </Dialog>
  );
}

function EditForm({
  contact,
  definitions,
  fieldsFailed,
  update,
  onClose,
  title,
}: {
  contact: Contact;
  definitions: CustomField[];
  fieldsFailed: boolean;
  update: ReturnType<typeof useUpdateContact>;
  onClose: () => void;
  title: string;
}) {
  // In the order the contact page lists them.
  const defs = definitions;
  const labels = useMemo(() => ({ ...BASE_LABELS, ...Object.fromEntries(defs.map((d) => [fieldPath(d.key), d.label])) }) as Record<string, string>, [defs]);
  const form = useForm(labels);
  const initial = useMemo(
    () => ({
      name: contact.name ?? "",
      email: contact.email ?? "",
      stage: contact.stage,
      leadScore: String(contact.leadScore),
      ...Object.fromEntries(defs.map((d) => [fieldPath(d.key), asText(d, contact.customFields[d.key])])),
    }),
    [contact, defs],
  ) as Values;
  const [v, setV] = useState<Values>(initial);
  const set = (k: string) => (e: { target: { value: string } }) => {
    setV((prev) => ({ ...prev, [k]: e.target.value }));
    form.clearError(k);
  };
  const changed = (k: string) => v[k] !== initial[k];

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const score = Number(v.leadScore);
    const errors: Record<string, string | undefined> = {
      leadScore: v.leadScore.trim() !== "" && Number.isInteger(score) && score >= 0 && score <= 100 ? undefined : "Use a whole number from 0 to 100",
      stage: v.stage.trim() ? undefined : "Give the contact a stage, e.g. new or customer",
    };
    const customFields: Record<string, unknown> = {};
    for (const d of defs) {
      const path = fieldPath(d.key);
      if (!changed(path)) continue;
      const value = fromText(d, v[path] ?? "");
      if (value === undefined) errors[path] = "Enter a number, e.g. 42 or 3.5";
      else customFields[d.key] = value;
    }
    if (!form.check(errors)) return;

    const patch: ContactPatch = {};
    if (changed("name")) patch.name = v.name.trim() || null;
    if (changed("email")) patch.email = v.email.trim() || null;
    if (changed("stage")) patch.stage = v.stage.trim();
    if (changed("leadScore")) patch.leadScore = score;
    if (Object.keys(customFields).length) patch.customFields = customFields;
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate(patch, {
      onSuccess: (saved) => {
        toast({ tone: "success", title: "Contact saved", description: `${contactLabel(saved)} is up to date.` });
        onClose();
      },
      onError: form.showServerError,
    });
  }

  const text = (k: Base) => ({ name: k, value: v[k] ?? "", onChange: set(k), error: form.errors[k] });
  return (
    <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label={title}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <div className="form-grid">
        <TextField label={BASE_LABELS.name} {...text("name")} optional maxLength={200} autoComplete="off" />
        <TextField label={BASE_LABELS.email} {...text("email")} optional type="email" inputMode="email" maxLength={254} autoComplete="off" spellCheck={false} />
        <TextField
          label={BASE_LABELS.stage}
          {...text("stage")}
          maxLength={40}
          list="contact-stage-suggestions"
          autoCapitalize="off"
          hint="Where this person is with you: new, lead, qualified, customer…"
        />
        <datalist id="contact-stage-suggestions">
          {STAGE_SUGGESTIONS.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <TextField label={BASE_LABELS.leadScore} {...text("leadScore")} type="number" inputMode="numeric" min={0} max={100} step={1} hint="0 to 100. The qualification flow also updates it." />
      </div>
      {fieldsFailed ? (
        <Alert tone="info">Custom fields couldn't be loaded, so only the details above can be changed now.</Alert>
      ) : defs.length > 0 ? (
        <fieldset className="fieldset">
          <legend className="subheading">Custom fields</legend>
          <div className="form-grid">
            {defs.map((d) => (
              <CustomFieldInput key={d.id} def={d} value={v[fieldPath(d.key)] ?? ""} onChange={set(fieldPath(d.key))} error={form.errors[fieldPath(d.key)]} />
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="form-actions">
        <Button onClick={onClose} disabled={update.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={update.isPending}>
          Save contact
        </Button>
      </div>
    </form>
  );
}

/** One typed custom field: text, number, yes/no, date or one of a list. Empty clears it. */
function CustomFieldInput({ def, value, onChange, error }: { def: CustomField; value: string; onChange: (e: { target: { value: string } }) => void; error?: string }) {
  const name = fieldPath(def.key);
  if (def.type === "boolean" || def.type === "select") {
    const options =
      def.type === "boolean"
        ? [
            { value: "", label: "Not set" },
            { value: "true", label: "Yes" },
            { value: "false", label: "No" },
          ]
        : [{ value: "", label: "Not set" }, ...(def.options ?? []).map((o) => ({ value: o, label: o })), ...(value && !(def.options ?? []).includes(value) ? [{ value, label: value }] : [])];
    return <SelectField label={def.label} name={name} value={value} onChange={onChange} options={options} error={error} />;
  }
  if (def.type === "number") return <TextField label={def.label} name={name} optional type="text" inputMode="decimal" value={value} onChange={onChange} error={error} />;
  if (def.type === "date") return <TextField label={def.label} name={name} optional type="date" value={value} onChange={onChange} error={error} />;
  return <TextField label={def.label} name={name} optional maxLength={1000} value={value} onChange={onChange} error={error} />;
}
