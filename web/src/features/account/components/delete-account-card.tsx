import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { Dialog } from "../../../components/ui/dialog";
import { PasswordField } from "../../../components/ui/field";
import { ApiError } from "../../../lib/api";
import { describeError, useForm } from "../../../lib/form";
import { paths } from "../../../lib/paths";
import { markSignedOut } from "../../../lib/session-hint";
import { toast } from "../../../lib/toast";
import { useMe } from "../../auth/api/get-me";
import { deleteWorkspace, leaveDeletedWorkspace, type WorkspaceDeletion } from "../../team/api/delete-workspace";
import { WorkspaceNameField, workspaceNameProblem } from "../../team/components/workspace-name-field";
import { deleteAccount, useDeleteAccount } from "../api/delete-account";

const LABELS = { password: "Password", name: "Workspace name" };

/** The workspace went, but the account could not follow (another workspace still depends on it). */
class AccountStillNeeded extends Error {
  constructor(
    readonly workspace: WorkspaceDeletion,
    readonly refusal: unknown,
  ) {
    super("account still needed");
  }
}

/**
 * Delete your own account. The API refuses while a workspace depends on you
 * (its only owner with teammates, or its only member) and says why; the
 * dialog shows that answer. When the workspace you are in is the blocker
 * (you are its only member), the dialog offers its export and deleting it
 * together with the account.
 */
export function DeleteAccountCard() {
  const me = useMe().data;
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  /** Set when the refusal is "you are the only member of this workspace" and you own it. */
  const [soloWorkspace, setSoloWorkspace] = useState<string | null>(null);
  const remove = useDeleteAccount();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const form = useForm(LABELS);
  const formId = useId();

  const both = useMutation({
    mutationFn: async (input: { name: string; password: string }) => {
      const workspace = await deleteWorkspace(input);
      try {
        await deleteAccount({ password: input.password });
      } catch (err) {
        throw new AccountStillNeeded(workspace, err);
      }
      return workspace;
    },
    onSuccess: async (workspace) => {
      markSignedOut();
      // The goodbye page drops the cached data once this page is gone.
      await navigate(paths.goodbye({ workspace: workspace.name, account: true }), { replace: true });
    },
    onError: async (err) => {
      if (!(err instanceof AccountStillNeeded)) return form.showServerError(err);
      await leaveDeletedWorkspace(qc, navigate, err.workspace);
      toast({ tone: "error", title: "Your account is still here", description: describeError(err.refusal) });
    },
  });
  const pending = remove.isPending || both.isPending;

  function close() {
    if (pending) return;
    setOpen(false);
    setPassword("");
    setName("");
    setSoloWorkspace(null);
    form.reset();
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (soloWorkspace) {
      const ok = form.check({
        password: password ? undefined : "Enter your password",
        name: workspaceNameProblem(name, soloWorkspace),
      });
      if (ok) both.mutate({ name, password });
      return;
    }
    if (!form.check({ password: password ? undefined : "Enter your password" })) return;
    remove.mutate(
      { password },
      {
        onError: (err) => {
          form.showServerError(err);
          if (me && err instanceof ApiError && err.status === 409 && me.role === "owner" && err.detail.startsWith(`You are the only member of ${me.tenant.name}.`)) {
            setSoloWorkspace(me.tenant.name);
          }
        },
      },
    );
  }

  return (
    <Card title="Delete your account" description="Removes you from every workspace and signs you out everywhere. Workspaces and their data stay with their other members.">
      <div>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Delete my account…
        </Button>
      </div>
      <Dialog
        open={open}
        onClose={close}
        title="Delete your account?"
        description="This can't be undone. Enter your password to confirm."
        closeOnBackdrop={false}
        role="alertdialog"
        footer={
          <>
            <Button onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" form={formId} variant="danger" loading={pending}>
              {soloWorkspace ? "Delete workspace and account" : "Delete my account"}
            </Button>
          </>
        }
      >
        <form id={formId} ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Delete account">
          {form.formError && <Alert>{form.formError}</Alert>}
          {soloWorkspace && (
            <p>
              First{" "}
              <a href="/api/tenant/export" download>
                download your data
              </a>
              , then delete {soloWorkspace} together with your account: the workspace closes at once and its data is erased in the background, usually within the hour.
            </p>
          )}
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
          {soloWorkspace && (
            <WorkspaceNameField
              label={LABELS.name}
              expected={soloWorkspace}
              value={name}
              onChange={(value) => {
                setName(value);
                form.clearError("name");
              }}
              error={form.errors.name}
            />
          )}
        </form>
      </Dialog>
    </Card>
  );
}
