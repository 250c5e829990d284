import { useMemo, useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { SelectField, TextField } from "../../../components/ui/field";
import { TextAreaField } from "../../../components/ui/textarea-field";
import { ApiError } from "../../../lib/api";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useCreateCustomField, type CustomFieldInput } from "../api/create-custom-field";
import type { CustomField } from "../api/types";
import { useUpdateCustomField, type CustomFieldPatch } from "../api/update-custom-field";

export const FIELD_TYPE_LABELS: Record<CustomField["type"], string> = {
  text: "Text",
  number: "Number",
  boolean: "Yes / no",
  date: "Date",
  select: "One of a list",
};

const TYPE_OPTIONS = (Object.keys(FIELD_TYPE_LABELS) as CustomField["type"][]).map((t) => ({ value: t, label: FIELD_TYPE_LABELS[t] }));

const LABELS = { label: "Label", key: "Key", type: "Type", options: "Options" };
type Name = keyof typeof LABELS;

const KEY_RE = /^[a-z][a-z0-9_]{0,39}$/;

/** "Preferred area" → "preferred_area": lowercase letters, digits and '_', starting with a letter. */
export function suggestKey(label: string): string {
  let k = label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (k && !/^[a-z]/.test(k)) k = `field_${k}`;
  return k.slice(0, 40).replace(/_+$/, "");
}

/** One option a line; blank lines are ignored. */
const parseOptions = (text: string) =>
  text
    .split("\n")
    .map((o) => o.trim())
    .filter(Boolean);

/**
 * The server names option problems "options.2" and a taken key by the other
 * field's id; show both next to the right input in plain words.
 */
function forForm(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const fieldErrors: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    const name = path.startsWith("options.") ? "options" : path;
    if (name === "key" && error.status === 409) fieldErrors.key = "is already used by another field. Choose a different key.";
    // "1 contact(s) hold a removed option (Beach); change their value first"
    else if (name === "options" && error.status === 409) fieldErrors.options = error.detail;
    else fieldErrors[name] ??= message;
  }
  return new ApiError({ status: error.status, code: error.code, title: error.title, detail: error.detail, requestId: error.requestId, fieldErrors, retryAfterSeconds: error.retryAfterSeconds });
}

/** Add a field (no `field`) or change an existing one's label and options. */
export function CustomFieldDialog({ field, onClose }: { field?: CustomField; onClose: () => void }) {
  const create = useCreateCustomField();
  const update = useUpdateCustomField();
  const pending = create.isPending || update.isPending;
  const title = field ? `Edit “${field.label}”` : "Add a field";
  const labels = useMemo(() => LABELS, []);
  const form = useForm<Name>(labels);
  const [label, setLabel] = useState(field?.label ?? "");
  const [key, setKey] = useState(field?.key ?? "");
  const [keyEdited, setKeyEdited] = useState(!!field);
  const [type, setType] = useState<CustomField["type"]>(field?.type ?? "text");
  const [options, setOptions] = useState((field?.options ?? []).join("\n"));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const opts = parseOptions(options);
    const dup = opts.find((o, i) => opts.indexOf(o) !== i);
    const long = opts.find((o) => o.length > 100);
    const errors: Partial<Record<Name, string>> = {
      label: label.trim() ? (label.trim().length > 80 ? "Keep the label to 80 characters or fewer" : undefined) : "Give the field a label, e.g. Budget",
      key: field
        ? undefined
        : !key.trim()
          ? "Give the field a key, e.g. budget"
          : KEY_RE.test(key.trim())
            ? undefined
            : "Use 1–40 lowercase letters, digits or '_', starting with a letter",
      options:
        type !== "select"
          ? undefined
          : opts.length === 0
            ? "Add at least one option, one a line"
            : dup
              ? `“${dup}” is listed twice`
              : long
                ? `Keep each option to 100 characters or fewer (“${long.slice(0, 20)}…”)`
                : opts.length > 100
                  ? "A field can have at most 100 options"
                  : undefined,
    };
    if (!form.check(errors)) return;

    if (!field) {
      const input: CustomFieldInput = { key: key.trim(), label: label.trim(), type, ...(type === "select" ? { options: opts } : {}) };
      create.mutate(input, {
        onSuccess: (saved) => {
          toast({ tone: "success", title: `${saved.label} added`, description: "You can fill it in on any contact's Edit dialog." });
          onClose();
        },
        onError: (err) => form.showServerError(forForm(err)),
      });
      return;
    }
    const patch: CustomFieldPatch = {};
    if (label.trim() !== field.label) patch.label = label.trim();
    if (field.type === "select" && opts.join("\n") !== (field.options ?? []).join("\n")) patch.options = opts;
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate(
      { id: field.id, patch },
      {
        onSuccess: (saved) => {
          toast({ tone: "success", title: `${saved.label} saved` });
          onClose();
        },
        onError: (err) => form.showServerError(forForm(err)),
      },
    );
  }

  return (
    <Dialog open onClose={() => !pending && onClose()} title={title} size="md" closeOnBackdrop={false}>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label={title}>
        {form.formError && <Alert>{form.formError}</Alert>}
        <div className="form-grid">
          <TextField
            label={LABELS.label}
            name="label"
            value={label}
            maxLength={80}
            autoComplete="off"
            error={form.errors.label}
            hint="What your team sees, e.g. Budget or Preferred area."
            onChange={(e) => {
              setLabel(e.target.value);
              if (!keyEdited) setKey(suggestKey(e.target.value));
              form.clearError("label");
              if (!keyEdited) form.clearError("key");
            }}
          />
          {field ? (
            <div className="field">
              <span className="field-label">Key</span>
              <code className="key-prefix cf-key">{field.key}</code>
              <p className="field-hint">Used in CSV columns and the API. It stays the same when you rename the label.</p>
            </div>
          ) : (
            <TextField
              label={LABELS.key}
              name="key"
              value={key}
              maxLength={40}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              error={form.errors.key}
              hint="The column name in CSV files and the API: lowercase letters, digits and '_'."
              onChange={(e) => {
                setKey(e.target.value);
                setKeyEdited(true);
                form.clearError("key");
              }}
            />
          )}
        </div>
        {field ? (
          <p className="muted small">
            Type: <strong>{FIELD_TYPE_LABELS[field.type]}</strong>. A field's type can't be changed; add a new field instead.
          </p>
        ) : (
          <SelectField
            label={LABELS.type}
            name="type"
            value={type}
            options={TYPE_OPTIONS}
            error={form.errors.type}
            hint={type === "select" ? "Each contact gets one of the options you list below." : undefined}
            onChange={(e) => {
              setType(e.target.value as CustomField["type"]);
              form.clearError("type");
              form.clearError("options");
            }}
          />
        )}
        {type === "select" && (
          <TextAreaField
            label={LABELS.options}
            name="options"
            value={options}
            rows={5}
            error={form.errors.options}
            hint={field ? "One a line. An option that contacts still hold can't be removed until you change their value." : "One a line, e.g. Downtown, then Suburbs on the next line."}
            onChange={(e) => {
              setOptions(e.target.value);
              form.clearError("options");
            }}
          />
        )}
        <div className="form-actions">
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={pending}>
            {field ? "Save field" : "Add field"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
