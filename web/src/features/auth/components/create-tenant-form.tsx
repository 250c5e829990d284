import { useState, type FormEvent, type ReactNode } from "react";
import { useForm } from "../../../lib/form";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { TextField } from "../../../components/ui/field";
import { useCreateTenant } from "../api/create-tenant";

const LABELS = { name: "Business name" };

/** Name a new business; used in the tenant switcher's dialog and for people without one. */
export function CreateTenantForm({ onCreated, secondaryAction, id }: { onCreated?: () => void; secondaryAction?: ReactNode; id?: string }) {
  const create = useCreateTenant();
  const form = useForm(LABELS);
  const [name, setName] = useState("");

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!form.check({ name: name.trim() ? undefined : "Enter a name for the business" })) return;
    create.mutate({ name: name.trim() }, { onSuccess: () => onCreated?.(), onError: form.showServerError });
  }

  return (
    <form ref={form.formRef} id={id} className="form" onSubmit={onSubmit} noValidate aria-label="Create a business">
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField
        label={LABELS.name}
        name="name"
        autoComplete="organization"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          form.clearError("name");
        }}
        error={form.errors.name}
        hint="You'll be its owner. Its team, API keys and settings are separate from your other businesses."
        required
      />
      <div className="form-actions">
        {secondaryAction}
        <Button type="submit" variant="primary" loading={create.isPending}>
          Create business
        </Button>
      </div>
    </form>
  );
}
