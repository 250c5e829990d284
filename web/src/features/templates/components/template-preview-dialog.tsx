import { useState } from "react";
import { Dialog } from "../../../components/ui/dialog";
import { Button } from "../../../components/ui/button";
import { TextField } from "../../../components/ui/field";
import { templateShape } from "../../inbox/template-params";
import type { ManagedTemplate } from "../api";
import { TemplatePreview } from "./template-text";

/** Try a template's parameters and see the message a customer would get. */
export function TemplatePreviewDialog({ template, onClose }: { template: ManagedTemplate; onClose: () => void }) {
  const shape = templateShape(template);
  const [values, setValues] = useState<Record<string, string>>({});
  return (
    <Dialog open onClose={onClose} title={`Preview “${template.name}”`} description={`${template.language} · ${template.category}`} footer={<Button onClick={onClose}>Close</Button>}>
      <div className="form">
        {template.statusReason && (
          <p className="small">
            <strong>Meta says:</strong> {template.statusReason}
          </p>
        )}
        {shape.slots.length > 0 && (
          <fieldset className="template-values">
            <legend className="field-label">Try the parameters</legend>
            <div className="template-values-grid">
              {shape.slots.map((slot) => (
                <TextField
                  key={slot.id}
                  label={slot.label}
                  name={slot.id}
                  autoComplete="off"
                  value={values[slot.id] ?? ""}
                  onChange={(e) => setValues((v) => ({ ...v, [slot.id]: e.target.value }))}
                />
              ))}
            </div>
          </fieldset>
        )}
        <TemplatePreview template={template} values={values} />
      </div>
    </Dialog>
  );
}
