import { previewParts, templateShape, type Section } from "../../inbox/template-params";
import type { ManagedTemplate } from "../api";

function PreviewText({ section, text, values }: { section: Section; text: string; values: Record<string, string> }) {
  return (
    <>
      {previewParts(section, text, values).map((p, i) =>
        p.kind === "text" ? (
          p.text
        ) : p.value ? (
          <mark key={i} className="template-value">
            {p.value}
          </mark>
        ) : (
          <span key={i} className="template-placeholder">
            {p.placeholder}
          </span>
        ),
      )}
    </>
  );
}

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
