import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { TextField } from "../../../components/ui/field";
import { isApiError } from "../../../lib/api";
import { describeError } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useBulkTag } from "../api/bulk-tag";

const split = (s: string) => s.split(/[,;]/).map((t) => t.trim()).filter(Boolean);

export function BulkTagDialog({ contactIds, onClose, onDone }: { contactIds: string[]; onClose: () => void; onDone: () => void }) {
  const bulk = useBulkTag();
  const [add, setAdd] = useState("");
  const [remove, setRemove] = useState("");
  const [error, setError] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const a = split(add);
    const r = split(remove);
    if (!a.length && !r.length) return setError("Enter tags to add or to remove");
    bulk.mutate(
      { contactIds, add: a.length ? a : undefined, remove: r.length ? r : undefined },
      {
        onSuccess: (res) => {
          toast({ tone: "success", title: `Tags updated on ${res.updated} contact${res.updated === 1 ? "" : "s"}` });
          onDone();
        },
        onError: (err) => setError(describeError(err)),
      },
    );
  }
  return (
    <Dialog open onClose={onClose} title={`Tag ${contactIds.length} contact${contactIds.length === 1 ? "" : "s"}`}>
      <form className="form" onSubmit={submit} noValidate aria-label="Tag contacts">
        {error && <Alert>{error}</Alert>}
        <TextField label="Add tags" name="add" placeholder="vip, follow-up" hint="Separate tags with commas." value={add} onChange={(e) => setAdd(e.target.value)} error={isApiError(bulk.error) ? bulk.error.fieldErrors.add : undefined} />
        <TextField label="Remove tags" name="remove" optional value={remove} onChange={(e) => setRemove(e.target.value)} />
        <div className="form-actions">
          <Button onClick={onClose} disabled={bulk.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={bulk.isPending}>
            Apply
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
