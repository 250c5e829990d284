import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { CopyField } from "../../../components/ui/copy-field";
import { Dialog } from "../../../components/ui/dialog";
import { TextField } from "../../../components/ui/field";
import { useForm } from "../../../lib/form";
import { useCreateApiKey } from "../api/create-api-key";

const LABELS = { name: "Key name" };

/** Name a key, then see it exactly once with a copy button. */
export function CreateApiKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateApiKey();
  const form = useForm(LABELS);
  const [name, setName] = useState("");
  const created = create.data;

  function close() {
    if (create.isPending) return;
    create.reset();
    form.reset();
    setName("");
    onClose();
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!form.check({ name: name.trim() ? undefined : "Give the key a name, like the tool that will use it" })) return;
    create.mutate({ name: name.trim() }, { onError: form.showServerError });
  }

  if (created) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title="Copy your new API key"
        size="md"
        closeOnBackdrop={false}
        description={<>Your key “{created.name}” is ready.</>}
        footer={
          <Button variant="primary" onClick={close}>
            I've copied it
          </Button>
        }
      >
        <div className="stack">
          <Alert tone="info" title="You won't see this key again">
            Copy it now and keep it somewhere safe, like a password manager. Anyone with this key can use Parley's API as your business. If you lose it,
            revoke it and create a new one.
          </Alert>
          <CopyField label="API key" value={created.key} />
          <div className="field">
            <span className="field-label">Try it</span>
            <pre className="code-block">
              <code>{`curl -H "Authorization: Bearer ${created.key}" \\\n  ${window.location.origin}/api/me`}</code>
            </pre>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create an API key"
      description="API keys let your own software, scripts or integrations use Parley. Name each key after the tool that uses it, so you know which one to revoke later."
    >
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Create an API key">
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField
          label={LABELS.name}
          name="name"
          placeholder="e.g. CRM sync"
          autoComplete="off"
          maxLength={80}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            form.clearError("name");
          }}
          error={form.errors.name}
          required
        />
        <div className="form-actions">
          <Button onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
