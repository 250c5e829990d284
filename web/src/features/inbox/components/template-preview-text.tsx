import { previewParts, type Section } from "../template-params";

/** A template's text with its placeholders: filled values highlighted, empty ones shown by name. */
export function PreviewText({ section, text, values }: { section: Section; text: string; values: Record<string, string> }) {
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
