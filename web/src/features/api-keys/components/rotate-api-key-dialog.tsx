import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { CopyField } from "../../../components/ui/copy-field";
import { Dialog } from "../../../components/ui/dialog";
import { SelectField } from "../../../components/ui/field";
import { describeError } from "../../../lib/form";
import { formatDate } from "../../../lib/format";
import type { ApiKey } from "../api/list-api-keys";
import { useRotateApiKey, type RotateInput } from "../api/rotate-api-key";

const OVERLAPS = [
  { value: "0", label: "Stop the old key right away" },
  { value: "1", label: "1 hour" },
  { value: "24", label: "24 hours" },
  { value: "72", label: "3 days" },
  { value: "168", label: "7 days" },
];

const timeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Replace a key: the new one is shown once; the old one keeps working for the chosen overlap. */
export function RotateApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const rotate = useRotateApiKey();
  const [overlap, setOverlap] = useState("24");
  const [attempt, setAttempt] = useState<RotateInput | null>(null);
  const rotated = rotate.data;

  const close = () => {
    if (rotate.isPending) return;
    onClose();
  };

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = attempt ?? { id: apiKey.id, overlapHours: Number(overlap) };
    setAttempt(input);
    rotate.mutate(input);
  }

  if (rotated) {
    const immediate = attempt?.overlapHours === 0;
    return (
      <Dialog
        open
        onClose={close}
        title="Copy your new API key"
        size="md"
        closeOnBackdrop={false}
        description={<>The new key for “{rotated.name}” is ready.</>}
        footer={
          <Button variant="primary" onClick={close}>
            I've copied it
          </Button>
        }
      >
        <div className="stack">
          <Alert tone="info" title="You won't see this key again">
            {immediate
              ? "The old key has stopped working. Put the new key into your tool now."
              : `Put it into your tool before ${timeFmt.format(new Date(rotated.replaces.expiresAt))}: until then the old key works too, then it is revoked.`}
          </Alert>
          <CopyField label="New API key" value={rotated.key} />
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={close} title={`Rotate “${apiKey.name}”?`} description="You get a new key now. The old key can keep working for a while, so you can update your tools without downtime.">
      <form className="form" onSubmit={onSubmit} noValidate aria-label={`Rotate ${apiKey.name}`}>
        {rotate.isError && <Alert>{describeError(rotate.error)}</Alert>}
        <SelectField
          label="Keep the old key working for"
          name="overlap"
          options={OVERLAPS}
          value={overlap}
          onChange={(e) => {
            setOverlap(e.target.value);
            setAttempt(null);
          }}
          hint={
            <>
              The old key starts <code>{apiKey.prefix}</code>, created {formatDate(apiKey.createdAt)}. You can still revoke it by hand sooner.
            </>
          }
        />
        <div className="form-actions">
          <Button onClick={close} disabled={rotate.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={rotate.isPending}>
            Rotate key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
