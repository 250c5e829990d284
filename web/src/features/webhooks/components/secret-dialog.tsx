import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { CopyField } from "../../../components/ui/copy-field";
import { Dialog } from "../../../components/ui/dialog";

/** A signing secret, shown this once. */
export function SecretDialog({ title, secret, onClose, children }: { title: string; secret: string; onClose: () => void; children?: React.ReactNode }) {
  return (
    <Dialog
      open
      onClose={onClose}
      title={title}
      size="md"
      closeOnBackdrop={false}
      footer={
        <Button variant="primary" onClick={onClose}>
          I've copied it
        </Button>
      }
    >
      <div className="stack">
        <Alert tone="info" title="You won't see this secret again">
          Copy it now and store it with your app's settings. Your app uses it to check that each webhook really comes from Parley.
        </Alert>
        <CopyField label="Signing secret" value={secret} />
        {children}
      </div>
    </Dialog>
  );
}
