import { useId, useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { Dialog } from "../../../components/ui/dialog";
import { PasswordField } from "../../../components/ui/field";
import { useForm } from "../../../lib/form";
import { useDeleteWorkspace } from "../api/delete-workspace";
import { WorkspaceNameField, workspaceNameProblem } from "./workspace-name-field";

const LABELS = { name: "Workspace name", password: "Password" };

/**
 * The danger zone (owners only): delete the whole workspace. The dialog asks
 * for the name typed exactly and the owner's password, and offers the export
 * first. Afterwards the owner lands in their next workspace, or is signed out
 * to the goodbye page.
 */
export function DeleteWorkspaceCard({ tenantName }: { tenantName: string }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const remove = useDeleteWorkspace();
  const form = useForm(LABELS);
  const formId = useId();

  function close() {
    if (remove.isPending) return;
    setOpen(false);
    setName("");
    setPassword("");
    form.reset();
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = form.check({
      name: workspaceNameProblem(name, tenantName),
      password: password ? undefined : "Enter your password",
    });
    if (!ok) return;
    remove.mutate({ name, password }, { onError: form.showServerError });
  }

  return (
    <Card
      title="Delete workspace"
      description={`Deletes ${tenantName} for everyone: its conversations, contacts, files, bot, campaigns, channels and settings. Members keep their own accounts.`}
      className="card-danger"
    >
      <div>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Delete workspace…
        </Button>
      </div>
      <Dialog
        open={open}
        onClose={close}
        title={`Delete ${tenantName}?`}
        description="This can't be undone. The workspace closes at once for every member, its WhatsApp numbers stop receiving here and its data is erased in the background, usually within the hour."
        closeOnBackdrop={false}
        role="alertdialog"
        footer={
          <>
            <Button onClick={close} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button type="submit" form={formId} variant="danger" loading={remove.isPending}>
              Delete workspace
            </Button>
          </>
        }
      >
        <form id={formId} ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Delete workspace">
          {form.formError && <Alert>{form.formError}</Alert>}
          <p>
            Keep a copy first:{" "}
            <a href="/api/tenant/export" download>
              download your data
            </a>{" "}
            (one file with everything the workspace holds).
          </p>
          <WorkspaceNameField
            label={LABELS.name}
            expected={tenantName}
            value={name}
            onChange={(value) => {
              setName(value);
              form.clearError("name");
            }}
            error={form.errors.name}
          />
          <PasswordField
            label={LABELS.password}
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              form.clearError("password");
            }}
            error={form.errors.password}
            required
          />
        </form>
      </Dialog>
    </Card>
  );
}
