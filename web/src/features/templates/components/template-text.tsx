import { PreviewText } from "../../inbox/components/template-preview-text";
import { templateShape } from "../../inbox/template-params";
import type { ManagedTemplate } from "../api";

/** A template as the customer will read it, placeholders filled where a value is given. */
export function TemplatePreview({ template, values = {} }: { template: Pick<ManagedTemplate, "components">; values?: Record<string, string> }) {
  const shape = templateShape(template);
  return (
    <div className="template-preview" aria-label="Preview" role="group">
      {shape.header && (
        <p className="template-preview-header">
          <PreviewText section="header" text={shape.header} values={values} />
        </p>
      )}
      {shape.body && (
        <p>
          <PreviewText section="body" text={shape.body} values={values} />
        </p>
      )}
      {shape.footer && <p className="template-preview-footer">{shape.footer}</p>}
    </div>
  );
}
